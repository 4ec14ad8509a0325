// The README's synopses are complete: every command of the tree has one, and it lists every option
// the command declares (hidden ones aside). A synopsis is a `tavus-ten <command> …` line in a code
// block that shows its options in brackets, with its indented continuation lines; examples (no
// brackets) and comments (` # …`) do not count.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { allCommands, buildProgram } from '../../../src/program.js';
import { captureIO } from '../../helpers/capture.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

/** Each synopsis: the command paths it is for (`objectives|guardrails list` is two) and the flags it shows. */
function synopses(markdown: string): { paths: string[]; flags: Set<string> }[] {
  const found: { paths: string[]; flags: Set<string> }[] = [];
  let inCode = false;
  let current: { paths: string[]; flags: Set<string> } | undefined;
  for (const rawLine of markdown.split('\n')) {
    if (rawLine.startsWith('```')) {
      inCode = !inCode;
      current = undefined;
      continue;
    }
    if (!inCode) continue;
    const line = rawLine.replace(/\s+#\s.*$/, '');
    const head = /^tavus-ten ((?:[a-z][a-z-]*(?:\|[a-z][a-z-]*)*)(?: [a-z][a-z-]*(?:\|[a-z][a-z-]*)*)*)(.*)$/.exec(line);
    if (head) {
      current = undefined;
      const rest = head[2]!;
      if (!/[[<]/.test(rest) && !/^\s*$/.test(rest) && !/^ [A-Z]/.test(rest)) continue; // an example, not a synopsis
      const words = head[1]!.split(' ').map((word) => word.split('|'));
      const paths = words.reduce<string[]>((acc, choices) => acc.flatMap((prefix) => choices.map((choice) => (prefix ? `${prefix} ${choice}` : choice))), ['']);
      current = { paths, flags: flagsIn(rest) };
      found.push(current);
    } else if (current && /^\s+[[\-|]/.test(line)) {
      for (const flag of flagsIn(line)) current.flags.add(flag);
    } else {
      current = undefined;
    }
  }
  return found;
}

function flagsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/--[a-z][a-z0-9-]*/g)].map((match) => match[0]));
}

describe('README synopses', () => {
  it('every command has one, listing every option it declares', async () => {
    const { io } = captureIO();
    const program = await buildProgram({ io, env: {}, cwd: ROOT, signal: new AbortController().signal, cleanups: new Set() }, 'all');
    const pathOf = (command: Command): string[] => (command.parent ? [...pathOf(command.parent), command.name()] : []);
    const documented = synopses(README);
    const problems: string[] = [];
    for (const command of allCommands(program)) {
      if (command.commands.length > 0 || command.name() === 'help') continue; // groups, and `help` (README: "Help")
      const path = pathOf(command).join(' ');
      const mine = documented.filter((synopsis) => synopsis.paths.includes(path));
      if (mine.length === 0) {
        problems.push(`${path}: no synopsis`);
        continue;
      }
      const shown = new Set(mine.flatMap((synopsis) => [...synopsis.flags]));
      const missing = command.options.filter((option) => !option.hidden && option.long && option.long !== '--help' && !shown.has(option.long)).map((option) => option.long);
      if (missing.length > 0) problems.push(`${path}: ${missing.join(' ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('reads synopses as meant: brackets, continuation lines, alternatives; not examples or comments', () => {
    const text = [
      '```sh',
      'tavus-ten thing do ID [--alpha N] [--beta]   # --gamma is in a comment',
      '                  [--delta X]',
      'tavus-ten a|b list [--limit N]',
      'tavus-ten thing do --epsilon 1                # an example',
      '```',
    ].join('\n');
    const found = synopses(text);
    expect(found.map((s) => [s.paths, [...s.flags].sort()])).toEqual([
      [['thing do'], ['--alpha', '--beta', '--delta']],
      [['a list', 'b list'], ['--limit']],
    ]);
  });
});
