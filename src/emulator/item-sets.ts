// What objectives and guardrails share: a set of named items under `data`, created from a validated
// body, changed by a JSON Patch against the set's document (paths such as `/data/0/objective_prompt`),
// answered 304 when the patch changes nothing.
import * as z from 'zod';
import { applyPatch, deepEqual, JsonPatchError, parsePatch, pointerTokens } from './json-patch.js';
import { emptyReply, errorReply, jsonReply, messageReply, ReplyError, type Reply } from './reply.js';

/** Tavus answers these creates' validation errors as `{"message": "<field> is required"}`. */
export function parseSetBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [...issue.path].reverse().find((part) => typeof part === 'string') ?? 'data';
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  throw new ReplyError(messageReply(400, missing ? `${String(field)} is required` : `${String(field)}: ${issue.message}`));
}

export interface SetDocument {
  data: Array<Record<string, unknown>>;
  updated_at: string;
}

/**
 * Applies a JSON Patch to a set. Only `data` (and `extraWritable` at the top) may change; the result
 * must still pass `schema`. Returns the reply and, when something changed, the new document.
 */
export function patchSet<D extends SetDocument>(
  current: D,
  body: unknown,
  schema: z.ZodType,
  options: { now: string; updated: string; extraWritable?: readonly string[] },
): { reply: Reply; next?: D } {
  const operations = parsePatch(body);
  if (!operations) return { reply: errorReply(400, 'Invalid patch operation') };
  const writable = new Set(['data', ...(options.extraWritable ?? [])]);
  for (const operation of operations) {
    for (const pointer of [operation.path, operation.from]) {
      if (pointer === undefined) continue;
      const field = pointerTokens(pointer)[0];
      if (field === undefined || !writable.has(field)) return { reply: errorReply(400, `Invalid patch operation: ${pointer} cannot be modified`) };
    }
  }
  let next: D;
  try {
    next = applyPatch(current, operations);
  } catch (error) {
    if (error instanceof JsonPatchError) return { reply: errorReply(400, `Invalid patch operation: ${error.message}`) };
    throw error;
  }
  const checked = schema.safeParse(next);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { reply: errorReply(400, `Invalid patch operation: ${issue.path.map(String).join('/')} ${issue.message}`) };
  }
  if (deepEqual(current, next)) return { reply: emptyReply(304) };
  next.updated_at = options.now;
  return { reply: jsonReply(200, { message: options.updated }), next };
}
