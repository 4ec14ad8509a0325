// Turns what came back (a status and body, a network failure, a body of the wrong shape) into
// the typed errors of errors.ts, with messages that say what happened and what to run next.
// Tavus's error bodies come in two shapes, so its own words are read from `error ?? message`.
import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import { ApiError, ExitCode, NetworkError } from './errors.js';

const AUTH_HINT = 'Run `tavus-ten auth login` or set TAVUS_API_KEY to a valid key.';
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

// ---------------------------------------------------------------- reading bodies

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

function statusLabel(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

// ---------------------------------------------------------------- what a path names

const NOUNS: Record<string, string> = {
  personas: 'persona',
  pals: 'persona',
  replicas: 'replica',
  faces: 'replica',
  conversations: 'conversation',
  documents: 'document',
  objectives: 'objectives',
  guardrails: 'guardrails',
};

export interface RequestTarget {
  /** `persona`, `replica`, `conversation`, or undefined for other paths. */
  noun: string | undefined;
  id: string | undefined;
}

export function describeTarget(path: string): RequestTarget {
  const segments = path.split('?')[0]!.split('/').filter((segment) => segment !== '');
  if (segments[0] === 'v2') segments.shift();
  const noun = segments[0] === undefined ? undefined : NOUNS[segments[0]];
  const rawId = segments[1];
  return { noun, id: rawId === undefined ? undefined : safeDecode(rawId) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** For a create or a patch that may have reached Tavus: how to find out whether it did. */
export function mayExistHint(method: string, path: string): string | undefined {
  const { noun, id } = describeTarget(path);
  if (method === 'POST' && id === undefined && noun === 'conversation') {
    return 'The conversation may have been created anyway (it bills until it ends): check with `tavus-ten conversation list --status active`.';
  }
  if (method === 'POST' && id === undefined && noun === 'persona') {
    return 'The persona may have been created anyway: check with `tavus-ten persona list`.';
  }
  if (method === 'PATCH' && noun === 'persona' && id !== undefined) {
    return `The change may have been applied anyway: check with \`tavus-ten persona get ${id}\`.`;
  }
  // Provisioning (replica training, knowledge documents, objectives, guardrails): same advice, their own list.
  if (method === 'POST' && id === undefined && noun !== undefined) {
    return `The ${noun} may have been created anyway: check with \`tavus-ten ${noun} list\` before trying again.`;
  }
  if (method === 'PATCH' && noun !== undefined && id !== undefined) {
    return `The change may have been applied anyway: check with \`tavus-ten ${noun} get ${id}\`.`;
  }
  return undefined;
}

function listHint(noun: string | undefined): string | undefined {
  // objectives and guardrails are already plural (a set each).
  return noun === undefined ? undefined : `See which ${noun.endsWith('s') ? noun : `${noun}s`} exist with \`tavus-ten ${noun} list\`.`;
}

// ---------------------------------------------------------------- error statuses

/** The typed error for a response whose status is not a success. */
export function errorFromResponse(response: ReceivedResponse, context: RequestContext, outcome: RetryOutcome = { attempts: 1 }): ApiError {
  const { status } = response;
  const parsed = response.text.trim() === '' ? undefined : parseJsonBody(response.text);
  const body = parsed?.ok ? parsed.value : response.text || undefined;
  const said = parsed?.ok ? tavusMessage(parsed.value) : undefined;
  const label = `${statusLabel(status)}${said ? `: ${said}` : ''}`;
  const details = { status, body, method: context.method, url: context.url };
  const fail = (code: ConstructorParameters<typeof ApiError>[0], exit: ConstructorParameters<typeof ApiError>[1], message: string, hint?: string) =>
    new ApiError(code, exit, message, hint === undefined ? details : { ...details, hint });

  if (status === 401 || status === 403) {
    const what = status === 401 ? 'Tavus rejected the API key' : 'Tavus refused this API key access';
    return fail('auth_error', ExitCode.auth, `${what} (${label}).`, AUTH_HINT);
  }
  if (status === 402) {
    return fail(
      'out_of_credits',
      ExitCode.limit,
      `The Tavus account is out of credits (${label}).`,
      'Add conversational credits or upgrade the plan in the Tavus dashboard, then try again.',
    );
  }
  if (status === 429) return rateLimited(fail, label, outcome);
  if (status === 404) return notFound(fail, label, context, describeTarget(context.path));

  if (status === 400 && said !== undefined) {
    if (/maximum concurrent conversations/i.test(said)) {
      return fail(
        'concurrency_limit',
        ExitCode.limit,
        `The Tavus account is at its limit of concurrent conversations (${label}).`,
        'End conversations you no longer need: `tavus-ten conversation end --all-active`.',
      );
    }
    const invalidId = /invalid (\w+?)_(id|uuid)\b/i.exec(said);
    if (invalidId) {
      // "Invalid default_replica_id" is about a replica.
      const noun = invalidId[1]!.toLowerCase().split('_').pop()!;
      return unknownId(fail, label, context, noun, invalidId[0].slice('invalid '.length).toLowerCase());
    }
  }

  if (parsed !== undefined && !parsed.ok) return unexpectedBody(response, context, outcome);

  if (status >= 400 && status < 500) {
    return fail('api_error', ExitCode.failure, `Tavus rejected ${context.method} ${pathOf(context.url)} (${label}).`);
  }
  if (status >= 500) {
    return fail(
      'api_error',
      ExitCode.failure,
      `Tavus had a server error (${label})${attemptsNote(outcome)}.`,
      retryAfterNote(outcome) ?? mayExistHint(context.method, context.path) ?? 'Try again in a moment.',
    );
  }
  return fail('unexpected_response', ExitCode.failure, `Tavus answered ${context.method} ${pathOf(context.url)} with an unexpected ${label}.`);
}

type Fail = (code: ConstructorParameters<typeof ApiError>[0], exit: ConstructorParameters<typeof ApiError>[1], message: string, hint?: string) => ApiError;

function rateLimited(fail: Fail, label: string, outcome: RetryOutcome): ApiError {
  const waitNote = outcome.retryAfterMs === undefined ? '' : ` (Tavus suggests waiting ${formatDuration(outcome.retryAfterMs)})`;
  return fail(
    'rate_limited',
    ExitCode.limit,
    `Tavus is rate-limiting requests (${label})${attemptsNote(outcome)}.`,
    retryAfterNote(outcome) ?? `Wait a little and try again${waitNote}.`,
  );
}

function notFound(fail: Fail, label: string, context: RequestContext, target: RequestTarget): ApiError {
  if (target.noun !== undefined && target.id !== undefined) {
    return fail('not_found', ExitCode.notFound, `Tavus has no ${target.noun} ${target.id} (${label}).`, listHint(target.noun));
  }
  return fail('not_found', ExitCode.notFound, `Not found: ${context.method} ${pathOf(context.url)} (${label}).`);
}

/** Tavus answers an unknown id with 400 "Invalid <noun>_id": say which id it was. */
function unknownId(fail: Fail, label: string, context: RequestContext, noun: string, field: string): ApiError {
  const target = describeTarget(context.path);
  const fromPath = target.noun === noun ? target.id : undefined;
  const fromBody =
    readField(context.requestBody, field) ?? readField(context.requestBody, `${noun}_id`) ?? readField(context.requestBody, `default_${noun}_id`);
  const id = fromPath ?? fromBody;
  const message = id === undefined ? `Tavus does not know the ${field} sent (${label}).` : `Tavus has no ${noun} ${id} (${label}).`;
  return fail('not_found', ExitCode.notFound, message, listHint(NOUNS[`${noun}s`] ?? undefined));
}

function readField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function attemptsNote(outcome: RetryOutcome): string {
  return outcome.attempts > 1 ? `, still after ${outcome.attempts} attempts` : '';
}

function retryAfterNote(outcome: RetryOutcome): string | undefined {
  if (outcome.retryAfterLimitMs === undefined || outcome.retryAfterMs === undefined) return undefined;
  return `Tavus asked to wait ${formatDuration(outcome.retryAfterMs)} before retrying, longer than the ${formatDuration(outcome.retryAfterLimitMs)} tavus-ten waits: try again later.`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 120) return `${totalSeconds} s`;
  return `${Math.round(totalSeconds / 60)} min`;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------- unreadable answers

/** A body that is not JSON (an HTML error page from a proxy, a captive portal, a truncation). */
export function unexpectedBody(response: ReceivedResponse, context: RequestContext, outcome: RetryOutcome = { attempts: 1 }): ApiError {
  const contentType = response.headers['content-type'] ?? 'no content-type';
  const excerpt = readableExcerpt(response.text);
  const origin = originOf(context.url);
  const checkHint = `Check that ${origin} is the Tavus API (--base-url, TAVUS_API_BASE_URL) and that no proxy answers in its place; if it was a passing outage, try again.`;
  return new ApiError(
    'unexpected_response',
    ExitCode.failure,
    `Tavus answered ${context.method} ${pathOf(context.url)} with ${statusLabel(response.status)} and a body that is not JSON (${contentType}): ${excerpt.startsWith('an HTML page') ? excerpt : `"${excerpt}"`}${attemptsNote(outcome)}.`,
    {
      status: response.status,
      body: response.text,
      method: context.method,
      url: context.url,
      hint: withMayExist(response.status, context, checkHint, `Check that ${origin} is the Tavus API and that no proxy answers in its place.`),
    },
  );
}

/**
 * A create or a patch whose answer was a success or a server error may have been carried out even
 * though the answer is unusable: say so first, so nobody "tries again" into a duplicate conversation.
 */
function withMayExist(status: number, context: RequestContext, hint: string, afterMayExist = hint): string {
  const mayExist = (status >= 200 && status < 300) || status >= 500 ? mayExistHint(context.method, context.path) : undefined;
  return mayExist ? `${mayExist} ${afterMayExist}` : hint;
}

/** An HTML page is shown by its title (or its text without tags): people read messages, not markup. */
function readableExcerpt(text: string): string {
  if (!/^\s*<(!doctype|html|head|body|\w+[^>]*>)/i.test(text)) return snippet(text);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const words = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return `an HTML page: ${snippet(title || words)}`;
}

/** A body that parsed but does not have the shape tavus-ten relies on; names the JSON paths. */
export function shapeMismatch(error: z.ZodError, response: { status: number; body: unknown }, context: RequestContext, pathPrefix: PropertyKey[] = []): ApiError {
  const problems = error.issues.slice(0, 3).map((issue) => `${formatJsonPath([...pathPrefix, ...issue.path])}: ${issue.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return new ApiError(
    'unexpected_response',
    ExitCode.failure,
    `Tavus answered ${context.method} ${pathOf(context.url)} with an unexpected shape: ${problems.join('; ')}${more}.`,
    {
      status: response.status,
      body: response.body,
      method: context.method,
      url: context.url,
      hint: withMayExist(
        response.status,
        context,
        'The Tavus API may have changed: update tavus-ten, and report it with the output of --verbose if it persists.',
      ),
    },
  );
}

/** A success status whose body was empty where a resource was expected. */
export function emptyAnswer(status: number, context: RequestContext): ApiError {
  return new ApiError('unexpected_response', ExitCode.failure, `Tavus answered ${context.method} ${pathOf(context.url)} with ${statusLabel(status)} and an empty body.`, {
    status,
    method: context.method,
    url: context.url,
    hint: withMayExist(status, context, 'Try again; if it persists, report it with the output of --verbose.', 'If it persists, report it with the output of --verbose.'),
  });
}

/** `data[0].persona_id`; `(root)` for the body itself. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------- network failures

export interface NetworkFailureContext extends RequestContext {
  timeoutMs: number;
  attempts: number;
  /** The request was answered by our own per-attempt timer. */
  timedOut: boolean;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** The first error code found along an error's causes (and an AggregateError's members). */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof AggregateError) {
    for (const member of error.errors) {
      const found = findErrorCode(member, depth + 1);
      if (found) return found;
    }
  }
  return findErrorCode((error as { cause?: unknown }).cause, depth + 1);
}

/** Failures that happen before a request can have reached the server. */
export function failedBeforeSending(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    code === 'ENETDOWN' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    TLS_CODE.test(code)
  );
}

/** The NetworkError for a request that got no answer, in a plain sentence naming the host. */
export function errorFromNetworkFailure(error: unknown, context: NetworkFailureContext): NetworkError {
  const code = findErrorCode(error);
  const host = hostOf(context.url);
  // A proxy that refused the tunnel never passed the request on.
  const reachedServer = !failedBeforeSending(code) && !/\bproxy response\b/i.test(errorText(error));
  const tries = context.attempts > 1 ? ` (tried ${context.attempts} times)` : '';
  let message: string;
  let hint: string | undefined;
  let timeout = false;

  if (context.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    timeout = true;
    message = `${host} did not answer within ${formatDuration(context.timeoutMs)}.`;
    hint = 'Raise the limit with --timeout SECONDS or TAVUS_TEN_TIMEOUT, or check your network.';
  } else if (code === 'ECONNREFUSED') {
    message = `Could not connect to ${host}: connection refused${tries}.`;
    hint = 'Check the API base URL (--base-url, TAVUS_API_BASE_URL) and any proxy settings (HTTPS_PROXY).';
  } else if (code === 'ENOTFOUND') {
    message = `Could not connect to ${host}: the name does not resolve (DNS lookup failed).`;
    hint = 'Check your network connection and the API base URL (--base-url, TAVUS_API_BASE_URL).';
  } else if (code === 'EAI_AGAIN') {
    message = `Could not connect to ${host}: DNS lookup failed temporarily${tries}.`;
    hint = 'Check your network connection and try again.';
  } else if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    timeout = true;
    message = `Could not connect to ${host}: the connection timed out${tries}.`;
    hint = 'Check your network connection, firewall and proxy settings (HTTPS_PROXY, NO_PROXY).';
  } else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    message = `The connection to ${host} was reset before an answer arrived${tries}.`;
    hint = 'Check your network connection and proxy settings, then try again.';
  } else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') {
    message = `Could not connect to ${host}: the network is unreachable.`;
    hint = 'Check your network connection.';
  } else if (code !== undefined && TLS_CODE.test(code)) {
    message = `Could not connect securely to ${host}: ${errorText(error)} (${code}).`;
    hint = 'A proxy or antivirus that inspects TLS needs its certificate authority in NODE_EXTRA_CA_CERTS.';
  } else if (/\bproxy\b/i.test(errorText(error))) {
    message = `Could not connect to ${host} through the proxy: ${errorText(error)}.`;
    hint = 'Check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).';
  } else {
    message = `The request to ${host} failed: ${errorText(error)}${code ? ` (${code})` : ''}${tries}.`;
  }

  const existHint = reachedServer ? mayExistHint(context.method, context.path) : undefined;
  return new NetworkError(message, {
    method: context.method,
    url: context.url,
    code: timeout ? 'timeout' : 'network_error',
    hint: existHint ?? hint,
    cause: error,
    mayHaveReachedServer: reachedServer,
  });
}

/** An answer whose connection dropped before its body was complete (see http.ts BodyCutOffError). */
export function errorFromCutOffBody(
  cutOff: { status: number; received: number; cause: unknown },
  context: RequestContext & { attempts: number },
): NetworkError {
  const tries = context.attempts > 1 ? ` (tried ${context.attempts} times)` : '';
  return new NetworkError(
    `The answer from ${hostOf(context.url)} (${cutOff.status}) was cut off after ${cutOff.received} bytes: ${errorText(cutOff.cause)}${tries}.`,
    {
      method: context.method,
      url: context.url,
      hint: mayExistHint(context.method, context.path) ?? 'Check your network connection and proxy settings, then try again.',
      cause: cutOff.cause,
      mayHaveReachedServer: true,
    },
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.$/, '') || 'unknown error';
}
