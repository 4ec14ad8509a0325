// The `persona` command group (aliases `personas`, `pal`): create, list, get, update, delete, apply.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { addCommands, examples } from '../kit.js';
import { personaApply } from './apply.js';
import { personaCreate } from './create.js';
import { personaDelete } from './delete.js';
import { personaGet } from './get.js';
import { personaList } from './list.js';
import { personaUpdate } from './update.js';

export function registerPersonaCommands(program: Command, runtime: Runtime): void {
  const persona = program
    .command('persona');
  examples(persona, [
    'tavus-ten persona create --name "TEN LiveKit avatar" --echo-livekit --if-missing -q',
    'tavus-ten persona list --type user',
    'tavus-ten persona apply personas.json --dry-run',
  ]);
  addCommands(persona, runtime, [personaCreate, personaList, personaGet, personaUpdate, personaDelete, personaApply]);
}
