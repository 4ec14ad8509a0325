// The `conversation` group (aliases `conversations`, `conv`): start, list, get, end, delete.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { addCommands, examples } from '../kit.js';
import { conversationDelete } from './delete.js';
import { conversationEnd } from './end.js';
import { conversationGet } from './get.js';
import { conversationList } from './list.js';
import { conversationStart } from './start.js';

export function registerConversationCommands(program: Command, runtime: Runtime): void {
  const group = program
    .command('conversation');
  examples(group, [
    'tavus-ten conversation start --mock                 # try it offline',
    'tavus-ten conversation start --persona pcb7a34da5fe --wait',
    'tavus-ten conversation list --status active',
    'tavus-ten conversation end --all-active --yes',
  ]);
  addCommands(group, runtime, [conversationStart, conversationList, conversationGet, conversationEnd, conversationDelete]);
}
