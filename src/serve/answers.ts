// What `serve` answers, before it is written to the socket: a status, headers and a body, and the
// answers every route gives the same way (TEN's envelope, 400, 405, 413).
import { MAX_BODY_BYTES } from './guard.js';
import { ServeCode, failure, type HttpFailure } from './protocol.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For the log line. */
  note?: string;
}

const API_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(status: number, value: unknown, note?: string, headers: Record<string, string> = {}): Answer {
  return { status, headers: { ...API_HEADERS, ...headers }, body: JSON.stringify(value), ...(note ? { note } : {}) };
}

export function fromFailure(f: HttpFailure): Answer {
  return json(f.httpStatus, f.body, `${f.body.code} ${f.body.msg}`, f.headers);
}

export function badRequest(msg: string, hint?: string): Answer {
  return fromFailure(failure(400, ServeCode.paramsInvalid, msg, { error: 'params_invalid', status: null, ...(hint ? { hint } : {}) }));
}

export function methodNotAllowed(allow: string): Answer {
  const answer = fromFailure(failure(405, ServeCode.methodNotAllowed, `Use ${allow} for this path.`, { error: 'method_not_allowed', status: null }));
  answer.headers.allow = allow;
  return answer;
}

/** 413, and the connection closed: the rest of the body is not worth reading. */
export function tooLarge(): Answer {
  const answer = fromFailure(
    failure(413, ServeCode.paramsInvalid, `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`, { error: 'params_invalid', status: null }),
  );
  answer.headers.connection = 'close';
  return answer;
}
