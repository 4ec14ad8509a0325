// A minimal LiveKit RoomService (Twirp, JSON) so tests can check LiveKit credentials and the avatar's
// join offline: POST /twirp/livekit.RoomService/ListRooms with `Authorization: Bearer <JWT>` signed for
// the configured key and secret (verified with livekit-server-sdk's TokenVerifier) answers
// `{"rooms":[]}`; ListParticipants `{"room"}` lists the emulated avatar of each active conversation
// that joined that room (404 when none did: LiveKit has no such room). A missing or bad token is 401,
// a token without the grant 403, as LiveKit does.
import { roomTokenClaims } from './livekit-tokens.js';
import { jsonReply, type Reply } from './reply.js';
import type { World } from './world.js';

export interface LivekitRoomServiceCredentials {
  apiKey: string;
  apiSecret: string;
}

export const ROOM_SERVICE_PREFIX = '/twirp/livekit.RoomService/';

/** Twirp's error body: `{"code": "...", "msg": "..."}`. */
function twirpError(status: number, code: string, msg: string): Reply {
  return jsonReply(status, { code, msg });
}

export function isRoomServicePath(path: string): boolean {
  return path.startsWith('/twirp/');
}

/** The identities of the avatars in `room`: active conversations whose (judged) join was for it. */
export function roomParticipants(world: World, room: string): string[] {
  const identities: string[] = [];
  for (const c of world.state.conversations.values()) {
    if (c.status !== 'active' || c.joinedAtMs === undefined) continue;
    const properties = c.request.properties as { livekit_room_token?: unknown } | undefined;
    const claims = typeof properties?.livekit_room_token === 'string' ? roomTokenClaims(properties.livekit_room_token) : undefined;
    if (claims?.video?.room === room && typeof claims.sub === 'string') identities.push(claims.sub);
  }
  return identities;
}

export async function answerRoomService(
  credentials: LivekitRoomServiceCredentials | undefined,
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown },
  participants: (room: string) => string[] = () => [],
): Promise<Reply> {
  const rpc = request.path.startsWith(ROOM_SERVICE_PREFIX) ? request.path.slice(ROOM_SERVICE_PREFIX.length) : undefined;
  if (!credentials || request.method !== 'POST' || (rpc !== 'ListRooms' && rpc !== 'ListParticipants')) {
    return twirpError(404, 'bad_route', `no handler for ${request.method} ${request.path}${credentials ? '' : ' (the emulator has no LiveKit credentials configured)'}`);
  }
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return twirpError(401, 'unauthenticated', 'no authorization header');
  const { TokenVerifier } = await import('livekit-server-sdk');
  let claims: { video?: { roomList?: boolean; roomAdmin?: boolean; room?: string } };
  try {
    claims = await new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(token);
  } catch {
    return twirpError(401, 'unauthenticated', 'invalid token: could not verify it with any known API key');
  }
  if (rpc === 'ListParticipants') {
    const room = (request.body as { room?: unknown } | undefined)?.room;
    if (typeof room !== 'string' || room === '') return twirpError(400, 'invalid_argument', 'room is required');
    if (claims.video?.roomAdmin !== true || claims.video.room !== room) return twirpError(403, 'permission_denied', 'permissions denied: the token lacks roomAdmin for this room');
    const found = participants(room);
    if (found.length === 0) return twirpError(404, 'not_found', 'requested room does not exist');
    return jsonReply(200, { participants: found.map((identity, i) => ({ sid: `PA_emulated${i}`, identity, name: identity, state: 'ACTIVE', kind: 'AGENT' })) });
  }
  if (claims.video?.roomList !== true) return twirpError(403, 'permission_denied', 'permissions denied: the token lacks the roomList grant');
  return jsonReply(200, { rooms: [] });
}
