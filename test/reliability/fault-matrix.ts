// What the contract promises when Tavus (or whatever answers in its place) misbehaves, per request
// class: reads, deletes and ends are retried (429/502/503/504, resets) and then succeed or fail with
// the right code; a create or a patch is sent exactly once whatever happens, and says when it may
// have been carried out anyway. server-faults.test.ts runs every cell; the README counts them.
import type { Fault } from '../../src/emulator/index.js';

export type RequestClass = 'read' | 'create' | 'patch' | 'delete' | 'end';
export const REQUEST_CLASSES: readonly RequestClass[] = ['read', 'create', 'patch', 'delete', 'end'];

/**
 * The per-request timeout the matrix runs with (--timeout), in seconds: long enough that a 5 MB body
 * or a retried request completes within it on a loaded 2-core machine (0.5 s flaked there).
 */
export const TIMEOUT_S = 2;

export interface Expected {
  exit: number;
  /** Requests of the class's method and path the emulator receives. */
  sent: number;
  /** stderr must match. */
  says?: RegExp;
  /** The hint that a create or patch may have happened anyway. */
  mayExist?: boolean;
  /** The second attempt came at least this long after the first (a honoured Retry-After). */
  waitedMs?: number;
}

export interface FaultCase {
  name: string;
  /** Built at injection time (an HTTP date must be in the future then). */
  fault: () => Fault;
  /** How many times it strikes; default once. */
  times?: number;
  expect: Partial<Record<RequestClass, Expected>>;
}

const MAY_EXIST = true;
const retriedThenOk: Expected = { exit: 0, sent: 2 };

export const FAULT_MATRIX: FaultCase[] = [
  {
    name: '429 with Retry-After in seconds',
    fault: () => ({ kind: 'retry-after', retryAfter: '1' }),
    expect: {
      read: { ...retriedThenOk, waitedMs: 900 },
      create: { exit: 5, sent: 1, says: /rate-limiting/ },
      patch: { exit: 5, sent: 1, says: /rate-limiting/ },
      delete: { ...retriedThenOk, waitedMs: 900 },
      end: { ...retriedThenOk, waitedMs: 900 },
    },
  },
  {
    name: '429 with Retry-After as an HTTP date',
    fault: () => ({ kind: 'retry-after', retryAfter: new Date(Date.now() + 2000).toUTCString() }),
    expect: {
      read: { ...retriedThenOk, waitedMs: 900 },
      create: { exit: 5, sent: 1, says: /rate-limiting/ },
      patch: { exit: 5, sent: 1, says: /rate-limiting/ },
      delete: { ...retriedThenOk, waitedMs: 900 },
      end: { ...retriedThenOk, waitedMs: 900 },
    },
  },
  {
    name: '429 on every attempt',
    fault: () => ({ kind: 'retry-after', retryAfter: '0' }),
    times: Infinity,
    expect: {
      read: { exit: 5, sent: 4, says: /rate-limiting.*after 4 attempts/ },
      create: { exit: 5, sent: 1, says: /rate-limiting/ },
      patch: { exit: 5, sent: 1, says: /rate-limiting/ },
      delete: { exit: 5, sent: 4, says: /rate-limiting/ },
      end: { exit: 5, sent: 4, says: /rate-limiting/ },
    },
  },
  {
    name: '500',
    fault: () => ({ kind: 'status', status: 500, body: { message: 'Internal Server Error' } }),
    expect: {
      read: { exit: 1, sent: 1, says: /server error \(500/ },
      create: { exit: 1, sent: 1, says: /server error \(500/, mayExist: MAY_EXIST },
      patch: { exit: 1, sent: 1, says: /server error \(500/, mayExist: MAY_EXIST },
      delete: { exit: 1, sent: 1, says: /server error \(500/ },
      end: { exit: 1, sent: 1, says: /server error \(500/ },
    },
  },
  {
    name: '502 with an HTML body',
    fault: () => ({ kind: 'html', status: 502 }),
    expect: {
      read: retriedThenOk,
      create: { exit: 1, sent: 1, says: /502 Bad Gateway.*an HTML page/, mayExist: MAY_EXIST },
      patch: { exit: 1, sent: 1, says: /502 Bad Gateway.*an HTML page/, mayExist: MAY_EXIST },
      delete: retriedThenOk,
      end: retriedThenOk,
    },
  },
  {
    name: '503',
    fault: () => ({ kind: 'status', status: 503, body: { message: 'Service Unavailable' } }),
    expect: {
      read: retriedThenOk,
      create: { exit: 1, sent: 1, says: /503/, mayExist: MAY_EXIST },
      patch: { exit: 1, sent: 1, says: /503/, mayExist: MAY_EXIST },
      delete: retriedThenOk,
      end: retriedThenOk,
    },
  },
  {
    name: '503 on every attempt',
    fault: () => ({ kind: 'status', status: 503, body: { message: 'Service Unavailable' } }),
    times: Infinity,
    expect: {
      read: { exit: 1, sent: 4, says: /503.*after 4 attempts/ },
      create: { exit: 1, sent: 1, says: /503/, mayExist: MAY_EXIST },
      patch: { exit: 1, sent: 1, says: /503/, mayExist: MAY_EXIST },
      delete: { exit: 1, sent: 4, says: /503/ },
      end: { exit: 1, sent: 4, says: /503/ },
    },
  },
  {
    name: 'an answer slower than --timeout',
    fault: () => ({ kind: 'delay', ms: TIMEOUT_S * 1000 + 1000 }),
    expect: {
      read: { exit: 6, sent: 1, says: /did not answer within 2 s/ },
      create: { exit: 6, sent: 1, says: /did not answer within 2 s/, mayExist: MAY_EXIST },
      patch: { exit: 6, sent: 1, says: /did not answer within 2 s/, mayExist: MAY_EXIST },
      delete: { exit: 6, sent: 1, says: /did not answer within 2 s/ },
      end: { exit: 6, sent: 1, says: /did not answer within 2 s/ },
    },
  },
  {
    name: 'the connection reset before the answer',
    fault: () => ({ kind: 'reset-before-response' }),
    expect: {
      read: retriedThenOk,
      create: { exit: 6, sent: 1, says: /reset/, mayExist: MAY_EXIST },
      patch: { exit: 6, sent: 1, says: /reset/, mayExist: MAY_EXIST },
      delete: retriedThenOk,
      end: retriedThenOk,
    },
  },
  {
    name: 'the connection reset in the middle of the body',
    fault: () => ({ kind: 'reset-mid-body' }),
    expect: {
      read: retriedThenOk,
      create: { exit: 6, sent: 1, says: /cut off/, mayExist: MAY_EXIST },
      patch: { exit: 6, sent: 1, says: /cut off/, mayExist: MAY_EXIST },
      delete: retriedThenOk,
      end: retriedThenOk,
    },
  },
  {
    name: 'truncated JSON',
    fault: () => ({ kind: 'truncated-json' }),
    expect: {
      read: { exit: 1, sent: 1, says: /not JSON/ },
      create: { exit: 1, sent: 1, says: /not JSON/, mayExist: MAY_EXIST },
      patch: { exit: 1, sent: 1, says: /not JSON/, mayExist: MAY_EXIST },
      // Their answers have no body to cut.
      delete: { exit: 0, sent: 1 },
      end: { exit: 0, sent: 1 },
    },
  },
  {
    name: 'JSON with a wrong content type',
    fault: () => ({ kind: 'wrong-content-type' }),
    expect: {
      read: { exit: 0, sent: 1 },
      create: { exit: 0, sent: 1 },
      patch: { exit: 0, sent: 1 },
      delete: { exit: 0, sent: 1 },
      end: { exit: 0, sent: 1 },
    },
  },
  {
    name: 'a 5 MB body',
    fault: () => ({ kind: 'large-body', bytes: 5 * 1024 * 1024 }),
    expect: {
      // A persona list of 5 MB is read in full.
      read: { exit: 0, sent: 1 },
      // Not a conversation: nothing usable, and the create may have happened.
      create: { exit: 1, sent: 1, says: /unexpected shape/, mayExist: MAY_EXIST },
      patch: { exit: 0, sent: 1 },
      delete: { exit: 0, sent: 1 },
      end: { exit: 0, sent: 1 },
    },
  },
  {
    name: 'an 11 MB body (over the 10 MB limit)',
    fault: () => ({ kind: 'large-body', bytes: 11 * 1024 * 1024 }),
    expect: {
      read: { exit: 1, sent: 1, says: /too large/ },
    },
  },
];

/** Every (fault, class) pair the matrix checks. */
export function matrixCells(): Array<{ fault: FaultCase; cls: RequestClass; expected: Expected }> {
  return FAULT_MATRIX.flatMap((fault) =>
    REQUEST_CLASSES.flatMap((cls) => (fault.expect[cls] ? [{ fault, cls, expected: fault.expect[cls]! }] : [])),
  );
}
