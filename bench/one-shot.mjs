// One API call as users pay for it: `tavus-ten replica get ID --json` against a running emulator, versus a
// ten-line `node:http` script making the same request (wall and peak memory), and the idle time between the
// last byte written and the process's exit. Goals: wall ≤ 1.5× on Node 22/24 (≤ 2× on 20), memory ≤ 1.3×, tail ≤ 5 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';
import { compare, median, node, nodeVersion, peakRssKb, report, RUNS, timeCommand } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const emulator = await startEmulator();
const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
const raw = join(dir, 'raw-http.mjs');
writeFileSync(
  raw,
  `import { get } from 'node:http';
get(process.env.TAVUS_API_BASE_URL + '/v2/replicas/r90bbd427f71', {
  headers: { 'x-api-key': process.env.TAVUS_API_KEY, accept: 'application/json' },
}, (res) => {
  let text = '';
  res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => {
    process.stdout.write(JSON.stringify(JSON.parse(text), null, 2) + '\\n');
  });
});
`,
);
const env = { ...process.env, TAVUS_API_BASE_URL: emulator.url, TAVUS_API_KEY: emulator.apiKey, TAVUS_TEN_CONFIG_DIR: dir };
const cli = [node, bin, 'replica', 'get', 'r90bbd427f71', '--json'];

/** Milliseconds from the last stdout byte arriving to the child's exit (the pipe closes only at exit, so use 'exit'). */
function tailMs(argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    let last = 0;
    child.stdout.on('data', () => (last = performance.now()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - last) : reject(new Error(`exited ${code}`))));
  });
}

try {
  const wall = await compare(
    () => timeCommand(cli, { env, cwd: dir }).then((r) => r.ms),
    () => timeCommand([node, raw], { env, cwd: dir }).then((r) => r.ms),
  );
  const wallGoal = nodeVersion(node).startsWith('v20.') ? '≤ 2×' : '≤ 1.5×';
  report(
    '`replica get --json`, wall',
    `${wall.ratio.toFixed(2)}× a \`node:http\` script (${wall.subjectMedian.toFixed(0)} ms vs ${wall.baselineMedian.toFixed(0)} ms)`,
    wallGoal,
    `medians over ${wall.runs} runs`,
  );
  const memory = await compare(
    () => peakRssKb(cli, { env, cwd: dir }).then((r) => r.kb),
    () => peakRssKb([node, raw], { env, cwd: dir }).then((r) => r.kb),
    { warmup: 1, runs: Math.min(RUNS, 7) },
  );
  report(
    '`replica get --json`, peak memory',
    `${memory.ratio.toFixed(2)}× the same script (${(memory.subjectMedian / 1024).toFixed(0)} MB vs ${(memory.baselineMedian / 1024).toFixed(0)} MB)`,
    '≤ 1.3×',
  );
  // The script's own tail is Node's exit cost as seen from here (process teardown, the parent's scheduling).
  const tails = [];
  const baseTails = [];
  for (let i = 0; i < RUNS; i++) {
    tails.push(await tailMs(cli));
    baseTails.push(await tailMs([node, raw]));
  }
  report(
    'last byte written → exit',
    `${median(tails).toFixed(1)} ms (the script: ${median(baseTails).toFixed(1)} ms)`,
    '≤ 5 ms',
    `medians over ${RUNS} runs`,
  );
} finally {
  await emulator.close();
}

