// The `guardrails` command group: a named set of behavioural limits a persona keeps (`guardrails_id`).
import type { Command } from 'commander';
import { GuardrailsCreateBodySchema, type GuardrailsCreateBody, type GuardrailsListItem } from '../../api/resources/guardrails.js';
import type { Runtime } from '../../context.js';
import { registerSetCommands, type SetResource } from './register.js';

export const GUARDRAILS: SetResource<GuardrailsListItem, GuardrailsCreateBody> = {
  noun: 'guardrails',
  idField: 'guardrails_id',
  itemName: 'guardrail_name',
  itemPrompt: 'guardrail_prompt',
  bodySchema: GuardrailsCreateBodySchema,
  example: '{"name": "safety", "data": [{"guardrail_name": "no_prices", "guardrail_prompt": "Never quote prices"}]}',
  // Tavus's list carries only ids and times; `guardrails get ID` shows a set's name and items.
  listColumns: [
    { header: 'id', value: (g) => g.guardrails_id },
    { header: 'created', value: (g) => g.created_at },
    { header: 'updated', value: (g) => g.updated_at },
  ],
  listId: (g) => g.guardrails_id,
  api: (client) => ({
    list: (q) => client.guardrails.list(q),
    all: () => client.guardrails.all(),
    get: async (id) => {
      const set = await client.guardrails.get(id);
      return { id: set.guardrails_id, name: set.guardrails_name, data: set.data, raw: set };
    },
    create: async (body) => {
      const created = await client.guardrails.create(body);
      return { id: created.guardrails_id, raw: created };
    },
    update: (id, patch) => client.guardrails.update(id, patch),
    delete: (id) => client.guardrails.delete(id),
  }),
};

export function registerGuardrailsCommands(program: Command, runtime: Runtime): void {
  registerSetCommands(program, runtime, GUARDRAILS, [
    'tavus-ten guardrails create --file safety.json -q',
    'tavus-ten guardrails get g12345',
    'tavus-ten guardrails update g12345 --file safety.json --dry-run',
  ]);
}
