// Error statuses: the typed error for a response whose status is not a success (401/403, 404 and
// Tavus's 400 "Invalid <x>_id", the concurrency cap, 402, 429 after retries, 5xx).
import { ApiError, ExitCode } from '../../errors.js';
import { formatWait } from '../../durations.js';
import { concurrencyHint } from '../command-hints.js';
import { unexpectedBody } from './body.js';
import { describeTarget, listHint, mayExistHint, nounOfPath, type RequestTarget } from './target.js';
import { attemptsNote, parseJsonBody, pathOf, statusLabel, tavusMessage, type ReceivedResponse, type RequestContext, type RetryOutcome } from './text.js';

const AUTH_HINT = 'Run `tavus-ten auth login` or set TAVUS_API_KEY to a valid key.';
/** At the concurrency cap, without target flags: conversation start and serve give concurrencyHint(their flags). */
export const CONCURRENCY_HINT = concurrencyHint();

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
        CONCURRENCY_HINT,
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
  const waitNote = outcome.retryAfterMs === undefined ? '' : ` (Tavus suggests waiting ${formatWait(outcome.retryAfterMs)})`;
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
  // A change or delete of a stock (system) persona or replica gets the same answer as an unknown id.
  if (fromPath !== undefined && STOCK_NOUNS.has(noun) && (context.method === 'PATCH' || context.method === 'DELETE')) {
    return fail(
      'not_found',
      ExitCode.notFound,
      `Tavus has no ${noun} ${fromPath} that this account can change (${label}).`,
      `Stock ${noun}s (\`tavus-ten ${noun} list --type system\`) are Tavus's own and cannot be changed or deleted; see yours with \`tavus-ten ${noun} list --type user\`.`,
    );
  }
  const message = id === undefined ? `Tavus does not know the ${field} sent (${label}).` : `Tavus has no ${noun} ${id} (${label}).`;
  return fail('not_found', ExitCode.notFound, message, listHint(nounOfPath(`${noun}s`)));
}

/** The resources of which Tavus lists stock (system) ones beside the account's own. */
const STOCK_NOUNS = new Set(['persona', 'replica']);

function readField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}


function retryAfterNote(outcome: RetryOutcome): string | undefined {
  if (outcome.retryAfterLimitMs === undefined || outcome.retryAfterMs === undefined) return undefined;
  return `Tavus asked to wait ${formatWait(outcome.retryAfterMs)} before retrying, longer than the ${formatWait(outcome.retryAfterLimitMs)} tavus-ten waits: try again later.`;
}


