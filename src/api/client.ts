// The Tavus API client: one `request()` that adds the key and user agent, times out each
// attempt, retries what is safe to retry, and turns every failure into a typed error; plus
// typed resource calls built on it. It returns data and throws; it never prints.
import type { Dispatcher } from 'undici';
import * as z from 'zod/mini';
import {
  errorFromCutOffBody,
  errorFromNetworkFailure,
  errorFromResponse,
  failedBeforeSending,
  findErrorCode,
  emptyAnswer,
  mayExistHint,
  parseJsonBody,
  shapeMismatch,
  unexpectedBody,
} from './classify/index.js';
import type { RequestContext } from './classify/index.js';
import { ConfigError, InterruptedError, interruptionOf, TavusTenError, UsageError } from '../errors.js';
import { BodyCutOffError, exchange } from './http.js';
import { loadEnvHttpProxyAgent, loadUndici, proxyConfigured } from './undici.js';
import { capMessage, jsonNesting, MAX_JSON_DEPTH, tooDeep, withoutKey } from './hostile-body.js';
import type { HttpMethod, HttpResponse } from './http.js';
import { RESOURCES, type ResourceCalls } from './resources/index.js';
import type { QueryValue, ResourceContext, TavusRequest, TavusRequestFn, TavusResponse } from './types.js';
import { DEFAULT_BASE_URL, isHttpBaseUrl, normalizeBaseUrl } from './base-url.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { badProxyVariable, proxyFor, proxyUrlFix } from '../net/proxy.js';
import { userAgent as defaultUserAgent } from '../version.js';
import { backoffDelayMs, isRetryableNetworkCode, parseRetryAfterMs, RETRYABLE_STATUSES, sleep as defaultSleep } from './retry.js';

// The client's public types, each re-exported from the file that defines it (the package entry exports them).
export type { HttpMethod } from './http.js';
export type { ConversationsApi, ConversationListQuery } from './resources/conversations.js';
export type { PersonasApi, PersonaListQuery } from './resources/personas.js';
export type { ReplicasApi, ReplicaListQuery, ReplicaCreateBody } from './resources/replicas.js';
export type { DocumentsApi, DocumentListQuery, TavusDocument, DocumentCreateBody } from './resources/documents.js';
export type { ObjectivesApi, Objective, ObjectivesSet, ObjectivesCreateBody } from './resources/objectives.js';
export type { GuardrailsApi, Guardrail, GuardrailsSet, GuardrailsCreateBody } from './resources/guardrails.js';
export type { Page, QueryValue, ResourceContext, TavusRequest, TavusRequestFn, TavusResponse } from './types.js';
export type {
  Conversation,
  ConversationCreateBody,
  ConversationEvent,
  JsonPatchOp,
  Persona,
  PersonaCreateBody,
  PersonaCreated,
  PersonaLayers,
  Replica,
} from './objects.js';

const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 3;
// The CLI's hint; the library passes its own (it reads neither the saved profile nor .env).
const AUTH_HINT = 'Run `tavus-ten auth login` or set TAVUS_API_KEY.';

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number | null;
  ms: number;
  attempt: number;
  error?: string;
}

export interface TavusClientOptions {
  /** Sent as x-api-key; without it the first call throws a ConfigError (exit 3). */
  apiKey?: string;
  /** Default https://tavusapi.com; `/v2` is appended unless already there. */
  baseUrl?: string;
  /** Per attempt. Default 30000. */
  timeoutMs?: number;
  /** Default 3. */
  maxRetries?: number;
  /** A Retry-After longer than this gives up at once. Default 30000. */
  maxRetryAfterMs?: number;
  /** Default `tavus-ten/<version> node/<process.version>`. */
  userAgent?: string;
  /** Tests pass a MockAgent; default: EnvHttpProxyAgent (HTTPS_PROXY/HTTP_PROXY/NO_PROXY) when a proxy is set, else an Agent. */
  dispatcher?: Dispatcher;
  /** The --verbose hook: one entry per HTTP exchange; never carries the key. */
  onRequest?: (entry: RequestLogEntry) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Wall clock in ms, for Retry-After dates and durations. Default Date.now. */
  now?: () => number;
  /** Aborts everything (Ctrl-C). */
  signal?: AbortSignal;
}

/** request() plus every resource's calls (client.personas, client.replicas…), from src/api/resources/index.ts. */
export type TavusClient = ResourceCalls & {
  /** With /v2. */
  readonly baseUrl: string;
  request: TavusRequestFn;
};

/** `missingKeyHint`: the hint of the ConfigError a call without a key throws (default: the CLI's). */
export function createTavusClient(options: TavusClientOptions = {}, messages: { missingKeyHint?: string } = {}): TavusClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = Math.max(0, options.maxRetries ?? 3);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const userAgent = options.userAgent ?? defaultUserAgent();
  const pause = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  let dispatcher: Promise<Dispatcher> | undefined;

  // Loopback (the emulator, --mock) never goes through a proxy: HTTP_PROXY is for the way out. With no
  // proxy set, EnvHttpProxyAgent is a plain Agent: made directly, the proxy clients are never loaded.
  const direct = isLoopbackUrl(baseUrl) || !proxyConfigured();
  // The proxy a connection failure is about, named without its credentials (no proxy with a dispatcher of the caller's).
  const proxy = direct || options.dispatcher ? undefined : proxyFor(new URL(baseUrl), process.env);
  const getDispatcher = (): Promise<Dispatcher> => {
    dispatcher ??= options.dispatcher
      ? Promise.resolve(options.dispatcher)
      : direct
        ? loadUndici().then(({ Agent }) => new Agent())
        : loadEnvHttpProxyAgent().then((EnvHttpProxyAgent) => new EnvHttpProxyAgent());
    return dispatcher;
  };
  // A timed-out attempt may leave the dispatcher spinning (undici's ProxyAgent reconnect loop):
  // drop it, so the next attempt starts clean and nothing keeps the process alive.
  const dropDispatcher = (): void => {
    if (options.dispatcher || dispatcher === undefined) return;
    const dropped = dispatcher;
    dispatcher = undefined;
    void dropped.then((agent) => agent.destroy()).catch(() => undefined);
  };

  const contextFor = (method: HttpMethod, path: string): RequestContext => ({ method, path, url: joinUrl(baseUrl, path).href });

  // The server may echo the key back in an error; it must not reach a message. Messages are capped.
  const scrub = <E extends Error>(error: E): E => {
    const key = options.apiKey;
    if (key && key.length >= 4 && error.message.includes(key)) error.message = error.message.split(key).join('[redacted]');
    return capMessage(error);
  };

  async function request<T = unknown>(req: TavusRequest<T>): Promise<TavusResponse<T>> {
    const apiKey = options.apiKey;
    if (!apiKey) throw new ConfigError('No Tavus API key is set.', { hint: messages.missingKeyHint ?? AUTH_HINT });
    checkBaseUrl(baseUrl);
    if (!direct && !options.dispatcher) checkProxyVariables();

    const userSignal = combineSignals(options.signal, req.signal);
    const url = joinUrl(baseUrl, req.path, req.query);
    const context: RequestContext = { method: req.method, url: url.href, path: req.path, requestBody: req.body };
    const retry = req.retry ?? (req.method === 'GET' || req.method === 'DELETE');
    const headers = { 'x-api-key': apiKey, accept: 'application/json', 'user-agent': userAgent };
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const wait = async (ms: number) => {
      try {
        await pause(ms, userSignal);
      } catch (error) {
        if (userSignal?.aborted) throw interruptionOf(userSignal.reason);
        throw error;
      }
    };

    // Set once an attempt that is retried may have been carried out (its answer was lost): a DELETE
    // retried after that and answered "not found" has done its job.
    let earlierAttemptMayHaveApplied = false;
    for (let attempt = 1; ; attempt++) {
      if (userSignal?.aborted) throw interruptionOf(userSignal.reason);
      const timer = new AbortController();
      const timeout = setTimeout(() => timer.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      const signal = userSignal ? AbortSignal.any([timer.signal, userSignal]) : timer.signal;
      let response: HttpResponse;
      try {
        response = await exchange({
          dispatcher: await getDispatcher(),
          method: req.method,
          url,
          headers,
          body,
          signal,
          maxBodyBytes: MAX_RESPONSE_BYTES,
          maxRedirects: MAX_REDIRECTS,
          now,
          onExchange: (log) => {
            try {
              options.onRequest?.({ ...log, attempt });
            } catch {
              // A broken log hook must not turn into a failed request.
            }
          },
        });
      } catch (error) {
        if (timer.signal.aborted || userSignal?.aborted) dropDispatcher();
        if (userSignal?.aborted) throw interruptedInFlight(interruptionOf(userSignal.reason), retry ? undefined : mayExistHint(req.method, req.path));
        if (error instanceof TavusTenError) throw scrub(error);
        const timedOut = timer.signal.aborted;
        // A body cut off by a reset is a connection reset like any other (the contract retries those).
        const cutOff = error instanceof BodyCutOffError && !timedOut ? error : undefined;
        const code = findErrorCode(cutOff?.cause ?? error);
        if (retry && !timedOut && (cutOff !== undefined || isRetryableNetworkCode(code)) && attempt <= maxRetries) {
          if (cutOff !== undefined || !failedBeforeSending(code)) earlierAttemptMayHaveApplied = true;
          await wait(backoffDelayMs(attempt, random));
          continue;
        }
        if (cutOff) throw scrub(errorFromCutOffBody(cutOff, { ...context, attempts: attempt }));
        throw scrub(errorFromNetworkFailure(error, { ...context, timeoutMs, attempts: attempt, timedOut, proxy }));
      } finally {
        clearTimeout(timeout);
      }

      // Mask before anything quotes or cuts the body; refuse nesting no parser should recurse into.
      response = { ...response, text: withoutKey(response.text, apiKey) };
      const { status } = response;
      if (jsonNesting(response.text) > MAX_JSON_DEPTH) throw scrub(tooDeep(context, status));
      if ((status >= 200 && status < 300) || status === 304) {
        try {
          return decode(response, req.schema, context);
        } catch (error) {
          throw error instanceof Error ? scrub(error) : error;
        }
      }

      if (retry && RETRYABLE_STATUSES.has(status)) {
        const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], now());
        if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
          throw scrub(errorFromResponse(response, context, { attempts: attempt, retryAfterMs, retryAfterLimitMs: maxRetryAfterMs }));
        }
        if (attempt <= maxRetries) {
          // A gateway error says nothing about whether Tavus behind it did the work.
          if (status === 502 || status === 504) earlierAttemptMayHaveApplied = true;
          await wait(retryAfterMs ?? backoffDelayMs(attempt, random));
          continue;
        }
        throw scrub(errorFromResponse(response, context, { attempts: attempt, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }));
      }
      const failure = errorFromResponse(response, context, { attempts: attempt });
      if (req.method === 'DELETE' && earlierAttemptMayHaveApplied && failure.code === 'not_found') {
        return { status, data: undefined, headers: response.headers };
      }
      throw scrub(failure);
    }
  }

  const resources: ResourceContext = { request, contextFor, emptyAnswer, shapeMismatch };
  const calls = Object.fromEntries(Object.entries(RESOURCES).map(([key, resource]) => [key, resource.calls(resources)])) as ResourceCalls;
  return { baseUrl, request, ...calls };
}

function decode<T>(response: HttpResponse, schema: z.core.$ZodType<T> | undefined, context: RequestContext): TavusResponse<T> {
  const { status, headers } = response;
  const empty = response.text.trim() === '';
  if (status === 204 || status === 304 || (empty && schema === undefined)) return { status, data: undefined, headers };
  let body: unknown;
  if (!empty) {
    const parsed = parseJsonBody(response.text);
    if (!parsed.ok) throw unexpectedBody(response, context);
    body = parsed.value;
  }
  if (schema === undefined) return { status, data: body as T, headers };
  const checked = z.safeParse(schema, body);
  if (!checked.success) throw shapeMismatch(checked.error, { status, body }, context);
  return { status, data: checked.data, headers };
}

function checkBaseUrl(baseUrl: string): void {
  // Bad input, so exit 2 as when the CLI's settings (src/settings/resolve.ts) refuse it first; this guards library callers.
  if (!isHttpBaseUrl(baseUrl)) {
    throw new UsageError(`The API base URL ${JSON.stringify(baseUrl.replace(/\/v2$/i, ''))} is not an http(s) URL.`, {
      hint: `Set --base-url or TAVUS_API_BASE_URL to a URL such as ${DEFAULT_BASE_URL}.`,
    });
  }
}

/**
 * A proxy variable that is not an http(s) URL makes undici's proxy agent throw "Invalid URL" on every
 * request: bad input, exit 2 with nothing sent, by the rule doctor's network.proxy check applies.
 */
function checkProxyVariables(): void {
  const bad = badProxyVariable(process.env);
  if (bad === undefined) return;
  throw new UsageError(`${bad} is not an http(s) URL with a scheme, so no API call can go through the proxy; nothing was sent.`, { hint: proxyUrlFix(bad) });
}

function joinUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): URL {
  // Tolerate callers that repeat the version prefix.
  const relative = path.replace(/^\/+/, '').replace(/^v2\//i, '');
  const url = new URL(`${baseUrl}/${relative}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

/** Whoever aborted may say why (SIGTERM vs SIGINT) by aborting with a TavusTenError. */
/** Ctrl-C while a create or a patch was on the wire: it may have been carried out, and the user should know. */
function interruptedInFlight(interrupted: TavusTenError, mayExist: string | undefined): TavusTenError {
  if (!mayExist || !(interrupted instanceof InterruptedError)) return interrupted;
  return new InterruptedError(interrupted.signal, interrupted.message, { hint: mayExist });
}

