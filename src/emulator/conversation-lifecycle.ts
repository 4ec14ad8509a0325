// A conversation's life: creation, joining, ending (with its events), expiry on the emulator's clock.
import { createHmac, randomBytes } from 'node:crypto';
import { isoTime, newId } from './ids.js';
import type { ConversationEvent, StoredConversation } from './types.js';
import type { World } from './world.js';

export const DEFAULT_MAX_CALL_DURATION_S = 3600;

export interface NewConversation {
  replicaId: string;
  personaId: string | null;
  name?: string;
  callbackUrl?: string;
  testMode: boolean;
  liveKit: boolean;
  requireAuth: boolean;
  maxCallDurationS: number;
  request: Record<string, unknown>;
}

const tokenSecret = randomBytes(32);

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Shaped like a JWT so clients that append `?t=` or decode it see something real. */
function meetingToken(conversationId: string, expiresAtS: number): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ r: conversationId, exp: expiresAtS, o: false }));
  const signature = createHmac('sha256', tokenSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function event(c: StoredConversation, eventType: string, atMs: number, properties?: Record<string, unknown>): ConversationEvent {
  return {
    event_type: eventType,
    message_type: eventType.startsWith('system.') ? 'system' : 'application',
    timestamp: isoTime(atMs),
    conversation_id: c.conversation_id,
    ...(properties ? { properties } : {}),
  };
}

export function insertConversation(world: World, input: NewConversation): StoredConversation {
  const nowMs = world.now();
  const id = newId('c', world.state.conversations);
  const roomPage = `${world.baseUrl}/rooms/${id}`;
  const conversation: StoredConversation = {
    conversation_id: id,
    conversation_name: input.name ?? `New Conversation ${nowMs}`,
    conversation_url: roomPage,
    ...(input.liveKit ? {} : { room_url: `${roomPage}?room=1` }),
    status: input.testMode ? 'ended' : 'active',
    callback_url: input.callbackUrl ?? null,
    replica_id: input.replicaId,
    persona_id: input.personaId,
    created_at: isoTime(nowMs),
    updated_at: isoTime(nowMs),
    ...(input.requireAuth ? { meeting_token: meetingToken(id, Math.floor(nowMs / 1000) + input.maxCallDurationS) } : {}),
    request: input.request,
    testMode: input.testMode,
    createdAtMs: nowMs,
    maxCallDurationS: input.maxCallDurationS,
    events: [],
  };
  if (input.testMode) {
    // Created already ended: the replica never joins and no slot is held.
    conversation.endedAtMs = nowMs;
    conversation.shutdownReason = 'test_mode';
    conversation.events.push(event(conversation, 'system.shutdown', nowMs, { shutdown_reason: 'test_mode' }));
  }
  world.state.conversations.set(id, conversation);
  return conversation;
}

function transcript(c: StoredConversation, joinedAtMs: number, endedAtMs: number): Record<string, unknown>[] {
  const greeting = typeof c.request.custom_greeting === 'string' ? c.request.custom_greeting : 'Hi! This is an emulated Tavus conversation.';
  const userTurnAt = Math.min(joinedAtMs + 3000, endedAtMs);
  return [
    { role: 'assistant', content: greeting, timestamp: joinedAtMs / 1000, seconds_from_start: 0, duration: 2.1 },
    { role: 'user', content: 'Hello! Just testing.', timestamp: userTurnAt / 1000, seconds_from_start: (userTurnAt - joinedAtMs) / 1000, duration: 1.4 },
  ];
}

/** Ends an active conversation; ending an ended one changes nothing. */
export function endConversationRecord(
  world: World,
  c: StoredConversation,
  reason: string,
  atMs = world.now(),
  extra?: Record<string, unknown>,
): void {
  if (c.status === 'ended') return;
  c.status = 'ended';
  c.endedAtMs = atMs;
  c.shutdownReason = reason;
  c.updated_at = isoTime(atMs);
  if (c.joinedAtMs !== undefined) {
    c.events.push(event(c, 'application.transcription_ready', atMs, { transcript: transcript(c, c.joinedAtMs, atMs) }));
  }
  c.events.push(event(c, 'system.shutdown', atMs, { shutdown_reason: reason, ...extra }));
  world.onConversationEnded?.(c);
}

/** Lazily applies max_call_duration: called on each request instead of running timers. */
export function expireConversations(world: World): void {
  const nowMs = world.now();
  for (const c of world.state.conversations.values()) {
    const deadline = c.createdAtMs + c.maxCallDurationS * 1000;
    if (c.status === 'active' && nowMs >= deadline) endConversationRecord(world, c, 'max_call_duration_reached', deadline);
  }
}

/** What the room page does when it loads (or a LiveKit room admits the avatar): the replica "joins". Only the first join makes an event. */
export function recordJoin(world: World, c: StoredConversation, properties?: Record<string, unknown>): number {
  const atMs = world.now();
  world.state.roomJoins.push({ conversationId: c.conversation_id, at: atMs });
  if (c.joinedAtMs === undefined) {
    c.joinedAtMs = atMs;
    c.updated_at = isoTime(atMs);
    c.events.push(event(c, 'system.replica_joined', atMs, properties));
  }
  return atMs;
}

export function activeConversationCount(world: World): number {
  let count = 0;
  for (const c of world.state.conversations.values()) if (c.status === 'active' && !c.testMode) count += 1;
  return count;
}

/** The object GET answers; events only with verbose=true. */
export function conversationJson(c: StoredConversation, verbose: boolean): Record<string, unknown> {
  return {
    conversation_id: c.conversation_id,
    conversation_name: c.conversation_name,
    conversation_url: c.conversation_url,
    ...(c.room_url ? { room_url: c.room_url } : {}),
    callback_url: c.callback_url,
    status: c.status,
    replica_id: c.replica_id,
    persona_id: c.persona_id,
    created_at: c.created_at,
    updated_at: c.updated_at,
    ...(verbose ? { events: structuredClone(c.events) } : {}),
  };
}

/** The create answer: the documented fields only. */
export function createdConversationJson(c: StoredConversation): Record<string, unknown> {
  return {
    conversation_id: c.conversation_id,
    conversation_name: c.conversation_name,
    conversation_url: c.conversation_url,
    ...(c.room_url ? { room_url: c.room_url } : {}),
    status: c.status,
    callback_url: c.callback_url,
    created_at: c.created_at,
    ...(c.meeting_token ? { meeting_token: c.meeting_token } : {}),
  };
}
