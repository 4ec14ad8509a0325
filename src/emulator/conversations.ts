// /v2/conversations: create (replica resolution, cap, credits, test_mode), list, get, end, delete.
import * as z from 'zod';
import {
  activeConversationCount,
  conversationJson,
  createdConversationJson,
  DEFAULT_MAX_CALL_DURATION_S,
  endConversationRecord,
  insertConversation,
  SHUTDOWN_REASON,
} from './conversation-lifecycle.js';
import { admitAvatar } from './livekit-tokens.js';
import { newestFirst, paginate } from './pagination.js';
import { emptyReply, errorReply, jsonReply, messageReply, ReplyError, type Reply } from './reply.js';
import { isTrue } from './replicas.js';
import type { Route } from './route.js';
import type { StoredConversation } from './types.js';
import { badRequestText, parseOrBadRequest, requireObjectBody } from './validation.js';
import type { World } from './world.js';

const id = z.string().min(1).optional();
const text = z.string().optional();
const flag = z.boolean().optional();

const createSchema = z.looseObject({
  replica_id: id,
  persona_id: id,
  face_id: id,
  pal_id: id,
  conversation_name: text,
  conversational_context: text,
  custom_greeting: text,
  callback_url: text,
  audio_only: flag,
  test_mode: flag,
  require_auth: flag,
  max_participants: z.int().min(2).optional(),
  document_ids: z.array(z.string()).optional(),
  document_tags: z.array(z.string()).optional(),
  properties: z
    .looseObject({
      max_call_duration: z.number().positive().optional(),
      participant_left_timeout: z.number().nonnegative().optional(),
      participant_absent_timeout: z.number().nonnegative().optional(),
      enable_recording: flag,
      enable_closed_captions: flag,
      apply_greenscreen: flag,
      require_auth: flag,
      language: text,
      livekit_ws_url: text,
      livekit_room_token: text,
    })
    .optional(),
});

export function findConversation(world: World, conversationId: string): StoredConversation {
  const conversation = world.state.conversations.get(conversationId);
  if (!conversation) throw new ReplyError(errorReply(400, 'Invalid conversation_id'));
  return conversation;
}

function createConversation(world: World, body: unknown): Reply {
  const sent = requireObjectBody(body);
  const input = parseOrBadRequest(createSchema, sent);
  // An unknown id is named by the field the request used (pal_id, face_id, or the legacy names).
  const personaId = input.persona_id ?? input.pal_id;
  const personaField = input.persona_id !== undefined ? 'persona_id' : 'pal_id';
  const persona = personaId === undefined ? undefined : world.state.personas.get(personaId);
  if (personaId !== undefined && !persona) return errorReply(400, `Invalid ${personaField}`);

  const replicaId = input.replica_id ?? input.face_id ?? persona?.default_replica_id ?? undefined;
  const replicaField = input.replica_id !== undefined || input.face_id === undefined ? 'replica_id' : 'face_id';
  if (!replicaId) {
    return errorReply(400, badRequestText('replica_id', 'replica_id is required when the persona has no default_replica_id.'));
  }
  const replica = world.state.replicas.get(replicaId);
  if (!replica) return errorReply(400, `Invalid ${replicaField}`);
  if (replica.status !== 'completed') return errorReply(400, `Replica ${replicaId} is not ready to talk (status: ${replica.status}).`);

  const properties = input.properties ?? {};
  if (properties.livekit_ws_url && !properties.livekit_room_token) {
    return errorReply(400, badRequestText('properties.livekit_room_token', 'livekit_room_token is required with livekit_ws_url.'));
  }
  if (world.settings.outOfCredits) return messageReply(402, 'The user is out of conversational credits');
  const testMode = input.test_mode === true;
  if (!testMode && activeConversationCount(world) >= world.settings.concurrency) {
    return messageReply(400, 'User has reached maximum concurrent conversations');
  }

  const conversation = insertConversation(world, {
    replicaId,
    personaId: persona?.persona_id ?? null,
    name: input.conversation_name,
    callbackUrl: input.callback_url,
    testMode,
    liveKit: Boolean(properties.livekit_ws_url),
    requireAuth: input.require_auth === true || properties.require_auth === true,
    maxCallDurationS: properties.max_call_duration ?? DEFAULT_MAX_CALL_DURATION_S,
    absentTimeoutS: properties.participant_absent_timeout,
    leftTimeoutS: properties.participant_left_timeout,
    request: structuredClone(sent),
  });
  // Tavus answers at once; the avatar then tries the LiveKit room (and may fail, ending the conversation).
  const reply = jsonReply(200, createdConversationJson(conversation));
  if (properties.livekit_ws_url) admitAvatar(world, conversation, properties.livekit_ws_url, properties.livekit_room_token ?? '');
  return reply;
}

function listConversations(world: World, query: Record<string, string>): Reply {
  // An unknown status matches nothing: the spec lists active and ended but states no error for others.
  const status = query.status;
  const matches = newestFirst(world.state.conversations.values()).filter((c) => status === undefined || c.status === status);
  const page = paginate(matches, query, world.settings.maxPageSize);
  return jsonReply(200, { data: page.data.map((c) => conversationJson(c, false)), total_count: page.total_count });
}

export const conversationRoutes: Route[] = [
  { method: 'POST', pattern: '/v2/conversations', handle: ({ world, body }) => createConversation(world, body) },
  { method: 'GET', pattern: '/v2/conversations', handle: ({ world, query }) => listConversations(world, query) },
  {
    method: 'GET',
    pattern: '/v2/conversations/:id',
    handle: ({ world, params, query }) => jsonReply(200, conversationJson(findConversation(world, params.id ?? ''), isTrue(query.verbose))),
  },
  {
    method: 'POST',
    pattern: '/v2/conversations/:id/end',
    handle: ({ world, params }) => {
      endConversationRecord(world, findConversation(world, params.id ?? ''), SHUTDOWN_REASON.endEndpoint);
      return emptyReply(200);
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/conversations/:id',
    handle: ({ world, params }) => {
      findConversation(world, params.id ?? '');
      world.state.conversations.delete(params.id ?? '');
      return emptyReply(204);
    },
  },
];
