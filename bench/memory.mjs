// Memory: peak RSS of `persona list --all --json` over 10,000 personas. Goal ≤ 1.5× (peak RSS of
// `node -e 0` + the size of the JSON printed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';
import { median, peakRssKb, report, RUNS, node } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const emulator = await startEmulator();
emulator.seedPersonas(10_000);
const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
const env = { ...process.env, TAVUS_API_BASE_URL: emulator.url, TAVUS_API_KEY: emulator.apiKey, TAVUS_TEN_CONFIG_DIR: dir };
try {
  const runs = Math.min(RUNS, 10);
  const subject = [];
  const bare = [];
  let printedKb = 0;
  for (let i = 0; i < runs + 1; i++) {
    const s = await peakRssKb([node, bin, 'persona', 'list', '--all', '--json'], { env, cwd: dir });
    const b = await peakRssKb([node, '-e', '0']);
    if (i === 0) continue; // warm-up
    subject.push(s.kb);
    bare.push(b.kb);
    printedKb = s.stdoutBytes / 1024;
  }
  // For scale: one request made with undici alone (its WebAssembly HTTP parser dominates the figure).
  const raw = await peakRssKb([node, '--input-type=module', '-e', `import { request } from ${JSON.stringify(import.meta.resolve('undici'))};
const res = await request(process.env.TAVUS_API_BASE_URL + '/v2/replicas', { headers: { 'x-api-key': process.env.TAVUS_API_KEY } });
await res.body.text();`], { env, cwd: dir });
  const budget = median(bare) + printedKb;
  report(
    'memory, persona list --all --json (10,000)',
    `${(median(subject) / budget).toFixed(2)}× (bare Node + output)`,
    '≤ 1.5×',
    `peak ${(median(subject) / 1024).toFixed(0)} MB vs ${(median(bare) / 1024).toFixed(0)} MB + ${(printedKb / 1024).toFixed(1)} MB printed`,
  );
  report(
    'memory, same, against one raw undici request',
    `${(median(subject) / (raw.kb + printedKb)).toFixed(2)}× (raw undici request + output)`,
    '—',
    `a lone undici request peaks at ${(raw.kb / 1024).toFixed(0)} MB`,
  );
} finally {
  await emulator.close();
}
