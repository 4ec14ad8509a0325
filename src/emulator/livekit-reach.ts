// Can Tavus's cloud dial this livekit_ws_url? The emulator's own reading of the rule: it deliberately
// shares no code with src/livekit/url.ts, so a mistake in the CLI's check shows up as a disagreement
// with the emulator instead of being copied into it.
import { isIP } from 'node:net';

/** `{ ok: true }`, or why Tavus's servers could not join a room there (phrased as Tavus would report it). */
export type ReachVerdict = { ok: true } | { ok: false; reason: string };

/** Names that only resolve on the user's own machine or network. */
const LOCAL_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal|host\.docker\.internal|0\.0\.0\.0)$/i;

/** Whether Tavus's cloud could open a LiveKit connection to `wsUrl` (wss/https/ws/http on a public host). */
export function reachableFromTavus(wsUrl: string | undefined): ReachVerdict {
  if (!wsUrl || wsUrl.trim() === '') return { ok: false, reason: 'no livekit_ws_url was given' };
  let url: URL;
  try {
    url = new URL(wsUrl.trim());
  } catch {
    return { ok: false, reason: `${JSON.stringify(wsUrl)} is not a URL` };
  }
  if (!['wss:', 'https:', 'ws:', 'http:'].includes(url.protocol)) {
    return { ok: false, reason: `it uses ${url.protocol.replace(':', '')}://, which LiveKit does not speak` };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (LOCAL_HOST.test(host) || isPrivateHost(host)) {
    return { ok: false, reason: `it points at ${host}, a local or private address Tavus's servers cannot reach` };
  }
  return { ok: true };
}

/** Loopback, RFC 1918, link-local, CGNAT (100.64/10), unique-local and link-local IPv6, and IPv4-mapped forms of them. */
function isPrivateHost(host: string): boolean {
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    if (a === 127 || a === 10 || a === 0) return true;
    if (a === 172) return b >= 16 && b <= 31;
    if (a === 192) return b === 168;
    if (a === 169) return b === 254;
    if (a === 100) return b >= 64 && b <= 127;
    return false;
  }
  if (version !== 6) return false;
  const lower = host.toLowerCase();
  if (lower === '::1' || lower === '::') return true;
  if (lower.startsWith('::ffff:')) return isPrivateHost(lower.slice('::ffff:'.length));
  return /^(fc|fd|fe[89ab])/.test(lower);
}
