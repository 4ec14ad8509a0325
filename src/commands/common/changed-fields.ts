// What an update changed, for people: one `field.path: value` row per path the user named, with the
// value the object now holds (or, when Tavus answered without the object, the value sent). A path
// inside another named path is that path's row, not one of its own. Values are shortened to a line,
// and a secret-named field (`layers.llm.api_key`) is shown as a mask, never in full.
import { applyOperation, type Operation } from 'fast-json-patch';
import type { JsonPatchOp } from '../../api/objects.js';
import { mask } from '../../io/mask.js';
import { isSecretName, maskKeys } from '../../io/secret-fields.js';
import { pointerTokens, setOperation, valueAt } from './json-patch.js';

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
 * Each changed path once, in the order last changed: a path changed again is listed where its last change
 * is, and a path inside another listed one (a file adds /layers, a --set then sets /layers/llm/model) is
 * part of that one's change, so not listed apart: `layers` holds it, and its value is folded into the one
 * sent. A parent changed after its children replaces them the same way.
 */
export function distinctChanges(changes: readonly SentChange[]): SentChange[] {
  const listed: SentChange[] = [];
  for (const change of changes) {
    const at = listed.findIndex((earlier) => isInside(change.pointer, earlier.pointer));
    const merged = at < 0 ? undefined : foldedInto(listed[at]!, change);
    if (merged) {
      listed[at] = merged;
      continue;
    }
    for (let i = listed.length - 1; i >= 0; i--) {
      if (listed[i]!.pointer === change.pointer || isInside(listed[i]!.pointer, change.pointer)) listed.splice(i, 1);
    }
    listed.push(change);
  }
  return listed;
}

/** `/layers/llm/model` is inside `/layers` (and everything inside the root, ``). */
function isInside(pointer: string, parent: string): boolean {
  return pointer.startsWith(`${parent}/`);
}

/**
 * `parent` with `change` (a path inside it) done to the value sent for it. A parent moved or copied keeps
 * its row as it is (it says where it came from). undefined when the value cannot be known (a move from
 * outside the parent): the change then keeps a row of its own rather than the parent showing a stale value.
 */
function foldedInto(parent: SentChange, change: SentChange): SentChange | undefined {
  if (!('value' in parent)) return parent;
  const path = change.pointer.slice(parent.pointer.length);
  let operation: JsonPatchOp;
  if ('value' in change) operation = setOperation(parent.value, path, change.value);
  else if (change.op === 'remove') operation = { op: 'remove', path };
  else if (isInside(change.from, parent.pointer)) operation = { op: change.op, from: change.from.slice(parent.pointer.length), path };
  else return undefined;
  try {
    return { pointer: parent.pointer, value: applyOperation(structuredClone(parent.value), operation as Operation, true, true).newDocument };
  } catch {
    return undefined;
  }
}

/**
 * One row per changed path (distinctChanges), labelled `layers.llm.model`. With `updated` (the object as
 * Tavus answered it) each value is read from it; a path it no longer has is `(removed)`.
 */
export function changedFieldRows(changes: readonly SentChange[], updated?: unknown): [string, string][] {
  return distinctChanges(changes).map((change) => {
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
