// The HTTP side of `serve --transport livekit`: TEN's LiveKit start endpoint and its stop, request bodies
// checked (400 naming the field), and each outcome as TEN's envelope with a real status.
import type { IncomingMessage } from 'node:http';
import { z } from '../zod.js';
import { TavusTenError } from '../errors.js';
import { RoomServiceError } from '../livekit/rooms.js';
import { SessionConflictError, type LivekitSessions } from './livekit-sessions.js';
import { ServeCode, describeIssue, failure, failureFromError, success, type HttpFailure } from './protocol.js';
import { badRequest, fromFailure, json, methodNotAllowed, type Answer } from './answers.js';
import { pathParameter, readJsonObject, skipBody } from './requests.js';

export const LIVEKIT_START_PATH = '/api/tavus/livekit/start';
const STOP_PATH = /^\/api\/tavus\/livekit\/([^/]+)\/stop$/;

/** Room names and identities as this server accepts them: safe in a URL path, a log line and a shell. */
const livekitName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'is empty'),
    z.maxLength(128, 'is too long (at most 128 characters)'),
    z.regex(/^[A-Za-z0-9_.-]+$/, 'may only use letters, digits, ".", "_" and "-"'),
  );

/** `POST /api/tavus/livekit/start`: every field optional; unknown fields ignored (TEN's playground sends more). */
export const LivekitStartBodySchema = z.object({
  request_id: z.optional(z.union([z.string().check(z.maxLength(128, 'is too long')), z.number()])),
  room_name: z.optional(livekitName),
  user_identity: z.optional(livekitName.check(z.refine((value) => value !== 'tavus-avatar-agent', 'is the avatar\'s own identity'))),
  greeting: z.optional(z.string().check(z.maxLength(1000, 'is longer than 1000 characters'))),
});

const EXAMPLE_BODY = 'Send an object such as {"room_name": "demo", "user_identity": "alice", "greeting": "Hi!"}, or {}.';

/** Answers the LiveKit API paths (and the Daily ones, which this mode does not offer); undefined for any other path. */
export async function livekitApi(sessions: LivekitSessions, req: IncomingMessage, method: string, path: string): Promise<Answer | undefined> {
  if (path === LIVEKIT_START_PATH) {
    if (method !== 'POST') return methodNotAllowed('POST');
    return start(sessions, req);
  }
  const stop = STOP_PATH.exec(path);
  if (stop) {
    if (method !== 'POST') return methodNotAllowed('POST');
    return stopRoom(sessions, req, stop[1]!);
  }
  if (path.startsWith('/api/tavus/conversation')) {
    return fromFailure(
      failure(404, ServeCode.notFound, 'This server runs in LiveKit mode: it has no Daily conversation routes.', {
        error: 'not_found',
        status: null,
        hint: `Use POST ${LIVEKIT_START_PATH} and POST /api/tavus/livekit/:room/stop, or restart \`tavus-ten serve\` without --transport livekit.`,
      }),
    );
  }
  return undefined;
}

async function start(sessions: LivekitSessions, req: IncomingMessage): Promise<Answer> {
  const raw = await readJsonObject(req, EXAMPLE_BODY);
  if ('answer' in raw) return raw.answer;
  const parsed = LivekitStartBodySchema.safeParse(raw.value);
  if (!parsed.success) return badRequest(`Invalid request: ${describeIssue(parsed.error)}.`, EXAMPLE_BODY);
  const input = parsed.data;
  try {
    const started = await sessions.start({ room: input.room_name, identity: input.user_identity, greeting: input.greeting });
    return json(200, success(started), `room ${started.room_name}, conversation ${started.conversation_id}`);
  } catch (error) {
    return fromFailure(livekitFailure(error));
  }
}

async function stopRoom(sessions: LivekitSessions, req: IncomingMessage, rawRoom: string): Promise<Answer> {
  const skipped = await skipBody(req);
  if (skipped) return skipped;
  const room = pathParameter(rawRoom, livekitName, 'room name');
  if ('answer' in room) return room.answer;
  const result = await sessions.stop(room.value);
  if (!result) {
    return fromFailure(
      failure(404, ServeCode.notFound, `This server started no session in room ${room.value}.`, {
        error: 'not_found',
        status: null,
        hint: 'Stop only rooms that POST /api/tavus/livekit/start answered; this server never deletes rooms it did not create.',
      }),
    );
  }
  const { errors, ...data } = result;
  if (errors.length > 0) {
    return fromFailure(
      failure(502, result.conversation === 'failed' ? ServeCode.tavusError : ServeCode.livekitError, `Stopping the session in room ${result.room_name} failed: ${errors.join('; ')}.`, {
        error: 'stop_failed',
        status: null,
        hint: 'Try the stop again; it only redoes what failed.',
      }),
    );
  }
  return json(200, success({ ...data, status: 'stopped' }), `room ${result.room_name} stopped`);
}

/** LiveKit's own failures first (the server's configuration, not the caller's request), then Tavus's. */
export function livekitFailure(error: unknown): HttpFailure {
  if (error instanceof SessionConflictError) {
    return failure(409, ServeCode.roomInUse, error.message, {
      error: 'room_in_use',
      status: null,
      hint: 'Stop that session first, or leave room_name out to get a fresh room.',
    });
  }
  if (error instanceof RoomServiceError) {
    const rejected = error.status === 401 || error.status === 403;
    return failure(error.status === undefined && /timeout|abort/i.test(error.message) ? 504 : 502, ServeCode.livekitError, error.message, {
      error: rejected ? 'livekit_auth_error' : 'livekit_error',
      status: error.status ?? null,
      hint: rejected
        ? "Fix LIVEKIT_API_KEY and LIVEKIT_API_SECRET where `tavus-ten serve` runs (a key pair of the server at LIVEKIT_URL), then restart it."
        : 'Check that the LiveKit server at LIVEKIT_URL is up and reachable from where `tavus-ten serve` runs.',
    });
  }
  // The join check (`conversation start`'s): the avatar never came; the session was undone.
  if (error instanceof TavusTenError && error.code === 'check_failed') {
    return failure(502, ServeCode.avatarNotJoined, error.message, { error: 'avatar_not_joined', status: null, ...(error.hint ? { hint: error.hint } : {}) });
  }
  return failureFromError(error);
}
