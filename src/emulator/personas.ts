// /v2/personas: create (validated), list, get, JSON Patch update, delete.
import * as z from 'zod';
import { isoTime, newId } from './ids.js';
import { applyPatch, deepEqual, JsonPatchError, parsePatch, pointerTokens } from './json-patch.js';
import { newestFirst, paginate } from './pagination.js';
import { emptyReply, errorReply, jsonReply, messageReply, ReplyError, type Reply } from './reply.js';
import type { Route } from './route.js';
import type { StoredPersona } from './types.js';
import { badRequestText, parseOrBadRequest, requireObjectBody } from './validation.js';
import type { World } from './world.js';

const optionalText = z.string().nullish();

const layersSchema = z.looseObject({
  transport: z.looseObject({ transport_type: z.enum(['daily', 'livekit']).optional() }).optional(),
});

const personaSchema = z
  .looseObject({
    persona_name: optionalText,
    system_prompt: optionalText,
    context: optionalText,
    pipeline_mode: z.enum(['full', 'echo']).optional(),
    default_replica_id: optionalText,
    document_ids: z.array(z.string()).optional(),
    document_tags: z.array(z.string()).optional(),
    layers: layersSchema.optional(),
  })
  .superRefine((persona, ctx) => {
    const mode = persona.pipeline_mode ?? 'full';
    if (mode !== 'echo' && !persona.system_prompt) {
      ctx.addIssue({ code: 'custom', path: ['system_prompt'], message: 'system_prompt is required unless pipeline_mode is echo.' });
    }
  });

/** Fields the server owns: a patch may not change them. */
const IMMUTABLE_FIELDS = new Set(['persona_id', 'persona_type', 'created_at', 'updated_at']);

export const invalidPersona = (): ReplyError => new ReplyError(errorReply(400, 'Invalid persona_id'));

export function findPersona(world: World, id: string): StoredPersona {
  const persona = world.state.personas.get(id);
  if (!persona) throw invalidPersona();
  return persona;
}

/**
 * A persona the account may change: stock (system) personas are Tavus's, so a PATCH or DELETE of one is
 * refused exactly as an id the account does not own would be (400 Invalid persona_id).
 */
function findOwnPersona(world: World, id: string): StoredPersona {
  const persona = findPersona(world, id);
  if (persona.persona_type !== 'user') throw invalidPersona();
  return persona;
}

/** Validates a persona body (new or patched) against the same rules; throws the 400 Tavus answers. */
function checkPersona(world: World, candidate: unknown): void {
  const persona = parseOrBadRequest(personaSchema, candidate);
  const replicaId = persona.default_replica_id;
  // POST /v2/personas: the spec's example says `Invalid replica_uuid` for an unknown default replica.
  if (replicaId && !world.state.replicas.has(replicaId)) throw new ReplyError(errorReply(400, 'Invalid replica_uuid'));
}

export function createPersona(world: World, body: unknown): StoredPersona {
  const sent = requireObjectBody(body);
  checkPersona(world, sent);
  const created = isoTime(world.now());
  const persona: StoredPersona = {
    ...structuredClone(sent),
    persona_id: newId('p', world.state.personas),
    persona_name: (sent.persona_name as string | undefined) ?? null,
    system_prompt: (sent.system_prompt as string | undefined) ?? null,
    context: (sent.context as string | undefined) ?? null,
    pipeline_mode: (sent.pipeline_mode as StoredPersona['pipeline_mode'] | undefined) ?? 'full',
    default_replica_id: (sent.default_replica_id as string | undefined) ?? null,
    layers: (sent.layers as Record<string, unknown> | undefined) ?? {},
    persona_type: 'user',
    created_at: created,
    updated_at: created,
  };
  world.state.personas.set(persona.persona_id, persona);
  return persona;
}

export function patchPersona(world: World, id: string, body: unknown): Reply {
  const current = findOwnPersona(world, id);
  const operations = parsePatch(body);
  if (!operations) return messageReply(422, 'Invalid JSON patch format');
  for (const operation of operations) {
    if (operation.op === 'test') continue;
    for (const pointer of [operation.path, operation.from]) {
      const field = pointer === undefined ? undefined : (pointerTokens(pointer)[0] ?? '');
      if (field !== undefined && (field === '' || IMMUTABLE_FIELDS.has(field))) {
        return errorReply(400, badRequestText(field || '_schema', 'Field cannot be modified.'));
      }
    }
  }
  let patched: StoredPersona;
  try {
    patched = applyPatch(current, operations);
  } catch (error) {
    if (error instanceof JsonPatchError) return messageReply(422, 'Invalid JSON patch format');
    throw error;
  }
  checkPersona(world, patched);
  if (deepEqual(current, patched)) return emptyReply(304);
  patched.updated_at = isoTime(world.now());
  world.state.personas.set(id, patched);
  return jsonReply(200, patched);
}

export function deletePersona(world: World, id: string): Reply {
  findOwnPersona(world, id);
  world.state.personas.delete(id);
  return emptyReply(204);
}

export function listPersonas(world: World, query: Record<string, string>) {
  // Like status on conversations: an unknown persona_type matches nothing rather than being refused.
  const type = query.persona_type;
  const matches = newestFirst(world.state.personas.values()).filter((p) => type === undefined || p.persona_type === type);
  return paginate(matches, query, world.settings.maxPageSize);
}

export const personaRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v2/personas',
    handle: ({ world, body }) => {
      const persona = createPersona(world, body);
      return jsonReply(200, { persona_id: persona.persona_id, persona_name: persona.persona_name, created_at: persona.created_at });
    },
  },
  {
    method: 'GET',
    pattern: '/v2/personas',
    handle: ({ world, query }) => jsonReply(200, listPersonas(world, query)),
  },
  {
    method: 'GET',
    pattern: '/v2/personas/:id',
    // Documented as {"data":[persona]}, observed flat (API-NOTES: pipecat issue #937), which pipecat reads.
    handle: ({ world, params }) => jsonReply(200, findPersona(world, params.id ?? '')),
  },
  {
    method: 'PATCH',
    pattern: '/v2/personas/:id',
    handle: ({ world, params, body }) => patchPersona(world, params.id ?? '', body),
  },
  {
    method: 'DELETE',
    pattern: '/v2/personas/:id',
    handle: ({ world, params }) => deletePersona(world, params.id ?? ''),
  },
];
