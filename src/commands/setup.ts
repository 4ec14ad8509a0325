// The commands that set the tool up rather than call Tavus: auth, config, completion, and the help
// command with its topics (registered last, so `help` ends the command list).
import type { Command } from 'commander';
import type { Runtime } from '../context.js';
import { registerAuthCommands } from './auth.js';
import { registerCompletionCommand } from './completion.js';
import { registerConfigCommands } from './config.js';
import { registerHelpCommand } from './help-topics.js';

export function registerSetupCommands(program: Command, runtime: Runtime): void {
  registerAuthCommands(program, runtime);
  registerConfigCommands(program, runtime);
  registerCompletionCommand(program, runtime);
  registerHelpCommand(program, runtime);
}
