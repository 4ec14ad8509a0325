// `persona get ID`: one persona (Tavus answers `{data: [persona]}` or a flat object; both work).
import * as z from 'zod';
import { defineCommand, option } from '../kit.js';
import { resourceId } from '../../flags.js';
import { showPersona } from './shared.js';

/** `persona get ID`. */
export const personaGet = defineCommand({
  names: ['get'],
  description: 'show one persona',
  args: [{ name: '<id>', description: 'persona id, e.g. pcb7a34da5fe' }],
  options: {
    showSecrets: option('--show-secrets', 'print keys stored in the persona (layers.llm.api_key) in full, e.g. to clone it with persona create --file', z.boolean().optional()),
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
