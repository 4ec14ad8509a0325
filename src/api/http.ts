// One HTTP exchange with undici: send, follow same-origin redirects, read a bounded body.
// Retries, timeouts and error wording live with the caller; this file only refuses what it
// must never do (follow the key to another origin, buffer an unbounded body).
import type { Dispatcher } from 'undici';
import { untilAborted } from '../abort.js';
import { ApiError, ExitCode } from '../errors.js';
import { loadUndici } from './undici.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';


export interface ExchangeLog {
  method: string;
  url: string;
  status: number | null;
  ms: number;
  error?: string;
}

export interface ExchangeRequest {
  dispatcher: Dispatcher;
  method: HttpMethod;
  url: URL;
  /** Sent on every hop; `content-type` is added when there is a body. */
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  maxBodyBytes: number;
  maxRedirects: number;
  now: () => number;
  onExchange?: (log: ExchangeLog) => void;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Where the answer finally came from, after redirects. */
  url: URL;
  method: HttpMethod;
}

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * The connection dropped while the body was arriving: a reset, not an answer. The caller decides
 * whether to try again (idempotent requests) and how to word it (a create may have happened).
 */
export class BodyCutOffError extends Error {
  constructor(
    readonly status: number,
    readonly received: number,
    override readonly cause: unknown,
  ) {
    super(`the answer (${status}) was cut off after ${received} bytes: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'BodyCutOffError';
  }
}

export async function exchange(input: ExchangeRequest): Promise<HttpResponse> {
  const { request } = await loadUndici();
  let method = input.method;
  let url = input.url;
  let body = input.body;

  for (let hop = 0; ; hop++) {
    const started = input.now();
    const log = (status: number | null, error?: string) =>
      input.onExchange?.({ method, url: url.href, status, ms: input.now() - started, ...(error === undefined ? {} : { error }) });

    let response: Dispatcher.ResponseData;
    try {
      // undici's ProxyAgent can loop on a proxy that ignores CONNECT without ever settling, even
      // when the signal aborts: the race makes the timeout and Ctrl-C win whatever the dispatcher does.
      response = await untilAborted(
        request(url, {
          method,
          headers: body === undefined ? input.headers : { ...input.headers, 'content-type': 'application/json' },
          body,
          dispatcher: input.dispatcher,
          signal: input.signal,
        }),
        input.signal,
        discardLate,
      );
    } catch (error) {
      log(null, error instanceof Error ? error.message : String(error));
      throw error;
    }

    const status = response.statusCode;
    const headers = flattenHeaders(response.headers);
    const location = headers['location'];
    if (REDIRECTS.has(status) && location !== undefined) {
      await response.body.dump().catch(() => undefined);
      log(status);
      const next = new URL(location, url);
      if (next.origin !== url.origin) throw crossOriginRedirect(method, url, status, next);
      if (hop >= input.maxRedirects) throw tooManyRedirects(method, input.url, status, input.maxRedirects);
      // Fetch's rules: 303 turns into a GET, and so does a POST answered with 301/302.
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
      continue;
    }

    let text: string;
    try {
      text = await readBoundedBody(response, { method, url, maxBodyBytes: input.maxBodyBytes, signal: input.signal });
    } catch (error) {
      log(status, error instanceof Error ? error.message : String(error));
      throw error;
    }
    log(status);
    return { status, headers, text, url, method };
  }
}

/** A response that lost the race to the signal: its body is freed, never read. */
function discardLate(late: Dispatcher.ResponseData | undefined): void {
  late?.body?.destroy?.();
}

function flattenHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBoundedBody(
  response: Dispatcher.ResponseData,
  context: { method: HttpMethod; url: URL; maxBodyBytes: number; signal: AbortSignal },
): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > context.maxBodyBytes) {
    response.body.destroy();
    throw tooLarge(context, response.statusCode, declared);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      received += buffer.length;
      if (received > context.maxBodyBytes) {
        response.body.destroy();
        throw tooLarge(context, response.statusCode, undefined);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    // An abort (timeout, Ctrl-C) is the caller's to explain; anything else cut the body short.
    if (error instanceof ApiError || context.signal.aborted) throw error;
    throw new BodyCutOffError(response.statusCode, received, error);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(context: { method: HttpMethod; url: URL; maxBodyBytes: number }, status: number, declared: number | undefined): ApiError {
  const size = declared === undefined ? 'more than' : `${declared} bytes, over`;
  return new ApiError(
    'unexpected_response',
    ExitCode.failure,
    `The answer from ${context.url.host} is too large (${size} the ${Math.round(context.maxBodyBytes / 1_000_000)} MB limit); tavus-ten did not read it.`,
    { status, method: context.method, url: context.url.href, hint: 'Ask for fewer items with --limit, or check the API base URL.' },
  );
}

function crossOriginRedirect(method: HttpMethod, from: URL, status: number, to: URL): ApiError {
  return new ApiError(
    'unexpected_response',
    ExitCode.failure,
    `Tavus answered ${method} ${from.pathname} with a redirect (${status}) to another origin, ${to.origin}; tavus-ten does not follow it, so your API key was not sent there.`,
    {
      status,
      method,
      url: from.href,
      hint: 'If the API really moved, set --base-url or TAVUS_API_BASE_URL to the new address yourself.',
    },
  );
}

function tooManyRedirects(method: HttpMethod, from: URL, status: number, limit: number): ApiError {
  return new ApiError(
    'unexpected_response',
    ExitCode.failure,
    `Tavus answered ${method} ${from.pathname} with more than ${limit} redirects; tavus-ten stopped following them.`,
    { status, method, url: from.href, hint: 'Check the API base URL (--base-url, TAVUS_API_BASE_URL).' },
  );
}
