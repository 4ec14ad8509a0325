// The fault kinds the emulator can inject, in words: for `mock --help`, and checked against the
// control plane's schema and the README by tests. Plain data (no zod), so help loads nothing more.
import type { Fault } from './types.js';

export interface FaultKindDoc {
  kind: Fault['kind'];
  /** Its parameters, as JSON fields: `status` (required), `body?` (optional). */
  params: string;
  /** What the client gets, and whether the request still reaches the API (so state changes). */
  what: string;
}

export const FAULT_KINDS: readonly FaultKindDoc[] = [
  { kind: 'status', params: 'status (100-599), body? (JSON; default {"message":"Emulated HTTP <status>"}), headers? ({name: value})', what: 'this status instead of the answer; nothing is created' },
  { kind: 'html', params: 'status (100-599)', what: "a proxy's HTML error page (nginx style) with this status; nothing is created" },
  { kind: 'retry-after', params: 'retryAfter (seconds or an HTTP date, as a string), status? (429 or 503; default 429)', what: '"Too many requests" with a Retry-After header; nothing is created' },
  { kind: 'delay', params: 'ms (0 or more)', what: 'the real answer, this many milliseconds late (the request is handled)' },
  { kind: 'reset-before-response', params: '(none)', what: 'the connection is closed without an answer; nothing is created' },
  { kind: 'reset-mid-body', params: '(none)', what: 'the request is handled, then the connection is reset halfway through the body' },
  { kind: 'truncated-json', params: '(none)', what: 'the request is handled; its JSON is cut in half (a matching content-length), then the connection closes' },
  { kind: 'wrong-content-type', params: '(none)', what: 'the real answer labelled text/plain (the request is handled)' },
  { kind: 'large-body', params: 'bytes (a whole number above 0)', what: 'a list-shaped 200 answer of about this many bytes; nothing is created' },
];

/** The rule around a fault: which requests it hits and how often. */
export const FAULT_RULE_FIELDS =
  'method? (any when absent), path? (exact, or a prefix ending in *; any /v2 path when absent), times? (default 1; "Infinity" or null: every time)';
