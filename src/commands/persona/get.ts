// `persona get ID`: one persona (Tavus answers `{data: [persona]}` or a flat object; both work).
import { defineCommand } from '../kit.js';
import { resourceId } from '../../flags.js';
import { showPersona } from './shared.js';

/** `persona get ID`. */
export const personaGet = defineCommand({
  names: ['get'],
  description: 'show one persona',
  args: [{ name: '<id>', description: 'persona id, e.g. pcb7a34da5fe' }],
  examples: ['tavus-ten persona get pcb7a34da5fe', 'tavus-ten persona get pcb7a34da5fe --json | jq .layers'],
  handler: async (ctx, _opts, [id]) => {
    const personaId = resourceId(id, 'persona id');
    showPersona(ctx, await (await ctx.client()).personas.get(personaId));
  },
});
