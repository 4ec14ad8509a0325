// What every classifier shares: where a request went, what came back, and the small readers of
// bodies and URLs the messages are made of.

// Not `import … from 'node:http'`: on Node 22+ an ES import of node:http evaluates its lazy exports
// (WebSocket, MessageEvent…), which loads Node's own copy of undici, zlib and worker_threads (about
// 70 built-in modules) into every command that makes a request.
const { STATUS_CODES } = process.getBuiltinModule('node:http');

const SNIPPET_LENGTH = 120;

/** Where a request went, for messages. `path` is relative to the /v2 base. */
export interface RequestContext {
  method: string;
  url: string;
  path: string;
  requestBody?: unknown;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** How the retry loop ended, so a message can say it was not a first-try failure. */
export interface RetryOutcome {
  attempts: number;
  retryAfterMs?: number;
  /** Set when the server asked to wait longer than we are willing to. */
  retryAfterLimitMs?: number;
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

export function parseJsonBody(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Tavus's own explanation: `error` in validation answers, `message` in the others. */
export function tavusMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const said = record['error'] ?? record['message'];
  if (typeof said === 'string' && said.trim() !== '') return said.trim();
  if (typeof said === 'object' && said !== null) return snippet(JSON.stringify(said));
  return undefined;
}

/** A one-line, bounded excerpt of a body for an error message. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat;
}

export function statusLabel(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

/** The path and query of a URL, for messages. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** `, still after N attempts` when the request was retried. */
export function attemptsNote(outcome: RetryOutcome): string {
  return outcome.attempts > 1 ? `, still after ${outcome.attempts} attempts` : '';
}
