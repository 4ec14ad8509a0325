// The `objectives` command group: a set of goal-oriented steps a persona follows (`objectives_id`).
import type { Command } from 'commander';
import { ObjectivesCreateBodySchema, type Objective, type ObjectivesCreateBody } from '../../api/resources/objectives.js';
import type { Runtime } from '../../context.js';
import { registerSetCommands, type SetResource } from './register.js';

export const OBJECTIVES: SetResource<Objective, ObjectivesCreateBody> = {
  noun: 'objectives',
  idField: 'objectives_id',
  itemName: 'objective_name',
  itemPrompt: 'objective_prompt',
  bodySchema: ObjectivesCreateBodySchema,
  example: '{"data": [{"objective_name": "greet", "objective_prompt": "Greet the user by name"}]}',
  // Tavus lists objectives one by one, each with its set's id.
  listColumns: [
    { header: 'objectives id', value: (o) => o.objectives_id },
    { header: 'objective', value: (o) => o.objective_name },
    { header: 'prompt', value: (o) => o.objective_prompt },
    { header: 'created', value: (o) => o.created_at },
  ],
  listId: (o) => o.objectives_id ?? '',
  api: (client) => ({
    list: (q) => client.objectives.list(q),
    all: () => client.objectives.all(),
    get: async (id) => {
      const set = await client.objectives.get(id);
      return { id: set.objectives_id, data: set.data, raw: set };
    },
    create: async (body) => {
      const created = await client.objectives.create(body);
      return { id: created.objectives_id, raw: created };
    },
    update: (id, patch) => client.objectives.update(id, patch),
    delete: (id) => client.objectives.delete(id),
  }),
};

export function registerObjectivesCommands(program: Command, runtime: Runtime): void {
  registerSetCommands(program, runtime, OBJECTIVES, [
    'tavus-ten objectives create --file onboarding.json -q',
    'tavus-ten objectives list --all',
    'tavus-ten persona update PERSONA_ID --set /objectives_id=\'"o12345"\'',
  ]);
}
