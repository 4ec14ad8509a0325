// Where in a JSON input a problem is, as the messages that name it write it, and what is there.
import type * as z from '../../zod.js';

/** `layers.transport.transport_type`; `[2].persona_name` for an entry of an array. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(root)';
}

/** The value at `path` in `input`, when there is one: a wrong type, as opposed to a missing field. */
function valueAt(input: unknown, path: readonly PropertyKey[]): { value: unknown } | undefined {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined ? undefined : { value };
}

/** What a JSON value is, for "got …": `an array`, `null`, `a string`, `a number`. */
export function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** `a string`, `an object`: zod's expected type in a sentence. */
function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * A zod `invalid_type` issue in words, `must be a string (got a number)`, when `input` holds a value
 * at its path (zod leaves the value out of its issues); undefined for another issue or an absent field.
 */
export function wrongTypeText(issue: z.core.$ZodIssue, input: unknown): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const found = valueAt(input, issue.path);
  return found === undefined ? undefined : `must be ${withArticle(issue.expected)} (got ${describeType(found.value)})`;
}
