// The retry policy: which failures are worth another try, and how long to wait before it.
// Whether a request may be retried at all (idempotency) is the caller's decision.
import { setTimeout as delay } from 'node:timers/promises';

/** Statuses that mean "try again later" rather than "you asked for something wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

// Failures before any answer arrived, where a second try is cheap and likely to work.
// DNS "not found", TLS and timeouts are not here: repeating them only makes the user wait longer.
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

/** Exponential backoff with full jitter; `retry` counts from 1. */
export function backoffDelayMs(retry: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 250;
  const cap = options.capMs ?? 4000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Reads a Retry-After header: delta seconds or an HTTP date. Returns milliseconds to wait
 * (0 for a date in the past), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** The default sleep: a timer that an abort signal cuts short (rejecting). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : undefined);
}
