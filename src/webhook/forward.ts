// Relaying one request to the user's own handler: the same method, body bytes and end-to-end headers,
// so the handler sees what Tavus sent (content-type, user-agent, any x-… header). Also `webhook trigger`'s
// one POST. The answer is reported as it happened: a status and the time it took, or why none came.
import { loadUndici } from '../api/undici.js';

/** Hop-by-hop headers, and those the HTTP client sets itself from the body and URL. */
const NOT_RELAYED = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'expect']);

/** The handler answered (`status`, `body` as text, at most 64 KB of it) or did not (`error`), after `ms` (wall clock). */
export type HandlerAnswer = { ok: boolean; status: number; body: string; ms: number } | { ok: false; error: string; ms: number };

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs (or `method`s) `body` to `url` with `headers` (node:http's shape; those in NOT_RELAYED are dropped).
 * `timeoutMs`: how long to wait for the whole answer; `signal` aborts early (Ctrl-C). `ok` is a 2xx status.
 */
export async function deliver(
  url: string,
  body: Uint8Array,
  headers: Record<string, string | string[] | undefined>,
  options: { method?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<HandlerAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const relayed: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_RELAYED.has(name.toLowerCase())) relayed[name] = value;
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  // undici's request, not fetch: fetch refuses "bad ports" (6000, 6665-6669…) a local handler may use.
  const { request } = await loadUndici();
  try {
    const response = await request(url, { method: (options.method ?? 'POST') as 'POST', headers: relayed, body, signal });
    const text = await readCapped(response.body);
    return { ok: response.statusCode >= 200 && response.statusCode < 300, status: response.statusCode, body: text, ms: elapsed() };
  } catch (error) {
    if (timeout.aborted) return { ok: false, error: `no answer within ${options.timeoutMs / 1000} s (timeout)`, ms: elapsed() };
    if (options.signal?.aborted) return { ok: false, error: 'interrupted', ms: elapsed() };
    return { ok: false, error: describeNetworkError(error), ms: elapsed() };
  }
}

async function readCapped(body: AsyncIterable<Uint8Array> & { destroy?: () => void }): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size >= MAX_ANSWER_BYTES) break; // leaving the loop destroys the rest
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES));
}

/** A network failure in a few words: ECONNREFUSED, ENOTFOUND… */
function describeNetworkError(error: unknown): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the handler running?)';
  if (code === 'ENOTFOUND') return 'host not found';
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
