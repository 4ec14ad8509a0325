// A minimal LiveKit RoomService (Twirp, JSON) so tests can check LiveKit credentials offline:
// POST /twirp/livekit.RoomService/ListRooms with `Authorization: Bearer <JWT>` signed for the
// configured key and secret (verified with livekit-server-sdk's TokenVerifier) answers
// `{"rooms":[]}`; a missing or bad token is 401, a token without the roomList grant 403, as LiveKit does.
import { jsonReply, type Reply } from './reply.js';

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

export async function answerRoomService(
  credentials: LivekitRoomServiceCredentials | undefined,
  request: { method: string; path: string; headers: Record<string, string> },
): Promise<Reply> {
  const rpc = request.path.startsWith(ROOM_SERVICE_PREFIX) ? request.path.slice(ROOM_SERVICE_PREFIX.length) : undefined;
  if (!credentials || request.method !== 'POST' || rpc !== 'ListRooms') {
    return twirpError(404, 'bad_route', `no handler for ${request.method} ${request.path}${credentials ? '' : ' (the emulator has no LiveKit credentials configured)'}`);
  }
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return twirpError(401, 'unauthenticated', 'no authorization header');
  const { TokenVerifier } = await import('livekit-server-sdk');
  let claims: { video?: { roomList?: boolean } };
  try {
    claims = await new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(token);
  } catch {
    return twirpError(401, 'unauthenticated', 'invalid token: could not verify it with any known API key');
  }
  if (claims.video?.roomList !== true) return twirpError(403, 'permission_denied', 'permissions denied: the token lacks the roomList grant');
  return jsonReply(200, { rooms: [] });
}
