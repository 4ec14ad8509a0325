// Reading what a request to `serve` carries: its body (bounded, JSON where one is expected) and the
// parameters in its path, each refused with the answer saying what is wrong.
import type { IncomingMessage } from 'node:http';
import { z } from '../zod.js';
import { badRequest, fromFailure, tooLarge, type Answer } from './answers.js';
import { BodyTooLargeError, isJsonContentType, readBody } from './guard.js';
import { ServeCode, failure } from './protocol.js';

/** A value read from the request, or the answer refusing it. */
export type Read<T> = { value: T } | { answer: Answer };

/**
 * The body as a JSON object ({} when empty), or the 400/413/415 answer saying what is wrong with it.
 * `example` is the hint of the 400s: a body this route accepts.
 */
export async function readJsonObject(req: IncomingMessage, example: string): Promise<Read<Record<string, unknown>>> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { answer: tooLarge() };
    throw error;
  }
  if (text.trim() === '') return { value: {} };
  if (!isJsonContentType(req.headers['content-type'])) {
    return {
      answer: fromFailure(
        failure(415, ServeCode.paramsInvalid, 'The body must be JSON (content-type: application/json).', { error: 'params_invalid', status: null }),
      ),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { answer: badRequest('The body is not valid JSON.', example) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { answer: badRequest('The body must be a JSON object.', example) };
  return { value: raw as Record<string, unknown> };
}

/** Reads and drops a body the route does not use (sendBeacon may send one): never more than the limit. */
export async function skipBody(req: IncomingMessage): Promise<Answer | undefined> {
  try {
    await readBody(req);
    return undefined;
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge();
    throw error;
  }
}

/**
 * A parameter from the path (`/…/:id/end`): percent-decoded, then checked by `schema`; a bad one is a
 * 400 naming `what` ("conversation id", "room name") and the schema's reason.
 */
export function pathParameter<T>(raw: string, schema: z.core.$ZodType<T>, what: string): Read<T> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { answer: badRequest(`Invalid ${what} in the path.`) };
  }
  const parsed = z.safeParse(schema, decoded);
  if (!parsed.success) return { answer: badRequest(`Invalid ${what} in the path: it ${parsed.error.issues[0]!.message}.`) };
  return { value: parsed.data };
}
