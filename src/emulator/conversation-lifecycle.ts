// A conversation's life: creation, the replica and participants joining and leaving, ending (with its
// events and the ended listeners). The timeouts that end it are in conversation-timeouts.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { perceptionAnalysis, perceptionOn, postConversationEvent, recordingReady } from './conversation-callbacks.js';
import { isoTime, newId } from './ids.js';
import type { ConversationEvent, StoredConversation } from './types.js';
import type { World } from './world.js';

/** Tavus's defaults for the three conversation timeouts (shared/tavus/API-NOTES.md, the OpenAPI spec). */
export const DEFAULT_MAX_CALL_DURATION_S = 3600;
export const DEFAULT_PARTICIPANT_ABSENT_TIMEOUT_S = 300;
export const DEFAULT_PARTICIPANT_LEFT_TIMEOUT_S = 0;

/**
 * `system.shutdown` reasons, as listed by Tavus's webhooks guide (the spec's examples shorten
 * "participant_left_timeout reached" to "participant_left_timeout").
 */
export const SHUTDOWN_REASON = {
  maxCallDuration: 'max_call_duration reached',
  participantAbsent: 'participant_absent_timeout reached',
  participantLeft: 'participant_left_timeout reached',
  endEndpoint: 'end_conversation_endpoint_hit',
  testMode: 'test_mode',
} as const;

export interface NewConversation {
  replicaId: string;
  personaId: string | null;
  name?: string;
  callbackUrl?: string;
  testMode: boolean;
  liveKit: boolean;
  requireAuth: boolean;
  maxCallDurationS: number;
  /** Default DEFAULT_PARTICIPANT_ABSENT_TIMEOUT_S. */
  absentTimeoutS?: number;
  /** Default DEFAULT_PARTICIPANT_LEFT_TIMEOUT_S. */
  leftTimeoutS?: number;
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
    absentTimeoutS: input.absentTimeoutS ?? DEFAULT_PARTICIPANT_ABSENT_TIMEOUT_S,
    leftTimeoutS: input.leftTimeoutS ?? DEFAULT_PARTICIPANT_LEFT_TIMEOUT_S,
    participants: [],
    events: [],
  };
  if (input.testMode) {
    // Created already ended: the replica never joins and no slot is held.
    conversation.endedAtMs = nowMs;
    conversation.shutdownReason = SHUTDOWN_REASON.testMode;
    conversation.events.push(event(conversation, 'system.shutdown', nowMs, { shutdown_reason: SHUTDOWN_REASON.testMode }));
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

/** Ends an active conversation and tells the ended listeners; ending an ended one changes nothing. */
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
  c.participants = [];
  const shutdown = event(c, 'system.shutdown', atMs, { shutdown_reason: reason, ...extra });
  // Stored as GET ?verbose=true has always shown them (transcript, then shutdown); called back in the
  // order Tavus sends them: the shutdown first, then what is produced after the end.
  const afterEnd: ConversationEvent[] = [];
  if (c.joinedAtMs !== undefined) {
    const durationS = (atMs - c.joinedAtMs) / 1000;
    c.events.push(event(c, 'application.transcription_ready', atMs, { transcript: transcript(c, c.joinedAtMs, atMs) }));
    afterEnd.push(c.events.at(-1)!);
    if (perceptionOn(world, c)) afterEnd.push(event(c, 'application.perception_analysis', atMs, perceptionAnalysis(durationS)));
    const recording = recordingReady(c, durationS);
    if (recording) afterEnd.push(event(c, 'application.recording_ready', atMs, recording));
  }
  c.events.push(shutdown, ...afterEnd.slice(1));
  for (const posted of [shutdown, ...afterEnd]) postConversationEvent(world, c, posted);
  for (const listener of [...world.endedListeners]) {
    try {
      listener(c);
    } catch {
      // A listener's failure must not fail the API request that ended the conversation.
    }
  }
}

/** The replica is in the room (the room page loaded, or the avatar got into the LiveKit room). Only the first time makes an event. */
export function replicaJoined(world: World, c: StoredConversation, properties?: Record<string, unknown>): void {
  if (c.joinedAtMs !== undefined) return;
  const atMs = world.now();
  c.joinedAtMs = atMs;
  c.updated_at = isoTime(atMs);
  c.events.push(event(c, 'system.replica_joined', atMs, properties));
  postConversationEvent(world, c, c.events.at(-1)!);
}

/** A participant entered an active conversation's room; false when it has ended. Idempotent per id. */
export function participantJoined(world: World, c: StoredConversation, participantId: string): boolean {
  if (c.status !== 'active') return false;
  const atMs = world.now();
  c.firstParticipantAtMs ??= atMs;
  if (!c.participants.includes(participantId)) c.participants.push(participantId);
  c.lastLeftAtMs = undefined;
  return true;
}

/** A participant left; when the room is empty, participant_left_timeout starts counting. */
export function participantLeft(world: World, c: StoredConversation, participantId: string): void {
  if (c.status !== 'active' || !c.participants.includes(participantId)) return;
  c.participants = c.participants.filter((id) => id !== participantId);
  if (c.participants.length === 0) c.lastLeftAtMs = world.now();
}

/** What the room page does when it loads: a participant joins, and with them the replica "joins". */
export function recordJoin(world: World, c: StoredConversation, participantId: string): number {
  const atMs = world.now();
  world.state.roomJoins.push({ conversationId: c.conversation_id, at: atMs });
  participantJoined(world, c, participantId);
  replicaJoined(world, c);
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
