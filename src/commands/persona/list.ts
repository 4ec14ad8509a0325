// `persona list`: one page, every page, or every persona whose name contains a string.
import * as z from '../../zod.js';
import type { Persona } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import { defineCommand, option } from '../kit.js';
import { PAGING_OPTIONS, printList, readPagingOptions } from '../common/list.js';
import { PERSONA_COLUMNS, SHOW_SECRETS_OPTION } from './shared.js';

const PERSONA_TYPES = ['user', 'system'] as const;

export const personaList = defineCommand({
  names: ['list', 'ls'],
  description: 'list personas',
  options: {
    ...PAGING_OPTIONS,
    type: option('--type <type>', 'only user (yours) or system (Tavus stock) personas', z.optional(z.enum(PERSONA_TYPES)), {
      fix: `Use one of: ${PERSONA_TYPES.join(', ')}.`,
    }),
    name: option('--name <substring>', 'only personas whose name contains this (case-insensitive; searches every page)', z.optional(z.string().check(z.trim(), z.minLength(1, 'it is empty'))), {
      fix: 'Pass part of a persona name, e.g. --name coach.',
    }),
    showSecrets: SHOW_SECRETS_OPTION,
  },
  examples: ['tavus-ten persona list', 'tavus-ten persona list --type user --all --json', 'tavus-ten persona list --name livekit -q'],
  handler: async (ctx, opts) => {
    const personaType = opts.type;
    const paging = readPagingOptions(opts);
    const name = opts.name?.toLowerCase();
    if (name !== undefined && (paging.page !== undefined || paging.limit !== undefined)) {
      throw new UsageError('--name searches every page: it cannot be used with --page or --limit.', { hint: 'Drop --page/--limit.' });
    }
    const client = await ctx.client();
    await printList<Persona>(ctx, {
      paging: name === undefined ? paging : { ...paging, all: true },
      noun: name === undefined ? 'personas' : `personas named like ${JSON.stringify(opts.name)}`,
      fetchPage: (q) => client.personas.list({ ...q, persona_type: personaType }),
      fetchAll: () => client.personas.all({ persona_type: personaType }),
      filter: name === undefined ? undefined : (p) => (p.persona_name ?? '').toLowerCase().includes(name),
      id: (p) => p.persona_id,
      columns: PERSONA_COLUMNS,
      showSecrets: opts.showSecrets === true,
    });
  },
});
