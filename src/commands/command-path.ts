// A command's full name as typed (`tavus-ten persona create`), for hints that point at its --help.
import type { Command } from 'commander';

export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** The hint of a usage error: the --help of the command whose arguments or options were wrong. */
export function usageHint(command: Command): string {
  return `Run \`${commandPath(command)} --help\` for usage.`;
}
