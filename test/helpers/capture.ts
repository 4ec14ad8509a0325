// In-process runs of the CLI: run(argv, env, io) with captured streams.
import { PassThrough } from 'node:stream';
import { run } from '../../src/main.js';
import type { IO } from '../../src/io/streams.js';

export interface Captured {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function captureIO(opts: { tty?: boolean; columns?: number } = {}): { io: IO; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false, columns: opts.columns ?? 120 });
  const stderr = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false, columns: opts.columns ?? 120 });
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false });
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { io: { stdin, stdout, stderr }, stdout: () => out.join(''), stderr: () => err.join('') };
}

export async function runInProcess(
  argv: string[],
  env: Record<string, string | undefined>,
  opts: { cwd?: string; signal?: AbortSignal; tty?: boolean } = {},
): Promise<Captured> {
  const captured = captureIO({ tty: opts.tty });
  const exitCode = await run(argv, { CI: 'true', ...env }, captured.io, { cwd: opts.cwd, signal: opts.signal });
  await new Promise((resolve) => setImmediate(resolve));
  return { exitCode, stdout: captured.stdout(), stderr: captured.stderr() };
}
