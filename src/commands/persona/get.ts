// `persona get ID`: one persona (Tavus answers `{data: [persona]}` or a flat object; both work).
import { defineCommand } from '../kit.js';
import { resourceId } from '../../flags.js';
import { SHOW_SECRETS_OPTION, showPersona } from './shared.js';

/** `persona get ID`. */
export const personaGet = defineCommand({
  names: ['get'],
  description: 'show one persona',
  args: [{ name: '<id>', description: 'persona id, e.g. pcb7a34da5fe' }],
  options: {
    showSecrets: SHOW_SECRETS_OPTION,
  },
  examples: [
    'tavus-ten persona get pcb7a34da5fe',
    'tavus-ten persona get pcb7a34da5fe --json | jq .layers',
    'tavus-ten persona get pcb7a34da5fe --json --show-secrets > coach.json   # a clone keeps its LLM key',
  ],
  handler: async (ctx, opts, [id]) => {
    const personaId = resourceId(id, 'persona id');
    showPersona(ctx, await (await ctx.client()).personas.get(personaId), { showSecrets: opts.showSecrets === true });
  },
});
