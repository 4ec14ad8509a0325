// The commands that set the tool up rather than call Tavus: auth and config.
import type { Command } from 'commander';
import type { Runtime } from '../context.js';
import { registerAuthCommands } from './auth.js';
import { registerConfigCommands } from './config.js';

export function registerSetupCommands(program: Command, runtime: Runtime): void {
  registerAuthCommands(program, runtime);
  registerConfigCommands(program, runtime);
}
