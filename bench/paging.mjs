// Paging: `persona list --all --json` over 2,000 personas with 50 ms of latency per response, versus
// one page. Goal ≤ 4× one page's time (sequential paging would be about 20×).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';
import { compare, report, timeCommand, node } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const emulator = await startEmulator({ latencyMs: 50 });
emulator.seedPersonas(2000);
const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
const env = { ...process.env, TAVUS_API_BASE_URL: emulator.url, TAVUS_API_KEY: emulator.apiKey, TAVUS_TEN_CONFIG_DIR: dir };
const cli = (...args) => () => timeCommand([node, bin, ...args], { env, cwd: dir }).then((r) => r.ms);
try {
  const result = await compare(cli('persona', 'list', '--all', '--json'), cli('persona', 'list', '--limit', '100', '--json'), { runs: 10 });
  report(
    'paging --all (2,000 personas, 50 ms latency)',
    `${result.ratio.toFixed(2)}× one page`,
    '≤ 4×',
    `median ${result.subjectMedian.toFixed(0)} ms vs ${result.baselineMedian.toFixed(0)} ms over ${result.runs} runs`,
  );
} finally {
  await emulator.close();
}
