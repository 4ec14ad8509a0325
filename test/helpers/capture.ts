// In-process runs of the CLI: run(argv, env, io) with captured streams.
import { PassThrough } from 'node:stream';
import { run } from '../../src/main.js';
import type { IO } from '../../src/io/streams.js';
import { recordRun, snapshotFiles } from './secrets.js';

export interface Captured {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function captureIO(opts: { tty?: boolean; columns?: number; input?: string } = {}): { io: IO; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false, columns: opts.columns ?? 120 });
  const stderr = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false, columns: opts.columns ?? 120 });
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false });
  // Piped input, as `echo KEY | tavus-ten …` gives it: all of it, then end of file.
  if (opts.input !== undefined) stdin.end(opts.input);
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { io: { stdin, stdout, stderr }, stdout: () => out.join(''), stderr: () => err.join('') };
}

export async function runInProcess(
  argv: string[],
  env: Record<string, string | undefined>,
  opts: { cwd?: string; signal?: AbortSignal; tty?: boolean; input?: string } = {},
): Promise<Captured> {
  const captured = captureIO({ tty: opts.tty, input: opts.input });
  const fullEnv = { CI: 'true', ...env };
  const cwd = opts.cwd ?? process.cwd();
  const before = snapshotFiles({ env: fullEnv, cwd });
  const exitCode = await run(argv, fullEnv, captured.io, { cwd: opts.cwd, signal: opts.signal });
  await new Promise((resolve) => setImmediate(resolve));
  const result = { exitCode, stdout: captured.stdout(), stderr: captured.stderr() };
  // Every run of the suite is checked for leaked secrets (secrets.ts).
  recordRun({ argv, env: fullEnv, cwd, input: opts.input, stdout: result.stdout, stderr: result.stderr, before });
  return result;
}
