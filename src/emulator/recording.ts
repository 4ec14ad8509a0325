// What the emulator's request log keeps: a key that is not the emulator's own is masked (someone may
// point a real key at the mock), and the log is bounded in entries and in body size, so a long run or
// a few large requests cannot grow it without end.
import type { RecordedRequest } from './types.js';

/** Entries kept; the oldest go first. */
export const MAX_RECORDED_REQUESTS = 5000;
/** Raw body bytes kept per entry; a larger body is recorded cut, and not parsed. */
export const MAX_RECORDED_BODY_CHARS = 256 * 1024;

const SECRET_HEADERS = new Set(['x-api-key']);

/** `tvs_…abcd`: enough to tell keys apart, not enough to use one. */
function maskKey(value: string): string {
  if (value.length < 12) return '••••';
  const prefix = /^[A-Za-z]{1,4}[_-]/.exec(value)?.[0] ?? value.slice(0, 2);
  return `${prefix}…${value.slice(-4)}`;
}

/** Headers as recorded: any key but `ownKey` (the emulator's published one) masked. */
export function recordedHeaders(headers: Record<string, string>, ownKey: string): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    recorded[name] = SECRET_HEADERS.has(name) && value !== ownKey ? maskKey(value) : value;
  }
  return recorded;
}

/** The raw body as recorded, and whether it was cut. */
export function recordedBody(rawBody: string): { rawBody: string; cut: boolean } {
  if (rawBody.length <= MAX_RECORDED_BODY_CHARS) return { rawBody, cut: false };
  return { rawBody: rawBody.slice(0, MAX_RECORDED_BODY_CHARS), cut: true };
}

/** Appends, dropping the oldest past the bound (the array itself is kept: callers hold it). */
export function pushBounded(requests: RecordedRequest[], record: RecordedRequest): void {
  requests.push(record);
  if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
}
