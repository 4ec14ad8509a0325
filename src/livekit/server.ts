// Asking the user's LiveKit server (RoomService over livekit-server-sdk, at the URL's http(s) origin):
// does it accept our key pair, and who is in a room. Shared by doctor, smoke and `conversation start`.
import { untilAborted } from '../abort.js';
import { findErrorCode } from '../api/classify/index.js';
import { interruptionOf } from '../errors.js';
import type { LivekitCredentials } from './token.js';

export const CREDENTIALS_HINT =
  "Set LIVEKIT_API_KEY and LIVEKIT_API_SECRET to a key pair of the LiveKit project at LIVEKIT_URL (LiveKit Cloud: the project's Settings › API keys).";

/** `wss://host/path` → `https://host`, `ws://…` → `http://…`: where LiveKit's server API lives. */
export function apiOrigin(livekitUrl: string): string | undefined {
  try {
    const url = new URL(livekitUrl.trim());
    const protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
    if (protocol !== 'https:' && protocol !== 'http:') return undefined;
    return `${protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}

export interface ServerCall {
  /** The API origin, from apiOrigin(). */
  origin: string;
  credentials: LivekitCredentials;
  /** Per request, in seconds. */
  timeoutSeconds: number;
  /** Ctrl-C: rejects with the InterruptedError. */
  signal: AbortSignal;
}

/**
 * Why the server could not be asked, or refused: `rejected` (401/403: the key pair), `http` (another
 * status: not a LiveKit server?), `timeout`, `unreachable` (DNS, refused, TLS). Each with a sentence and a fix.
 */
export type ServerProblem = { kind: 'rejected' | 'http' | 'timeout' | 'unreachable'; status?: number; message: string; hint: string };

export type CredentialsVerdict = { ok: true; rooms: number; message: string } | ({ ok: false } & ServerProblem);

/** RoomService.ListRooms with a token signed by the key pair: what doctor's `livekit.server` check reports. */
export async function checkLivekitCredentials(call: ServerCall): Promise<CredentialsVerdict> {
  const rooms = await roomService(call);
  try {
    const found = await untilAborted(rooms.listRooms(), call.signal);
    return { ok: true, rooms: found.length, message: `${call.origin} accepted the key and secret (ListRooms: ${found.length} active room${found.length === 1 ? '' : 's'}).` };
  } catch (error) {
    if (call.signal.aborted) throw interruptionOf(call.signal.reason);
    return { ok: false, ...serverProblem(call.origin, error, call.timeoutSeconds) };
  }
}

/** Identities in `room`, or a problem; a room that does not exist (yet) has nobody in it. */
export async function roomIdentities(call: ServerCall, room: string): Promise<{ ok: true; identities: string[] } | ({ ok: false } & ServerProblem)> {
  const rooms = await roomService(call);
  try {
    const participants = await untilAborted(rooms.listParticipants(room), call.signal);
    return { ok: true, identities: participants.map((p) => p.identity) };
  } catch (error) {
    if (call.signal.aborted) throw interruptionOf(call.signal.reason);
    if ((error as { status?: unknown }).status === 404) return { ok: true, identities: [] };
    return { ok: false, ...serverProblem(call.origin, error, call.timeoutSeconds) };
  }
}

/**
 * RoomService of the server at `call.origin` with its key pair; `timeoutSeconds` bounds each call, and
 * failover is off (we talk to the server we were given, not LiveKit Cloud's other regions).
 */
export async function roomService(call: Pick<ServerCall, 'origin' | 'credentials' | 'timeoutSeconds'>) {
  const { RoomServiceClient } = await import('livekit-server-sdk');
  return new RoomServiceClient(call.origin, call.credentials.apiKey, call.credentials.apiSecret, { requestTimeout: call.timeoutSeconds, failover: false });
}

/** A LiveKit error's text, trimmed, with any token in it (LiveKit quotes the request's back) replaced by `<token>`. */
export function livekitErrorText(error: unknown): string {
  return (error instanceof Error ? error.message.trim() : String(error)).replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>');
}

function serverProblem(origin: string, error: unknown, timeoutSeconds: number): ServerProblem {
  const status = (error as { status?: unknown }).status;
  // LiveKit quotes the request's token back in its 401 text: a secret of ours, never printed.
  const said = livekitErrorText(error);
  if (status === 401 || status === 403) {
    return { kind: 'rejected', status, message: `${origin} rejected the key and secret (${status}${said ? `: ${said}` : ''}).`, hint: CREDENTIALS_HINT };
  }
  if (typeof status === 'number') {
    return {
      kind: 'http',
      status,
      message: `${origin} answered HTTP ${status}${said ? ` (${said.slice(0, 120)})` : ''}.`,
      hint: 'Check that LIVEKIT_URL points at your LiveKit server itself, not at a web page or a proxy in front of it.',
    };
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', message: `No answer from ${origin} within ${timeoutSeconds} s.`, hint: 'Check that the LiveKit server is up and reachable from here (firewall, VPN).' };
  }
  const code = findErrorCode(error);
  return {
    kind: 'unreachable',
    message: `Cannot reach ${origin}${code ? ` (${code})` : said ? ` (${said})` : ''}.`,
    hint: code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'Check the host name in LIVEKIT_URL.' : 'Check LIVEKIT_URL and that the LiveKit server is up and reachable from here.',
  };
}
