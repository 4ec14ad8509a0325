// /v2/pals and /v2/faces: the PAL/Face names over the same persona and replica store.
import { parsePatch, pointerTokens } from './json-patch.js';
import { createPersona, deletePersona, findPersona, listPersonas, patchPersona } from './personas.js';
import { findReplica, isTrue, listReplicas, replicaDetail } from './replicas.js';
import { errorReply, jsonReply, ReplyError, type Reply } from './reply.js';
import type { ApiRequest, Route } from './route.js';
import { requireObjectBody } from './validation.js';

const TO_NEW_NAMES: Record<string, string> = {
  persona_id: 'pal_id',
  persona_name: 'pal_name',
  persona_type: 'pal_type',
  default_replica_id: 'default_face_id',
  replica_id: 'face_id',
  replica_name: 'face_name',
  replica_type: 'face_type',
};
const TO_LEGACY_NAMES: Record<string, string> = Object.fromEntries(Object.entries(TO_NEW_NAMES).map(([legacy, renamed]) => [renamed, legacy]));

export const PAL_FACE_REQUIRED =
  "Bad Request. {'default_face_id': ['default_face_id is required when creating a pal.']}";

function renameKeys(value: unknown, names: Record<string, string>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [names[key] ?? key, inner]));
}

/** Renames the top-level object and each `data[]` item; nested layers are left as they are. */
function toNewNames(value: unknown): unknown {
  const renamed = renameKeys(value, TO_NEW_NAMES);
  if (renamed && typeof renamed === 'object' && Array.isArray((renamed as { data?: unknown }).data)) {
    const withData = renamed as { data: unknown[] };
    return { ...withData, data: withData.data.map((item) => renameKeys(item, TO_NEW_NAMES)) };
  }
  return renamed;
}

function renameErrorText(text: string): string {
  return text.replace(/\bdefault_replica_id\b/g, 'default_face_id').replace(/\bpersona_id\b/g, 'pal_id').replace(/\breplica_(id|uuid)\b/g, 'face_id');
}

/** Rewrites a legacy reply in the new names (errors included). */
function renameReply(reply: Reply): Reply {
  if (!reply.body || !reply.headers['content-type']?.startsWith('application/json')) return reply;
  const body = JSON.parse(reply.body) as unknown;
  const renamed = toNewNames(body) as Record<string, unknown>;
  if (typeof renamed.error === 'string') renamed.error = renameErrorText(renamed.error);
  return { ...reply, body: JSON.stringify(renamed) };
}

function inNewNames(handle: (request: ApiRequest) => Reply): (request: ApiRequest) => Reply {
  return (request) => {
    try {
      return renameReply(handle(request));
    } catch (error) {
      if (error instanceof ReplyError) return renameReply(error.reply);
      throw error;
    }
  };
}

function legacyQuery(query: Record<string, string>): Record<string, string> {
  return renameKeys(query, TO_LEGACY_NAMES) as Record<string, string>;
}

/** Patch paths name the new fields; the store holds the legacy ones. */
function legacyPatch(body: unknown): unknown {
  const operations = parsePatch(body);
  if (!operations) return body;
  const legacyPointer = (pointer: string): string => {
    const [first, ...rest] = pointerTokens(pointer);
    if (first === undefined) return pointer;
    const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
    return '/' + [TO_LEGACY_NAMES[first] ?? first, ...rest].map(escape).join('/');
  };
  return operations.map((op) => ({ ...op, path: legacyPointer(op.path), ...(op.from === undefined ? {} : { from: legacyPointer(op.from) }) }));
}

export const palRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v2/pals',
    handle: inNewNames(({ world, body }) => {
      const sent = requireObjectBody(body);
      if (typeof sent.default_face_id !== 'string' || sent.default_face_id === '') return errorReply(400, PAL_FACE_REQUIRED);
      const pal = createPersona(world, renameKeys(sent, TO_LEGACY_NAMES));
      return jsonReply(200, { persona_id: pal.persona_id, persona_name: pal.persona_name, created_at: pal.created_at });
    }),
  },
  { method: 'GET', pattern: '/v2/pals', handle: inNewNames(({ world, query }) => jsonReply(200, listPersonas(world, legacyQuery(query)))) },
  { method: 'GET', pattern: '/v2/pals/:id', handle: inNewNames(({ world, params }) => jsonReply(200, findPersona(world, params.id ?? ''))) },
  { method: 'PATCH', pattern: '/v2/pals/:id', handle: inNewNames(({ world, params, body }) => patchPersona(world, params.id ?? '', legacyPatch(body))) },
  { method: 'DELETE', pattern: '/v2/pals/:id', handle: inNewNames(({ world, params }) => deletePersona(world, params.id ?? '')) },
  { method: 'GET', pattern: '/v2/faces', handle: inNewNames(({ world, query }) => jsonReply(200, listReplicas(world, legacyQuery(query)))) },
  {
    method: 'GET',
    pattern: '/v2/faces/:id',
    handle: inNewNames(({ world, params, query }) => jsonReply(200, replicaDetail(findReplica(world, params.id ?? ''), isTrue(query.verbose)))),
  },
];
