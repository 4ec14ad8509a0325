// /v2/objectives: create a set from `{data: [objective…]}`, list (one item per objective, each with
// its set's objectives_id, as the spec's list answer shows), get a set (`{objectives_id, data, …}`:
// the document PATCH paths such as `/data/0/objective_prompt` address), JSON Patch, delete.
import * as z from 'zod';
import { isoTime, newId } from './ids.js';
import { parseSetBody, patchSet } from './item-sets.js';
import { paginate } from './pagination.js';
import { emptyReply, errorReply, jsonReply, ReplyError } from './reply.js';
import type { Route } from './route.js';
import type { StoredObjectives } from './types.js';
import type { World } from './world.js';

const objectiveSchema = z.looseObject({
  objective_name: z.string().regex(/^\S+$/, 'must be a string without spaces'),
  objective_prompt: z.string(),
  confirmation_mode: z.enum(['auto', 'manual']).optional(),
  output_variables: z.array(z.string()).optional(),
  modality: z.enum(['verbal', 'visual']).optional(),
  next_conditional_objectives: z.record(z.string(), z.string()).optional(),
  next_required_objective: z.string().optional(),
  callback_url: z.string().optional(),
});

const setSchema = z.looseObject({ data: z.array(objectiveSchema).min(1) });

function find(world: World, id: string): StoredObjectives {
  const found = world.state.objectives.get(id);
  if (!found) throw new ReplyError(errorReply(404, 'Objective not found'));
  return found;
}

function create(world: World, body: unknown) {
  const sent = parseSetBody(setSchema, body);
  const at = isoTime(world.now());
  const set: StoredObjectives = {
    objectives_id: newId('o', world.state.objectives),
    data: structuredClone(sent.data),
    created_at: at,
    updated_at: at,
  };
  world.state.objectives.set(set.objectives_id, set);
  return { objectives_id: set.objectives_id, objective_name: set.data[0]!.objective_name, status: 'active', created_at: at };
}

function list(world: World, query: Record<string, string>) {
  const items = [...world.state.objectives.values()].flatMap((set) =>
    set.data.map((objective) => ({ objectives_id: set.objectives_id, ...objective, created_at: set.created_at, updated_at: set.updated_at })),
  );
  return paginate(items, query, world.settings.maxPageSize);
}

export const objectivesRoutes: Route[] = [
  { method: 'POST', pattern: '/v2/objectives', handle: ({ world, body }) => jsonReply(200, create(world, body)) },
  { method: 'GET', pattern: '/v2/objectives', handle: ({ world, query }) => jsonReply(200, list(world, query)) },
  { method: 'GET', pattern: '/v2/objectives/:id', handle: ({ world, params }) => jsonReply(200, find(world, params.id ?? '')) },
  {
    method: 'PATCH',
    pattern: '/v2/objectives/:id',
    handle: ({ world, params, body }) => {
      const current = find(world, params.id ?? '');
      const { reply, next } = patchSet(current, body, setSchema, { now: isoTime(world.now()), updated: 'Objective updated successfully' });
      if (next) world.state.objectives.set(current.objectives_id, next);
      return reply;
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/objectives/:id',
    handle: ({ world, params }) => {
      world.state.objectives.delete(find(world, params.id ?? '').objectives_id);
      return emptyReply(204);
    },
  },
];
