// Who may talk to `tavus-ten serve`: which Host names it answers (against DNS rebinding), which
// Origins may call its API (its own page, plus --cors), and how large a request body may be.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const MAX_BODY_BYTES = 16 * 1024;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** `Host: [::1]:8080` → `::1`; undefined when it cannot be read. */
export function hostnameOf(hostHeader: string): string | undefined {
  try {
    const { hostname } = new URL(`http://${hostHeader}`);
    return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return undefined;
  }
}

function isWildcard(bindHost: string): boolean {
  return bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '';
}

/**
 * A browser sends the name it resolved in `Host`. A page on evil.example that makes its name
 * resolve to 127.0.0.1 (DNS rebinding) is same-origin with itself, not with us: refuse any name
 * that is not loopback, the address we bound, or (bound to every interface) an IP literal.
 */
export function isAllowedHost(hostHeader: string | undefined, bindHost: string): boolean {
  if (hostHeader === undefined) return true; // HTTP/1.0 clients; browsers always send Host.
  const name = hostnameOf(hostHeader);
  if (name === undefined) return false;
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return true;
  const bound = bindHost.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === bound) return true;
  return isWildcard(bound) && isIP(name) !== 0;
}

/** The origin a page loaded from this server has, read from the (already checked) Host header. */
export function ownOrigin(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  return host === undefined ? undefined : `http://${host.toLowerCase()}`;
}

export type OriginVerdict = 'none' | 'same' | 'cors' | 'forbidden';

/**
 * No Origin (curl, a server, TEN's own back end) is allowed: CORS protects browsers' users, and
 * those clients could send anything anyway. A browser request must come from our page or a --cors origin.
 */
export function judgeOrigin(req: IncomingMessage, corsOrigins: readonly string[]): OriginVerdict {
  const origin = req.headers.origin;
  if (origin === undefined) return 'none';
  const normalized = origin.toLowerCase();
  if (normalized === ownOrigin(req)) return 'same';
  if (corsOrigins.includes(normalized)) return 'cors';
  return 'forbidden';
}

/** `--cors` values: `scheme://host[:port]`, no path; `*` is refused (any site could spend your credits). */
export function parseCorsOrigin(value: string): string | { problem: string } {
  const trimmed = value.trim();
  if (trimmed === '*') return { problem: '"*" would let every web site start conversations on your account' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { problem: 'it is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'it must start with http:// or https://' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    return { problem: 'an origin has no path, query or credentials (e.g. http://localhost:3000)' };
  }
  return url.origin.toLowerCase();
}

export class BodyTooLargeError extends Error {}

/** The client disconnected before its whole body arrived: nothing to answer, nobody to tell. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client disconnected before sending the whole body');
    this.name = 'ClientGoneError';
  }
}

/** Reads at most `limit` bytes; a larger body (declared or sent) throws BodyTooLargeError. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // A reset mid-body surfaces as 'error' (ECONNRESET, "aborted") or as a 'close' with no 'end'.
    const gone = () => {
      if (done) return;
      done = true;
      reject(new ClientGoneError());
    };
    req.on('error', gone);
    req.on('close', gone);
  });
}

/** `application/json` (any charset); an absent type is accepted only with an empty body. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const type = header.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}
