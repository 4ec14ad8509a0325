// Bulk end: `conversation end --all-active` over 300 active conversations with 50 ms of latency,
// versus ending one. Goal ≤ 10×.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';
import { compare, report, timeCommand, node } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const emulator = await startEmulator({ latencyMs: 50 });
const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
const env = { ...process.env, TAVUS_API_BASE_URL: emulator.url, TAVUS_API_KEY: emulator.apiKey, TAVUS_TEN_CONFIG_DIR: dir };
let single = [];
try {
  const result = await compare(
    () => {
      emulator.seedConversations(300, 'active');
      return timeCommand([node, bin, 'conversation', 'end', '--all-active', '--yes', '--json'], { env, cwd: dir }).then((r) => r.ms);
    },
    () => {
      single = emulator.seedConversations(1, 'active');
      return timeCommand([node, bin, 'conversation', 'end', single[0], '--json'], { env, cwd: dir }).then((r) => r.ms);
    },
    { runs: 10, warmup: 2 },
  );
  report(
    'bulk end (300 active, 50 ms latency)',
    `${result.ratio.toFixed(2)}× ending one`,
    '≤ 10×',
    `median ${result.subjectMedian.toFixed(0)} ms vs ${result.baselineMedian.toFixed(0)} ms over ${result.runs} runs`,
  );
} finally {
  await emulator.close();
}
