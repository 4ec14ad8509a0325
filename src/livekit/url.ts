// Is this LIVEKIT_URL one Tavus's cloud can reach? Tavus joins the room from its own servers, so a
// localhost or private address can never work, and the avatar silently never appears.
import { isIP } from 'node:net';

export type LivekitUrlVerdict =
  | { ok: true; url: URL; warning?: string }
  | { ok: false; problem: string; fix: string };

/** LiveKit servers warn about (and newer ones refuse) secrets shorter than this. */
export const MIN_SECRET_LENGTH = 32;

/** Doctor's rule for a LiveKit API secret, shared with `livekit token`: why it is too short, or undefined. */
export const SHORT_SECRET_FIX = 'Use the full secret of your LiveKit project (copy it again; it may have been cut).';

export function shortSecretProblem(secret: string): string | undefined {
  if (secret.length >= MIN_SECRET_LENGTH) return undefined;
  return `the secret has ${secret.length} characters and LiveKit servers expect at least ${MIN_SECRET_LENGTH}`;
}

/** Host names only this machine or its network resolves. */
export const LOCAL_NAMES = /^(localhost|.*\.localhost|.*\.local|.*\.internal|host\.docker\.internal|0\.0\.0\.0)$/i;

export interface LivekitUrlRules {
  /** A person's own browser may reach a local server (`livekit token`); Tavus's cloud never can. Default false. */
  allowLocal?: boolean;
  /** ws:// and http:// are errors rather than warnings (the room token would cross the internet in the clear). Default false. */
  requireTls?: boolean;
}

export function checkLivekitUrl(raw: string | undefined, rules: LivekitUrlRules = {}): LivekitUrlVerdict {
  if (!raw || raw.trim() === '') {
    return { ok: false, problem: 'LIVEKIT_URL is not set.', fix: 'Set LIVEKIT_URL (or pass --livekit-url) to your server, e.g. wss://my-project.livekit.cloud.' };
  }
  // `localhost:7880` parses as a URL whose scheme is `localhost:`: name the missing scheme instead.
  const bare = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d+)?(\/.*)?$/i.exec(raw.trim());
  if (bare) {
    const host = bare[1]!.replace(/^\[|\]$/g, '');
    const local = LOCAL_NAMES.test(host) || isPrivateAddress(host);
    return {
      ok: false,
      problem: `LIVEKIT_URL ${JSON.stringify(raw.trim())} has no scheme.`,
      fix: local
        ? `Write it with one: ws://${raw.trim()} for a local server without TLS, wss://${raw.trim()} with TLS.`
        : `Write it with one: wss://${raw.trim()}.`,
    };
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: `LIVEKIT_URL ${JSON.stringify(raw)} is not a URL.`, fix: 'Use the wss:// URL of your LiveKit server, e.g. wss://my-project.livekit.cloud.' };
  }
  if (!['wss:', 'https:', 'ws:', 'http:'].includes(url.protocol)) {
    return { ok: false, problem: `LIVEKIT_URL uses ${url.protocol.replace(':', '')}://, not wss:// or https://.`, fix: 'Use the wss:// URL of your LiveKit server.' };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!rules.allowLocal && (LOCAL_NAMES.test(host) || isPrivateAddress(host))) {
    return {
      ok: false,
      problem: `LIVEKIT_URL points at ${host}, a local or private address that Tavus's cloud cannot reach.`,
      fix: 'Use a publicly reachable LiveKit server (LiveKit Cloud, or yours behind a public wss:// URL, e.g. through a tunnel).',
    };
  }
  if (url.protocol === 'ws:' || url.protocol === 'http:') {
    if (rules.requireTls) {
      return {
        ok: false,
        problem: `LIVEKIT_URL uses unencrypted ${url.protocol.replace(':', '')}://, so the avatar's room token would travel in the clear.`,
        fix: `Use the wss:// URL of your LiveKit server (e.g. ${livekitWsUrl(url.href).replace(/^ws:/, 'wss:')}).`,
      };
    }
    return { ok: true, url, warning: `LIVEKIT_URL uses unencrypted ${url.protocol.replace(':', '')}://; use wss:// so tokens are not sent in the clear.` };
  }
  return { ok: true, url };
}

/** The URL as LiveKit clients dial it: https:// → wss://, http:// → ws://, no trailing slash on a bare host. */
export function livekitWsUrl(raw: string): string {
  const text = raw.trim().replace(/^https:/i, 'wss:').replace(/^http:/i, 'ws:');
  return /^wss?:\/\/[^/]+\/$/i.test(text) ? text.slice(0, -1) : text;
}

/** Loopback, RFC 1918, link-local, CGNAT, unique-local IPv6: nothing Tavus's servers can dial. */
export function isPrivateAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return (
      a === 127 || a === 10 || a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (version === 6) {
    const lower = host.toLowerCase();
    if (lower === '::1' || lower === '::') return true;
    if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice('::ffff:'.length));
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(lower);
  }
  return false;
}
