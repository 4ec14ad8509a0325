// Unreadable answers: a body that is not JSON, one of the wrong shape, or an empty one.
import type { z } from '../../zod.js';
import { ApiError, ExitCode } from '../../errors.js';
import { mayExistHint } from './target.js';
import { attemptsNote, pathOf, snippet, statusLabel, type ReceivedResponse, type RequestContext, type RetryOutcome } from './text.js';

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
export function shapeMismatch(error: z.core.$ZodError, response: { status: number; body: unknown }, context: RequestContext, pathPrefix: PropertyKey[] = []): ApiError {
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
