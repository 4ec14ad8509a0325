// `tavus-ten --help`, `-h` and `help`, alone on the command line: the text the full program prints,
// without loading commander, a command module or main.ts's start-up. The layout comes from the command
// table (compiled in by the build); only the wrapping to the terminal's width happens here, as
// commander's Help does it. bin/tavus-ten.js sends only these exact invocations here; a test compares
// the text with the full tree's at many widths.
import { rootHelpLayout, type RootHelpLayout } from './root-help-layout.js';

/** The root help (one text for --help, -h and help) for a terminal `helpWidth` columns wide (undefined: not a terminal, 80). */
export function rootHelpText(helpWidth: number | undefined): string {
  return render(rootHelpLayout(), helpWidth ?? 80);
}

/** Prints the root help on stdout. */
export function printRootHelp(): void {
  const { fstatSync, writeSync } = process.getBuiltinModule('node:fs');
  // Only a terminal has a width; asking process.stdout creates the stream (about 20 of Node's modules)
  // even for a pipe, so look first: a pipe or a file is no character device.
  let maybeTerminal = false;
  try {
    maybeTerminal = fstatSync(1).isCharacterDevice();
  } catch {
    // fd 1 closed: nothing to ask.
  }
  writeOut(rootHelpText(maybeTerminal && process.stdout.isTTY ? process.stdout.columns : undefined), writeSync);
}

// commander's Help.formatHelp, formatItem and boxWrap (commander 14) for text without colour codes.
const ITEM_INDENT = 2;
const SPACER_WIDTH = 2;
const MIN_WIDTH_TO_WRAP = 40;

function render(layout: RootHelpLayout, helpWidth: number): string {
  const output = [`Usage: ${layout.usage}`, ''];
  if (layout.description.length > 0) output.push(boxWrap(layout.description, helpWidth), '');
  for (const { heading, items } of layout.sections) {
    if (items.length === 0) continue;
    output.push(heading, ...items.map(([term, description]) => formatItem(term, layout.termWidth, description, helpWidth)), '');
  }
  return output.join('\n') + layout.after;
}

function formatItem(term: string, termWidth: number, description: string, helpWidth: number): string {
  const indent = ' '.repeat(ITEM_INDENT);
  if (!description) return indent + term;
  const remainingWidth = helpWidth - termWidth - SPACER_WIDTH - ITEM_INDENT;
  const formatted =
    remainingWidth < MIN_WIDTH_TO_WRAP || /\n[^\S\r\n]/.test(description)
      ? description
      : boxWrap(description, remainingWidth).replace(/\n/g, `\n${' '.repeat(termWidth + SPACER_WIDTH)}`);
  return indent + term.padEnd(termWidth) + ' '.repeat(SPACER_WIDTH) + formatted.replace(/\n/g, `\n${indent}`);
}

function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push('');
      continue;
    }
    let current = chunks.shift()!;
    for (const chunk of chunks) {
      if (current.length + chunk.length <= width) {
        current += chunk;
        continue;
      }
      wrapped.push(current);
      current = chunk.trimStart();
    }
    wrapped.push(current);
  }
  return wrapped.join('\n');
}

/** Writes synchronously to fd 1 (no stream to create); a closed pipe ends quietly, a full one falls back to the stream. */
function writeOut(text: string, writeSync: typeof import('node:fs').writeSync): void {
  let rest = Buffer.from(text);
  try {
    while (rest.length > 0) rest = rest.subarray(writeSync(1, rest));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw error;
    process.stdout.write(rest);
  }
}
