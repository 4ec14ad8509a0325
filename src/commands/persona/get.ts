// `persona get ID`: one persona (Tavus answers `{data: [persona]}` or a flat object; both work).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { resourceId } from '../../flags.js';
import { showPersona } from './shared.js';

export function registerPersonaGet(persona: Command, runtime: Runtime): void {
  examples(persona.command('get').argument('<id>', 'persona id, e.g. pcb7a34da5fe').description('show one persona'), [
    'tavus-ten persona get pcb7a34da5fe',
    'tavus-ten persona get pcb7a34da5fe --json | jq .layers',
  ]).action(
    action(runtime, async (ctx, _opts, id: string) => {
      const personaId = resourceId(id, 'persona id');
      showPersona(ctx, await (await ctx.client()).personas.get(personaId));
    }),
  );
}
