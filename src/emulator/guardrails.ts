// /v2/guardrails: create a set from `{name, data: [guardrail…]}`, list (`{guardrails_id, created_at,
// updated_at}` per set, as the spec answers), get a set (`{guardrails_id, guardrails_name, data, …}`:
// the document PATCH paths such as `/data/0/guardrail_prompt` address), JSON Patch, delete.
import * as z from 'zod';
import { isoTime, newId } from './ids.js';
import { parseSetBody, patchSet } from './item-sets.js';
import { newestFirst, paginate } from './pagination.js';
import { emptyReply, errorReply, jsonReply, ReplyError } from './reply.js';
import type { Route } from './route.js';
import type { StoredGuardrails } from './types.js';
import type { World } from './world.js';

const guardrailSchema = z.looseObject({
  guardrail_name: z.string().regex(/^[A-Za-z0-9_]+$/, 'only alphanumeric characters and underscores are allowed'),
  guardrail_prompt: z.string(),
  modality: z.enum(['verbal', 'visual']).optional(),
  callback_url: z.string().optional(),
});

const setSchema = z.looseObject({ guardrails_name: z.string().nullish(), data: z.array(guardrailSchema).min(1) });
const createSchema = z.looseObject({ name: z.string().optional(), data: z.array(guardrailSchema).min(1) });

function find(world: World, id: string): StoredGuardrails {
  const found = world.state.guardrails.get(id);
  if (!found) throw new ReplyError(errorReply(404, 'Guardrails not found'));
  return found;
}

function create(world: World, body: unknown) {
  const sent = parseSetBody(createSchema, body);
  const at = isoTime(world.now());
  const set: StoredGuardrails = {
    guardrails_id: newId('g', world.state.guardrails),
    guardrails_name: sent.name ?? null,
    data: structuredClone(sent.data),
    created_at: at,
    updated_at: at,
  };
  world.state.guardrails.set(set.guardrails_id, set);
  return { guardrails_id: set.guardrails_id, guardrails_name: set.guardrails_name, status: 'active', created_at: at };
}

export const guardrailsRoutes: Route[] = [
  { method: 'POST', pattern: '/v2/guardrails', handle: ({ world, body }) => jsonReply(200, create(world, body)) },
  {
    method: 'GET',
    pattern: '/v2/guardrails',
    handle: ({ world, query }) => {
      const items = newestFirst(world.state.guardrails.values()).map(({ guardrails_id, created_at, updated_at }) => ({ guardrails_id, created_at, updated_at }));
      return jsonReply(200, paginate(items, query, world.settings.maxPageSize));
    },
  },
  { method: 'GET', pattern: '/v2/guardrails/:id', handle: ({ world, params }) => jsonReply(200, find(world, params.id ?? '')) },
  {
    method: 'PATCH',
    pattern: '/v2/guardrails/:id',
    handle: ({ world, params, body }) => {
      const current = find(world, params.id ?? '');
      const { reply, next } = patchSet(current, body, setSchema, {
        now: isoTime(world.now()),
        updated: 'Guardrails updated successfully',
        extraWritable: ['guardrails_name'],
      });
      if (next) world.state.guardrails.set(current.guardrails_id, next);
      return reply;
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/guardrails/:id',
    handle: ({ world, params }) => {
      world.state.guardrails.delete(find(world, params.id ?? '').guardrails_id);
      return emptyReply(204);
    },
  },
];
