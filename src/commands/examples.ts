// The "Examples:" block of a command's help. Its own module (commander only, by type) so the root
// help can use it without loading the command kit.
import type { Command } from 'commander';

export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}
