// The wire format of `tavus-ten serve`: the TEN API server's envelope `{code, msg, data}`, the request
// bodies it accepts, and how a failure becomes an HTTP status, a non-zero code and Tavus's own words.
import * as z from 'zod/mini';
import { tavusMessage } from '../api/classify/index.js';
import { concurrencyHint } from '../api/command-hints.js';
import { ApiError, NetworkError, TavusTenError } from '../errors.js';

/** The TEN envelope. `code` is a string, "0" for success, as in TEN's server/internal/code.go. */
export interface Envelope<T = unknown> {
  code: string;
  msg: string;
  data: T;
}

/**
 * Non-zero codes. 10000 is TEN's own "params invalid"; the 101xx range is tavus-ten's, one per
 * kind of Tavus failure, so a front end can react to the cap without parsing messages.
 */
export const ServeCode = {
  success: '0',
  paramsInvalid: '10000',
  notFound: '10010',
  methodNotAllowed: '10011',
  forbidden: '10020',
  concurrencyLimit: '10101',
  outOfCredits: '10102',
  rateLimited: '10103',
  tavusNotFound: '10104',
  tavusRejected: '10105',
  tavusAuth: '10106',
  tavusError: '10107',
  tavusUnreachable: '10108',
  notConfigured: '10109',
  shuttingDown: '10110',
  roomInUse: '10111',
  livekitError: '10112',
  avatarNotJoined: '10113',
  internal: '10500',
} as const;
export type ServeCodeValue = (typeof ServeCode)[keyof typeof ServeCode];

/** Error details under `data`: a symbolic name, Tavus's status (when it answered), and what to do. */
export interface ErrorData {
  error: string;
  status: number | null;
  hint?: string;
}

export interface HttpFailure {
  httpStatus: number;
  body: Envelope<ErrorData>;
  headers?: Record<string, string>;
}

export function success<T>(data: T): Envelope<T> {
  return { code: ServeCode.success, msg: 'success', data };
}

export function failure(httpStatus: number, code: ServeCodeValue, msg: string, data: ErrorData, headers?: Record<string, string>): HttpFailure {
  return { httpStatus, body: { code, msg, data }, ...(headers ? { headers } : {}) };
}

// ---------------------------------------------------------------- request bodies

const id = z
  .string()
  .check(z.trim(), z.minLength(1, 'is empty'), z.maxLength(128, 'is too long'), z.regex(/^[A-Za-z0-9_-]+$/, 'may only use letters, digits, "_" and "-"'));

/**
 * `POST /api/tavus/conversation/create`. TEN's playground sends `request_id`; unknown fields are
 * ignored (other front ends send more), known ones are checked.
 */
export const CreateBodySchema = z.object({
  request_id: z.optional(z.union([z.string().check(z.maxLength(128, 'is too long')), z.number()])),
  persona_id: z.optional(id),
  replica_id: z.optional(id),
  greeting: z.optional(z.string().check(z.maxLength(1000, 'is longer than 1000 characters'))),
});
export type CreateBody = z.infer<typeof CreateBodySchema>;

export const ConversationIdSchema = id;

/** The first problem of a failed parse, as "persona_id may only use…". */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  if (issue.code === 'invalid_type') return `${where} must be a ${issue.expected}`;
  if (issue.code === 'invalid_union') return `${where} must be a string`;
  return `${where} ${issue.message}`;
}

// ---------------------------------------------------------------- errors


/**
 * Maps what the client threw to an HTTP answer. Statuses (documented in the README):
 * the cap and Tavus's rate limit → 429, no credits → 402, an unknown persona/replica/conversation
 * → 404, Tavus rejecting the body → 400, Tavus rejecting the server's key → 502 (the server's own
 * configuration is wrong, not the caller's request), Tavus 5xx or an unreadable answer → 502,
 * no answer in time → 504, unreachable → 502.
 */
export function failureFromError(error: unknown, options: { capHint?: string } = {}): HttpFailure {
  if (error instanceof ApiError) {
    const said = tavusMessage(error.body) ?? error.message;
    const data = (name: string): ErrorData => ({ error: name, status: error.status, ...(error.hint ? { hint: error.hint } : {}) });
    switch (error.code) {
      case 'concurrency_limit':
        return failure(429, ServeCode.concurrencyLimit, said, { ...data('concurrency_limit'), hint: options.capHint ?? concurrencyHint() });
      case 'out_of_credits':
        return failure(402, ServeCode.outOfCredits, said, data('out_of_credits'));
      case 'rate_limited':
        return failure(429, ServeCode.rateLimited, said, data('rate_limited'));
      case 'not_found':
        return failure(404, ServeCode.tavusNotFound, said, data('not_found'));
      case 'auth_error':
        return failure(502, ServeCode.tavusAuth, `Tavus rejected this server's API key: ${said}`, {
          error: 'auth_error',
          status: error.status,
          hint: 'Fix TAVUS_API_KEY where `tavus-ten serve` runs, then restart it.',
        });
      case 'unexpected_response':
        return failure(502, ServeCode.tavusError, error.message, data('unexpected_response'));
      default:
        if (error.status !== null && error.status >= 400 && error.status < 500) {
          return failure(400, ServeCode.tavusRejected, said, { error: 'tavus_rejected', status: error.status });
        }
        return failure(502, ServeCode.tavusError, said, data('api_error'));
    }
  }
  if (error instanceof NetworkError) {
    const status = error.code === 'timeout' ? 504 : 502;
    return failure(status, ServeCode.tavusUnreachable, error.message, { error: error.code, status: null, ...(error.hint ? { hint: error.hint } : {}) });
  }
  if (error instanceof TavusTenError) {
    if (error.code === 'interrupted') {
      return failure(503, ServeCode.shuttingDown, 'The server is shutting down.', { error: 'shutting_down', status: null });
    }
    if (error.code === 'config_error' || error.code === 'auth_error') {
      return failure(500, ServeCode.notConfigured, error.message, { error: error.code, status: null, ...(error.hint ? { hint: error.hint } : {}) });
    }
    if (error.code === 'usage_error') {
      return failure(400, ServeCode.paramsInvalid, error.message, { error: 'params_invalid', status: null, ...(error.hint ? { hint: error.hint } : {}) });
    }
  }
  // Unknown failures say nothing about their insides to the browser; the server log has them.
  return failure(500, ServeCode.internal, 'Internal error in tavus-ten serve; see the server log.', { error: 'internal_error', status: null });
}
