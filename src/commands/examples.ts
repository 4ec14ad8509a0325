// The "Examples:" block of a command's help. Its own module (commander only) so the root help can use
// it without loading the command kit.
import { Help, type Command } from 'commander';

/**
 * Examples are laid out for 80 columns, the width help is wrapped to when piped, whatever the terminal:
 * they are commands to copy, so a wider terminal gains nothing, and the root help's fast path keeps
 * them as fixed text.
 */
export const EXAMPLE_WIDTH = 80;
const PROMPT = '  $ ';
const COMMENT = '  # ';
/** A continued command's next lines start under its first word, and more. */
const CONTINUED = '      ';
const CONTINUATION = ' \\';
/** Stands for a space inside a word while commander's boxWrap, which breaks at every space, wraps the words. */
const KEPT_SPACE = '\u0000';

export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map(exampleLines).join('\n')}\n`);
}

/**
 * One example as help shows it: on one line when it fits; otherwise its comment goes on a line of its
 * own above it, and a command still too long is continued over lines with ` \`, broken only between
 * shell words, so that it still runs when pasted.
 */
export function exampleLines(example: string): string {
  if (PROMPT.length + example.length <= EXAMPLE_WIDTH) return PROMPT + example;
  const help = new Help();
  const { command, comment } = splitComment(example);
  const above = comment === undefined ? [] : help.boxWrap(comment, EXAMPLE_WIDTH - COMMENT.length).split('\n').map((line) => COMMENT + line);
  if (PROMPT.length + command.length <= EXAMPLE_WIDTH) return [...above, PROMPT + command].join('\n');
  const width = EXAMPLE_WIDTH - CONTINUED.length - CONTINUATION.length;
  const wrapped = help.boxWrap(breakableUnits(shellWords(command), width).map((unit) => unit.replaceAll(' ', KEPT_SPACE)).join(' '), width);
  const continued = wrapped.replaceAll(KEPT_SPACE, ' ').split('\n').join(`${CONTINUATION}\n${CONTINUED}`);
  return [...above, PROMPT + continued].join('\n');
}

/** The command and its trailing `# comment` (a `#` that starts a word outside quotes), if any. */
function splitComment(example: string): { command: string; comment?: string } {
  const words = shellWords(example);
  const at = words.findIndex((word) => word.startsWith('#'));
  if (at < 0) return { command: example };
  return { command: words.slice(0, at).join(' '), comment: words.slice(at).join(' ').replace(/^#\s*/, '') };
}

/** The words of a shell command line, quotes kept: `a 'b c' "d\"e"` → `a`, `'b c'`, `"d\"e"`. Spacing between words is not kept. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote === undefined && /\s/.test(char)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += char;
    if (char === '\\' && quote !== "'" && i + 1 < line.length) word += line[++i];
    else if (char === quote) quote = undefined;
    else if (quote === undefined && (char === "'" || char === '"')) quote = char;
  }
  if (word) words.push(word);
  return words;
}

/** A flag and its value (`--name "Me"`), or a redirection and its target (`> file`), stay on one line when they fit on one. */
function breakableUnits(words: string[], width: number): string[] {
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const bindsNext = /^-/.test(word) || /^\d*>{1,2}$/.test(word);
    if (bindsNext && next !== undefined && !/^(-|\||&&|;|\d*>)/.test(next) && word.length + 1 + next.length <= width) {
      units.push(`${word} ${next}`);
      i++;
    } else {
      units.push(word);
    }
  }
  return units;
}
