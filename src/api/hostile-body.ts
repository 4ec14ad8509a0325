// What the client does to an answer before reading it: the key is masked out of the text before
// anything quotes or cuts it, and JSON nested deeper than any Tavus answer is refused unparsed
// (parsing, validating or printing it would exhaust the stack).
import { ApiError, ExitCode } from '../errors.js';

/** Tavus's answers nest a few levels; a persona's layers perhaps ten. */
export const MAX_JSON_DEPTH = 128;

/** Error messages are one screen at most, whatever the server put in its message. */
export const MAX_MESSAGE_CHARS = 1000;

/** The deepest `{`/`[` nesting of JSON text, strings skipped; stops counting past `limit`. */
export function jsonNesting(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Replaces the key in the answer's text, before any message quotes or truncates it, with the mask
 * people see everywhere else (`tvs_…a1b2`, the shape of io/mask.ts, which the client may not import).
 */
export function withoutKey(text: string, key: string | undefined): string {
  if (!key || key.length < 4 || !text.includes(key)) return text;
  const masked = key.length < 12 ? '••••' : `${/^[A-Za-z]{1,4}[_-]/.exec(key)?.[0] ?? key.slice(0, 2)}…${key.slice(-4)}`;
  return text.split(key).join(masked);
}

export function tooDeep(context: { method: string; url: string }, status: number): ApiError {
  const path = new URL(context.url).pathname;
  return new ApiError(
    'unexpected_response',
    ExitCode.failure,
    `Tavus answered ${context.method} ${path} (${status}) with JSON nested more than ${MAX_JSON_DEPTH} levels deep; tavus-ten did not read it.`,
    { status, method: context.method, url: context.url, hint: 'Check that the API base URL (--base-url, TAVUS_API_BASE_URL) is the Tavus API and that no proxy answers in its place.' },
  );
}

/** Cuts a message that would fill the terminal (a 5 MB error line was seen). */
export function capMessage<E extends Error>(error: E): E {
  if (error.message.length > MAX_MESSAGE_CHARS) {
    error.message = `${error.message.slice(0, MAX_MESSAGE_CHARS)}… (${error.message.length - MAX_MESSAGE_CHARS} more characters not shown)`;
  }
  return error;
}
