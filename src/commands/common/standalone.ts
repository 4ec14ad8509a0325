// Actions for commands that must work without settings: help topics, completion scripts,
// `config path`. They build no context, so a broken .env or config file cannot stop them
// (the user needs them most exactly then).
import type { Command } from 'commander';

export type StandaloneHandler<Args extends unknown[]> = (opts: Record<string, unknown>, command: Command, ...args: Args) => Promise<void> | void;

export function standaloneAction<Args extends unknown[]>(handler: StandaloneHandler<Args>) {
  return async (...commanderArgs: unknown[]): Promise<void> => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const args = commanderArgs.slice(0, -2) as Args;
    await handler(command.optsWithGlobals(), command, ...args);
  };
}
