// LiveKit conversations: Tavus's avatar "joins" the user's LiveKit room only if that room is reachable
// from Tavus's cloud and the room token would get past a LiveKit server: an HS256 JWT issued for the
// server's API key, signed with its secret, not expired, granting roomJoin for a named room, with an
// identity. The outcome shows in the conversation's events: system.replica_joined, or system.shutdown
// with the reason. Without configured credentials the signature and key cannot be checked; the rest is.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { reachableFromTavus, type ReachVerdict } from './livekit-reach.js';
import { isThisMachine } from './local-guard.js';
import { endConversationRecord, replicaJoined } from './conversation-lifecycle.js';
import type { StoredConversation } from './types.js';
import type { World } from './world.js';

export type RoomTokenProblem =
  | 'unreachable_url'
  | 'malformed_token'
  | 'unknown_api_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'no_identity'
  | 'no_room_join'
  | 'no_room';

export type RoomTokenVerdict =
  | { ok: true; room: string; identity: string; signatureChecked: boolean }
  | { ok: false; problem: RoomTokenProblem; reason: string };

/** The leeway LiveKit's own verifiers allow for clock skew. */
export const CLOCK_TOLERANCE_S = 10;

interface Claims {
  iss?: unknown;
  sub?: unknown;
  exp?: unknown;
  nbf?: unknown;
  video?: { roomJoin?: unknown; room?: unknown } | null;
  attributes?: Record<string, unknown> | null;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The token's claims, unverified (what the avatar reads from its own token), or undefined when it is not a JWT. */
export function roomTokenClaims(token: string): Claims | undefined {
  const parts = token.split('.');
  const claims = parts.length === 3 ? decodeJson(parts[1]!) : undefined;
  return claims && typeof claims === 'object' ? (claims as Claims) : undefined;
}

/** The emulator runs on this machine, so a LiveKit server on loopback is one it can reach (Tavus's cloud cannot). */
function isLoopbackUrl(wsUrl: string): boolean {
  try {
    return isThisMachine(new URL(wsUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  } catch {
    return false;
  }
}

const fail = (problem: RoomTokenProblem, reason: string): RoomTokenVerdict => ({ ok: false, problem, reason });
const isoAt = (seconds: number) => new Date(seconds * 1000).toISOString();

/** What a LiveKit server decides about a join token, in the order it checks. */
export function checkRoomToken(token: string, opts: { credentials?: { apiKey: string; apiSecret: string }; nowMs: number }): RoomTokenVerdict {
  const parts = token.split('.');
  const header = parts.length === 3 ? decodeJson(parts[0]!) : undefined;
  const claims = parts.length === 3 ? (decodeJson(parts[1]!) as Claims | undefined) : undefined;
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') {
    return fail('malformed_token', 'the room token is not a JWT (header.payload.signature)');
  }
  if ((header as { alg?: unknown }).alg !== 'HS256') {
    return fail('malformed_token', `the room token is signed with ${String((header as { alg?: unknown }).alg)}; LiveKit accepts HS256 only`);
  }
  const { credentials } = opts;
  if (credentials) {
    if (claims.iss !== credentials.apiKey) {
      return fail('unknown_api_key', `the room token was issued for API key ${JSON.stringify(claims.iss ?? null)}, which this LiveKit server does not know (it has ${credentials.apiKey})`);
    }
    const expected = createHmac('sha256', credentials.apiSecret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return fail('bad_signature', 'the room token signature does not match the API secret (signed with another LIVEKIT_API_SECRET?)');
    }
  }
  const nowS = opts.nowMs / 1000;
  if (typeof claims.exp !== 'number') return fail('malformed_token', 'the room token has no expiry (exp)');
  if (claims.exp + CLOCK_TOLERANCE_S <= nowS) return fail('expired', `the room token expired at ${isoAt(claims.exp)}`);
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_S > nowS) {
    return fail('not_yet_valid', `the room token is not valid before ${isoAt(claims.nbf)}`);
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') return fail('no_identity', 'the room token has no identity (sub)');
  if (claims.video?.roomJoin !== true) return fail('no_room_join', 'the room token does not grant roomJoin');
  if (typeof claims.video.room !== 'string' || claims.video.room === '') return fail('no_room', 'the room token names no room (video.room)');
  return { ok: true, room: claims.video.room, identity: claims.sub, signatureChecked: credentials !== undefined };
}

/**
 * Right after a LiveKit conversation is created: the avatar joins the room, or the conversation ends
 * saying why. With `livekitJoin` it really joins (the server judges the token); otherwise the token is
 * judged here.
 */
export function admitAvatar(world: World, conversation: StoredConversation, wsUrl: string, token: string): void {
  if (conversation.status !== 'active') return; // test_mode: the replica never joins
  if (world.avatars) return world.avatars.admit(conversation, wsUrl, token);
  const reach: ReachVerdict = isLoopbackUrl(wsUrl) ? { ok: true } : reachableFromTavus(wsUrl);
  const verdict: RoomTokenVerdict = reach.ok
    ? checkRoomToken(token, { credentials: world.livekit, nowMs: world.now() })
    : fail('unreachable_url', `Tavus cannot reach livekit_ws_url: ${reach.reason}`);
  if (verdict.ok) {
    replicaJoined(world, conversation, {
      transport: 'livekit',
      room: verdict.room,
      identity: verdict.identity,
      token_signature_checked: verdict.signatureChecked,
    });
    return;
  }
  endConversationRecord(world, conversation, `livekit_join_failed: ${verdict.reason}`, world.now(), { livekit_error: verdict.problem });
}
