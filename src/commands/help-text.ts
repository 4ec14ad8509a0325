// Text after a command's help (tables of keys, prose) laid out as commander lays out the options:
// wrapped to the help's width (the terminal's, or 80 when piped), descriptions under their column.
import type { Command, Help } from 'commander';

/** Adds text after `command`'s help, rendered when the help is shown, by a commander Help set to that output's width. */
export function addHelpTextAfter(command: Command, render: (help: Help) => string): Command {
  return command.addHelpText('after', ({ error, command: shown }) => render(helpFor(shown, error)));
}

/** commander's Help for `command`, prepared as commander prepares it for the help it prints on stdout (or stderr, for an error). */
export function helpFor(command: Command, error = false): Help {
  const help = command.createHelp();
  const output = command.configureOutput();
  help.prepareContext({ error, helpWidth: (error ? output.getErrHelpWidth : output.getOutHelpWidth)?.() });
  return help;
}

/**
 * Rows of a term and its description, as commander lays out options: terms padded to the widest (or to
 * `termWidth`, to align several tables), descriptions wrapped under their column.
 */
export function helpTable(help: Help, rows: readonly (readonly [term: string, description: string])[], termWidth = widestTerm(help, rows)): string {
  return rows.map(([term, description]) => help.formatItem(term, termWidth, description, help)).join('\n');
}

export function widestTerm(help: Help, rows: readonly (readonly [term: string, description: string])[]): number {
  return Math.max(...rows.map(([term]) => help.displayWidth(term)));
}

/** Prose wrapped to the help's width, as commander wraps a command's description. */
export function helpParagraph(help: Help, text: string): string {
  return help.boxWrap(text, help.helpWidth ?? 80);
}
