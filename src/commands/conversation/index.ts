// The `conversation` group (aliases `conversations`, `conv`): start, list, get, end, delete.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { examples } from '../kit.js';
import { registerDeleteCommand } from './delete.js';
import { registerEndCommand } from './end.js';
import { registerGetCommand } from './get.js';
import { registerListCommand } from './list.js';
import { registerStartCommand } from './start.js';

export function registerConversationCommands(program: Command, runtime: Runtime): void {
  const group = program
    .command('conversation');
  examples(group, [
    'tavus-ten conversation start --mock                 # try it offline',
    'tavus-ten conversation start --persona pcb7a34da5fe --wait',
    'tavus-ten conversation list --status active',
    'tavus-ten conversation end --all-active --yes',
  ]);
  registerStartCommand(group, runtime);
  registerListCommand(group, runtime);
  registerGetCommand(group, runtime);
  registerEndCommand(group, runtime);
  registerDeleteCommand(group, runtime);
}
