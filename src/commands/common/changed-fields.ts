// What an update changed, for people: one `field.path: value` row per path the user named, with the
// value the object now holds (or, when Tavus answered without the object, the value sent). Values are
// shortened to a line, and a secret-named field (`layers.llm.api_key`) is shown as a mask, never in full.
import type { JsonPatchOp } from '../../api/objects.js';
import { mask } from '../../io/mask.js';
import { isSecretName, maskKeys } from '../../io/secret-fields.js';
import { pointerTokens, valueAt } from './json-patch.js';

/** A value longer than this (or on several lines) is cut, with its length said. */
const MAX_SHOWN = 60;

/** What a change to one path is known by before the answer: the value sent, or how the operation moved it. */
export type SentChange = { pointer: string; value: unknown } | { pointer: string; op: 'remove' } | { pointer: string; op: 'move' | 'copy'; from: string };

/** The changes a JSON Patch makes, by the paths it names (a `test` changes nothing). */
export function patchChanges(operations: readonly JsonPatchOp[]): SentChange[] {
  return operations.flatMap((operation): SentChange[] => {
    if (operation.op === 'test') return [];
    if (operation.op === 'remove') return [{ pointer: operation.path, op: 'remove' }];
    if (operation.op === 'move' || operation.op === 'copy') return [{ pointer: operation.path, op: operation.op, from: operation.from }];
    return [{ pointer: operation.path, value: operation.value }];
  });
}

/**
 * One row per changed path (the last change of a path wins), labelled `layers.llm.model`. With `updated`
 * (the object as Tavus answered it) each value is read from it; a path it no longer has is `(removed)`.
 */
export function changedFieldRows(changes: readonly SentChange[], updated?: unknown): [string, string][] {
  const byPath = new Map<string, SentChange>();
  for (const change of changes) {
    byPath.delete(change.pointer);
    byPath.set(change.pointer, change);
  }
  return [...byPath.values()].map((change) => {
    const tokens = pointerTokens(change.pointer);
    const label = tokens.join('.');
    if (updated !== undefined) return [label, shown(valueAt(updated, tokens), tokens)];
    if ('value' in change) return [label, shown(change.value, tokens)];
    if (change.op === 'remove') return [label, '(removed)'];
    return [label, `(${change.op === 'move' ? 'moved' : 'copied'} from ${pointerTokens(change.from).join('.')})`];
  });
}

/** A value on one short line; a secret (by its own or a parent's name) as a mask, and any inside it masked. */
function shown(value: unknown, tokens: readonly string[]): string {
  if (value === undefined) return '(removed)';
  if (tokens.some(isSecretName)) return typeof value === 'string' ? mask(value) : '••••';
  if (value === '') return '""';
  const text = typeof value === 'string' ? value : JSON.stringify(maskKeys(value));
  const firstLine = text.split('\n')[0]!;
  if (firstLine === text && text.length <= MAX_SHOWN) return text;
  return `${firstLine.slice(0, MAX_SHOWN - 1)}… (${text.length} characters)`;
}
