// `persona list`: one page, every page, or every persona whose name contains a string.
import type { Command } from 'commander';
import type { Persona } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import type { Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { addPagingOptions, printList, readPagingOptions } from '../common/list.js';
import { oneOf, parseFlag } from '../../flags.js';
import { z } from 'zod';
import { PERSONA_COLUMNS } from './shared.js';

const PERSONA_TYPES = ['user', 'system'] as const;

export function registerPersonaList(persona: Command, runtime: Runtime): void {
  examples(
    addPagingOptions(persona.command('list').alias('ls').description('list personas'))
      .option('--type <type>', 'only user (yours) or system (Tavus stock) personas')
      .option('--name <substring>', 'only personas whose name contains this (case-insensitive; searches every page)'),
    [
      'tavus-ten persona list',
      'tavus-ten persona list --type user --all --json',
      'tavus-ten persona list --name livekit -q',
    ],
  ).action(
    action(runtime, async (ctx, opts) => {
      const personaType = oneOf(opts.type, '--type', PERSONA_TYPES);
      const paging = readPagingOptions(opts);
      const name =
        opts.name === undefined
          ? undefined
          : parseFlag(z.string().trim().min(1, 'it is empty'), opts.name, '--name', 'Pass part of a persona name, e.g. --name coach.').toLowerCase();
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
      });
    }),
  );
}
