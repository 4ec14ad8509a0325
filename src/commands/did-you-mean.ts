// commander suggests among each subcommand's name and first alias, so `persona lst` offers both `list`
// and its alias `ls`: name each command once, by its name.
import type { Command, CommanderError } from 'commander';

const SUGGESTION = /\n\(Did you mean (?:one of )?(.+)\?\)$/;

/** The unknown-command message with its "did you mean" naming commands (not aliases), each once. */
export function suggestNamesOnly(error: CommanderError, parent: Command): string {
  const match = SUGGESTION.exec(error.message);
  if (!match) return error.message;
  const names = [
    ...new Set(match[1]!.split(', ').map((word) => parent.commands.find((child) => child.name() === word || child.aliases().includes(word))?.name() ?? word)),
  ];
  const suggestion = names.length === 1 ? `(Did you mean ${names[0]}?)` : `(Did you mean one of ${names.join(', ')}?)`;
  return `${error.message.slice(0, match.index)}\n${suggestion}`;
}
