// Runs the built bin as a user's CI would: CI=true, no TTY, a fresh config dir, a clean environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { recordRun, snapshotFiles } from './secrets.js';

export const BIN = resolve(import.meta.dirname, '../../bin/tavus-ten.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/** A temporary directory used as cwd and config dir; remove it with cleanup(). */
export function tempDir(prefix = 'tavus-ten-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

const PASSTHROUGH = ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR', 'LANG'];

/** The environment a test CLI sees: only what the test gives it, plus PATH and HOME. */
export function cliEnv(env: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const base: Record<string, string | undefined> = { CI: 'true', NO_COLOR: '1' };
  for (const name of PASSTHROUGH) if (process.env[name] !== undefined) base[name] = process.env[name];
  return { ...base, ...env };
}

let scratch: string | undefined;

/** Without a cwd, each run gets its own empty directory (so no .env or config leaks between runs). */
function freshDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'tavus-ten-e2e-'));
  return mkdtempSync(join(scratch, 'run-'));
}

export function startCli(args: string[], options: CliOptions = {}): ResultPromise {
  const dir = options.cwd ?? freshDir();
  const env = cliEnv({ TAVUS_TEN_CONFIG_DIR: join(dir, '.config-tavus-ten'), ...options.env });
  const before = snapshotFiles({ env, cwd: dir });
  const child = execa(process.execPath, [BIN, ...args], {
    cwd: dir,
    env,
    extendEnv: false,
    reject: false,
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    timeout: options.timeoutMs ?? 15_000,
    stripFinalNewline: false,
  });
  // Every run of the suite is checked for leaked secrets (secrets.ts), before the test sees its result.
  void child.then((result) =>
    recordRun({ argv: args, env, cwd: dir, input: options.input, stdout: String(result.stdout), stderr: String(result.stderr), before }),
  );
  return child;
}

export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const result = await startCli(args, options);
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
