// `tavus-ten --help`, `-h`, `help`, `--version` and `-V` alone take a fast path (bin/tavus-ten.js,
// src/root-help.ts) that never builds the command tree: its text must stay the full program's, at
// every width, with or without colour, piped or in a terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { COMMAND_MODULES } from '../../src/command-table.js';
import { captureIO, runInProcess } from '../helpers/capture.js';
import { BIN, cliEnv } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The shipped fast path, with the layout the build compiled in. */
const built = (await import(pathToFileURL(resolve(ROOT, 'dist/root-help.cjs')).href)) as typeof import('../../src/root-help.js');
/** The same from src/, its layout computed by commander now. */
const fromSource = await import('../../src/root-help.js');

const WIDTHS = [undefined, 0, 20, 39, 40, 41, 50, 60, 72, 80, 81, 100, 120, 132, 160, 250];

/** The full program's root help at `width` columns: `load` as the normal path loads it for that invocation. */
async function commanderHelp(load: readonly string[] | 'all', width: number | undefined): Promise<string> {
  const { io } = captureIO();
  const program = await buildProgram({ io, env: {}, cwd: ROOT, signal: new AbortController().signal, cleanups: new Set() }, load);
  let out = '';
  program.configureOutput({ ...program.configureOutput(), writeOut: (text) => (out += text), getOutHelpWidth: () => width as number, getOutHasColors: () => false });
  program.outputHelp();
  return out;
}

/** Runs the CLI by its normal path (dist/main.js's main, as the bin does for every other command line). */
function normalPath(args: string[], env: Record<string, string | undefined> = {}): string {
  const code = `import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'dist/main.js')).href)}).then((m) => m.main())`;
  // `-e` leaves no script in argv: the placeholder stands where the bin's path would be.
  return execFileSync(process.execPath, ['-e', code, '--', 'placeholder', ...args], { env: cliEnv(env), encoding: 'utf8' });
}

function fastPath(args: string[], env: Record<string, string | undefined> = {}): string {
  return execFileSync(process.execPath, [BIN, ...args], { env: cliEnv(env), encoding: 'utf8' });
}

describe('the root help without the command tree', () => {
  it('`help` is the fully loaded tree\'s root help, at every width (a command missing from the table, or a changed term, fails here)', async () => {
    for (const width of WIDTHS) {
      const full = await commanderHelp('all', width);
      expect(built.rootHelpText(width), `width ${width}`).toBe(full);
      expect(fromSource.rootHelpText(width), `width ${width}`).toBe(full);
    }
  });

  it('`--help` and `-h` are the normal path\'s (unloaded groups stood in with their table terms), and the same text as `help`, at every width', async () => {
    for (const width of WIDTHS) {
      const full = await commanderHelp('all', width);
      for (const word of ['--help', '-h'] as const) {
        const normal = await commanderHelp([word], width);
        expect(built.rootHelpText(width), `${word} width ${width}`).toBe(normal);
        // One root help, however it is asked for: `apply [options] <file>` in both, not `apply` in one.
        expect(normal, `${word} width ${width}`).toBe(full);
      }
    }
  });

  it('lists every top-level command of the table, with every alias', () => {
    const text = built.rootHelpText(undefined);
    for (const module of COMMAND_MODULES) expect(text).toContain(`  ${module.names.join('|')}`);
  });

  it('prints what the normal path prints, piped, with COLUMNS, NO_COLOR or FORCE_COLOR', async () => {
    for (const env of [{}, { COLUMNS: '40' }, { NO_COLOR: undefined, FORCE_COLOR: '1' }, { NO_COLOR: undefined, TERM: 'xterm-256color' }]) {
      for (const args of [['--help'], ['-h'], ['help'], ['--version'], ['-V']]) {
        expect(fastPath(args, env), `${args} ${JSON.stringify(env)}`).toBe(normalPath(args, env));
      }
    }
    // The normal path in-process too, and --no-color (which takes it) changes nothing.
    for (const args of [['--help'], ['help'], ['--version']]) {
      const inProcess = await runInProcess(args, {});
      expect(inProcess.exitCode).toBe(0);
      const fast = fastPath(args);
      expect(fast).toBe(inProcess.stdout);
      expect(fast).toBe(normalPath(['--no-color', ...args]));
    }
  });

  it('piped, every line fits in the 80 columns it is wrapped to (the examples and help topics are not wrapped)', () => {
    const long = fastPath(['--help']).split('\n').filter((line) => line.length > 80);
    expect(long).toEqual([]);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('prints what the normal path prints in a terminal, at its width', () => {
    const inTerminal = (columns: number, command: string) =>
      execFileSync('script', ['-qec', `stty cols ${columns}; ${command}`, '/dev/null'], { env: cliEnv({ NO_COLOR: undefined }), encoding: 'utf8' });
    const normal = `${JSON.stringify(process.execPath)} -e 'import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'dist/main.js')).href)}).then((m) => m.main())' -- placeholder`;
    const helpAt = new Map<number, string>();
    for (const columns of [50, 132]) {
      for (const word of ['--help', '-h', 'help', '--version']) {
        const fast = inTerminal(columns, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${word}`);
        expect(fast.length).toBeGreaterThan(0);
        expect(fast, `${word} at ${columns} columns`).toBe(inTerminal(columns, `${normal} ${word}`));
        if (word === '--help') helpAt.set(columns, fast);
      }
    }
    // The width is the terminal's: 50 columns wraps where 132 does not.
    expect(helpAt.get(50)).not.toBe(helpAt.get(132));
  });

  it('ends quietly when the reader closes the pipe early', () => {
    const result = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --help | head -c 10`], { encoding: 'utf8' });
    expect(result.stdout).toBe('Usage: tav');
    expect(result.stderr).toBe('');
  });
});
