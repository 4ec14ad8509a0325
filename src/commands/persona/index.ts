// The `persona` command group (aliases `personas`, `pal`): create, list, get, update, delete, apply.
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { examples } from '../kit.js';
import { registerPersonaApply } from './apply.js';
import { registerPersonaCreate } from './create.js';
import { registerPersonaDelete } from './delete.js';
import { personaGet } from './get.js';
import { registerPersonaList } from './list.js';
import { registerPersonaUpdate } from './update.js';

export function registerPersonaCommands(program: Command, runtime: Runtime): void {
  const persona = program
    .command('persona');
  examples(persona, [
    'tavus-ten persona create --name "TEN LiveKit avatar" --echo-livekit --if-missing -q',
    'tavus-ten persona list --type user',
    'tavus-ten persona apply personas.json --dry-run',
  ]);
  registerPersonaCreate(persona, runtime);
  registerPersonaList(persona, runtime);
  personaGet.register(persona, runtime);
  registerPersonaUpdate(persona, runtime);
  registerPersonaDelete(persona, runtime);
  registerPersonaApply(persona, runtime);
}
