// Request overhead: `tavus-ten replica get r90bbd427f71 --json` against a running emulator, versus a
// ten-line Node script making the same request with undici. Goal ≤ 1.25×.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';
import { compare, report, timeCommand, node } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const emulator = await startEmulator();
const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
const raw = join(dir, 'raw.mjs');
// The baseline resolves undici from this project, as the CLI does.
writeFileSync(
  raw,
  `import { request } from ${JSON.stringify(import.meta.resolve('undici'))};
const res = await request(process.env.TAVUS_API_BASE_URL + '/v2/replicas/r90bbd427f71', {
  headers: { 'x-api-key': process.env.TAVUS_API_KEY, accept: 'application/json' },
});
const body = await res.body.json();
process.stdout.write(JSON.stringify(body, null, 2) + '\\n');
`,
);
const env = { ...process.env, TAVUS_API_BASE_URL: emulator.url, TAVUS_API_KEY: emulator.apiKey, TAVUS_TEN_CONFIG_DIR: dir };
try {
  const result = await compare(
    () => timeCommand([node, bin, 'replica', 'get', 'r90bbd427f71', '--json'], { env, cwd: dir }).then((r) => r.ms),
    () => timeCommand([node, raw], { env, cwd: dir }).then((r) => r.ms),
  );
  report(
    'request overhead',
    `${result.ratio.toFixed(2)}× a raw undici request`,
    '≤ 1.25×',
    `median ${result.subjectMedian.toFixed(1)} ms vs ${result.baselineMedian.toFixed(1)} ms over ${result.runs} runs`,
  );
} finally {
  await emulator.close();
}
