// Every command's --help fits in the 80 columns commander wraps it to when piped: the examples are laid
// out for 80 columns (src/commands/examples.ts), and the tables after the help (config keys, fault
// kinds) and in the help topics are wrapped as commander wraps the options, to the terminal's width
// when there is one. Widths are terminal columns, not bytes or UTF-16 units: `…` and `→` are 3 bytes
// and 1 column (`wc -L`, not `awk length` or `wc -c`), and a wide character would take 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { HELP_TOPICS } from '../../src/commands/help-topics.js';
import { allCommands, buildProgram } from '../../src/program.js';
import { captureIO } from '../helpers/capture.js';
import { BIN, cliEnv } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

const { io } = captureIO();
const program = await buildProgram({ io, env: {}, cwd: ROOT, signal: new AbortController().signal, cleanups: new Set() }, 'all');
const pathOf = (command: Command): string[] => (command.parent ? [...pathOf(command.parent), command.name()] : []);

/** `tavus-ten <args>` through the built bin, piped. */
const piped = (args: string[]) => execFileSync(process.execPath, [BIN, ...args], { env: cliEnv(), encoding: 'utf8' });

/** `tavus-ten <args>` in a terminal `columns` wide (util-linux script gives it one). */
const inTerminal = (columns: number, args: string[]) =>
  execFileSync('script', ['-qec', `stty cols ${columns}; ${[process.execPath, BIN, ...args].map((word) => JSON.stringify(word)).join(' ')}`, '/dev/null'], {
    env: cliEnv(),
    encoding: 'utf8',
  }).replace(/\r\n/g, '\n');

/** The Examples block (the mock's fault table follows it). */
const examplesOf = (help: string) => /\nExamples:\n[\s\S]*?\n\n/.exec(help)?.[0];

describe('--help width', () => {
  it('piped, no line of any command\'s --help, or of a help topic, is wider than 80 columns', () => {
    const wide: string[] = [];
    const walked: string[] = [];
    for (const command of [program, ...allCommands(program)]) {
      const path = pathOf(command);
      walked.push(path.join(' '));
      for (const line of piped([...path, '--help']).split('\n')) {
        if (stringWidth(line) > 80) wide.push(`${path.join(' ') || '(root)'}: ${line}`);
      }
    }
    // The help topics (`help environment`) are laid out the same way.
    for (const topic of HELP_TOPICS) {
      for (const line of piped(['help', topic.name]).split('\n')) if (stringWidth(line) > 80) wide.push(`help ${topic.name}: ${line}`);
    }
    expect(wide).toEqual([]);
    // Subcommands too (these have the widest lines: 80 columns, 82 bytes with their `…`).
    expect(walked).toEqual(expect.arrayContaining(['guardrails update', 'objectives update', 'ten init']));
    // One process per command (about 80): longer than the default timeout on a busy machine.
  }, 120_000);

  it('piped, a table after the help is wrapped under its description column, as the options are', () => {
    const config = piped(['config', '--help']);
    expect(config).toContain(
      '  livekit_room            LiveKit room the avatar joins (`conversation start\n' +
        '                          --transport livekit`, as --room); `ten init --mode\n' +
        '                          livekit` writes it.\n',
    );
    const mock = piped(['mock', '--help']);
    expect(mock).toContain(
      '  retry-after            "Too many requests" with a Retry-After header; nothing\n' +
        '                         is created\n' +
        '                         parameters: retryAfter (seconds or an HTTP date, as a\n' +
        '                         string), status? (429 or 503; default 429)\n',
    );
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('in a wide terminal, the tables use its width and the examples are the same as piped', () => {
    const config = inTerminal(132, ['config', '--help']);
    expect(config).toContain(
      '  livekit_room            LiveKit room the avatar joins (`conversation start --transport livekit`, as --room); `ten init --mode\n' +
        '                          livekit` writes it.\n',
    );
    expect(config).toContain('\nThe profile is --profile or TAVUS_TEN_PROFILE ("default" otherwise). api_key is saved by `tavus-ten auth login`.\n');
    const mock = inTerminal(132, ['mock', '--help']);
    expect(mock).toContain('\nFaults (POST /__emulator/faults {"fault":{"kind":…, parameters}, rule fields}; DELETE /__emulator/faults clears them):\n');
    expect(mock).toContain('  retry-after            "Too many requests" with a Retry-After header; nothing is created\n');
    for (const args of [['mock', '--help'], ['serve', '--help'], ['conversation', 'start', '--help']]) {
      const examples = examplesOf(piped(args));
      expect(examples, args.join(' ')).toMatch(/ \\\n/);
      expect(examplesOf(inTerminal(132, args)), args.join(' ')).toBe(examples);
    }
  });
});
