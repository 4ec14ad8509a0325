// A small benchmark harness: runs a subject and its baseline alternately in one session (so machine
// noise hits both alike), after a warm-up, and reports medians and their ratio. Never a pass/fail.
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Set where it was set for the runs: NODE_EXTRA_CA_CERTS (a CA file) makes Node 20 read and parse it at every
 * start, about 70 ms here, subject and baseline alike, which hides the ratio users without one see. Every bench
 * imports this module before it builds its children's environment, so none of them inherits it.
 */
export const CLEARED_FROM_ENV = ['NODE_EXTRA_CA_CERTS'].filter((name) => process.env[name] !== undefined);
for (const name of CLEARED_FROM_ENV) delete process.env[name];

export const RUNS = Number(process.env.BENCH_RUNS ?? 15);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** The Node under test: `NODE=/path/to/node npm run bench` (default: the one running the bench). */
export const node = process.env.NODE || process.execPath;

export function nodeVersion(path = node) {
  return execFileSync(path, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
}

/** Runs argv once; resolves to wall time (ms), peak RSS (KB, from /usr/bin/time when available) and stdout size. */
export function timeCommand(argv, { env = process.env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdoutBytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      resolve({ ms, stdoutBytes, stderr });
    });
  });
}

/** Peak RSS in KB of one run, measured by GNU time (Debian package `time`). */
export async function peakRssKb(argv, options = {}) {
  const result = await timeCommand(['/usr/bin/time', '-f', '__RSS__%M', ...argv], options);
  const match = /__RSS__(\d+)/.exec(result.stderr);
  if (!match) throw new Error('GNU time did not report RSS (apt-get install -y time)');
  return { kb: Number(match[1]), stdoutBytes: result.stdoutBytes };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Alternates subject and baseline RUNS times after WARMUP rounds; returns medians (ms) and the ratio. */
export async function compare(subject, baseline, { runs = RUNS, warmup = WARMUP, before } = {}) {
  const subjectMs = [];
  const baselineMs = [];
  for (let i = 0; i < warmup + runs; i++) {
    if (before) await before();
    const s = await subject();
    if (before) await before();
    const b = await baseline();
    if (i >= warmup) {
      subjectMs.push(s);
      baselineMs.push(b);
    }
  }
  const subjectMedian = median(subjectMs);
  const baselineMedian = median(baselineMs);
  return { subjectMedian, baselineMedian, ratio: subjectMedian / baselineMedian, runs };
}

/** One line per figure, `name: value (goal …)`, the format the README table is built from. */
export function report(name, value, goal, detail = '') {
  const line = `${name}: ${value} (goal ${goal})${detail ? ` — ${detail}` : ''}`;
  console.log(line);
  return line;
}
