// The conformance tier's Python Tavus clients: the virtual environment scripts/install-python-clients.sh
// makes in .cache/python-clients/, and a way to run a driver script (test/conformance/*.py) in it.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

const ROOT = resolve(import.meta.dirname, '../..');
const INSTALL = join(ROOT, 'scripts/install-python-clients.sh');

/** The environment's python when installed with the pinned requirements, else undefined (never installs). */
export function pythonClients(): string | undefined {
  try {
    return execFileSync('bash', [INSTALL, '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1);
  } catch {
    return undefined;
  }
}

export const PYTHON_CLIENTS_MISSING = 'the pinned Python Tavus clients are not installed (run: bash scripts/install-python-clients.sh)';

export interface PythonRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The JSON object a driver prints on its last stdout line. */
  result: any;
}

/**
 * Runs `program` (a driver in test/conformance/, or a console script of the environment such as `tavus`)
 * with only the given environment (plus PATH and HOME), from a scratch cwd.
 */
export async function runPython(python: string, program: string, args: string[], env: Record<string, string>, cwd: string): Promise<PythonRun> {
  const bin = program.endsWith('.py') ? python : join(python, '..', program);
  const argv = program.endsWith('.py') ? [join(ROOT, 'test/conformance', program), ...args] : args;
  const result = await execa(bin, argv, {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1', ...env },
    extendEnv: false,
    reject: false,
    timeout: 90_000,
  });
  const stdout = String(result.stdout);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    try {
      parsed = JSON.parse(stdout);
    } catch {
      parsed = undefined;
    }
  }
  return { exitCode: result.exitCode ?? -1, stdout, stderr: String(result.stderr), result: parsed };
}
