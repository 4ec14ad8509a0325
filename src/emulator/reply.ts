// What a handler answers, before delivery (and before any fault mangles it).

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** 204, 304 and Tavus's body-less 200 from POST …/end. */
export function emptyReply(status: number): Reply {
  return { status, headers: {}, body: '' };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

/** Tavus's validation shape: `{"error": ...}`. */
export function errorReply(status: number, error: string): Reply {
  return jsonReply(status, { error });
}

/** Tavus's other error shape: `{"message": ...}` (auth, limits, patch format). */
export function messageReply(status: number, message: string): Reply {
  return jsonReply(status, { message });
}

export const notFoundReply = (): Reply => messageReply(404, 'Not found');

/** Thrown by handlers to answer early (validation, unknown ids); the router turns it into its reply. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`emulator reply ${reply.status}`);
  }
}
