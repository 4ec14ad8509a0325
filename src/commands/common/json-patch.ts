// Pure JSON Patch (RFC 6902) work: JSON pointers (RFC 6901), the operation that sets one value (add
// where the member is missing, replace where it exists), and the diff between a document and the
// fields a file states, leaf by leaf. Used by persona, objectives/guardrails and apply. Applying
// operations to a document is fast-json-patch's.
import { applyOperation, applyPatch, type Operation } from 'fast-json-patch';
import type { JsonPatchOp } from '../../api/objects.js';

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(tokens: readonly string[]): string {
  return tokens.map((token) => `/${escapeToken(token)}`).join('');
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6901 syntax, and not the whole document. */
/** The value at `tokens` (a pointer's, see pointerTokens) in `document`, own members only; undefined where there is none. */
export function valueAt(document: unknown, tokens: readonly string[]): unknown {
  let node = document;
  for (const token of tokens) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

export function isPointer(text: string): boolean {
  return /^(\/([^~/]|~[01])*)+$/.test(text);
}

type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as JsonObject)[key], (b as JsonObject)[key]));
}

/** `{a: {b: value}}` for tokens [a, b]. */
function nest(tokens: readonly string[], value: unknown): unknown {
  return tokens.reduceRight<unknown>((inner, token) => ({ [token]: inner }), value);
}

/**
 * The one operation that sets `pointer` to `value` in `document`, as RFC 6902 requires: `replace`
 * where the member exists, `add` where it does not (adding the missing parents as one object), and
 * `replace` of the first ancestor that exists but is not a container (null, a string…).
 */
export function setOperation(document: unknown, pointer: string, value: unknown): JsonPatchOp {
  const tokens = pointerTokens(pointer);
  let node = document;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const here = pointerOf(tokens.slice(0, i + 1));
    const rest = tokens.slice(i + 1);
    if (Array.isArray(node)) {
      const index = /^(0|[1-9]\d*)$/.test(token) ? Number(token) : undefined;
      if (index === undefined || index >= node.length) return { op: 'add', path: here, value: nest(rest, value) };
      if (rest.length === 0) return { op: 'replace', path: here, value };
      node = node[index];
    } else if (isPlainObject(node)) {
      if (!Object.hasOwn(node, token)) return { op: 'add', path: here, value: nest(rest, value) };
      if (rest.length === 0) return { op: 'replace', path: here, value };
      node = node[token];
    } else {
      // Not a container: replace it (its parent exists, or we would have stopped earlier).
      return { op: 'replace', path: pointerOf(tokens.slice(0, i)), value: nest(tokens.slice(i), value) };
    }
    if (typeof node !== 'object' || node === null) {
      return { op: 'replace', path: here, value: nest(rest, value) };
    }
  }
  return { op: 'replace', path: pointer, value };
}

/**
 * The operations for several values in order, each chosen against the document as the earlier ones
 * leave it: a second `--set` under a parent the first one adds becomes an `add` inside it, not a
 * second copy of the parent that would overwrite the first.
 */
export function setOperations(document: unknown, changes: readonly { pointer: string; value: unknown }[]): JsonPatchOp[] {
  let working: unknown = structuredClone(document ?? {});
  return changes.map(({ pointer, value }) => {
    const operation = setOperation(working, pointer, value);
    working = applyOperation(working, structuredClone(operation) as Operation, false, true).newDocument;
    return operation;
  });
}

/**
 * `document` as it is after `operations` (RFC 6902), as a copy; `document` itself is not changed. When
 * an operation cannot apply (a path that is not there, a failed test), the document as it was: the
 * server then refuses the whole patch and says so. Applied by fast-json-patch.
 */
export function documentAfter(document: unknown, operations: readonly JsonPatchOp[]): unknown {
  if (operations.length === 0) return document;
  try {
    return applyPatch(structuredClone(document ?? {}), operations.map((operation) => ({ ...operation })) as Operation[], false, true).newDocument;
  } catch {
    return document;
  }
}

/**
 * The operations that make `current` hold every field `desired` states: objects are compared member
 * by member down to the leaves (so `layers.llm.model` is patched without touching `layers.tts`);
 * arrays and other values are compared whole. Fields `desired` does not mention are left alone, and
 * so are the top-level fields `ignoreTop` names (a persona's read-only ones).
 */
export function diffFields(current: unknown, desired: JsonObject, ignoreTop: (field: string) => boolean = () => false): JsonPatchOp[] {
  const operations: JsonPatchOp[] = [];
  const walk = (have: JsonObject, want: JsonObject, at: string[]) => {
    for (const [key, value] of Object.entries(want)) {
      if (at.length === 0 && ignoreTop(key)) continue;
      if (value === undefined) continue;
      const path = [...at, key];
      if (!Object.hasOwn(have, key)) {
        operations.push({ op: 'add', path: pointerOf(path), value });
        continue;
      }
      const existing = have[key];
      if (isPlainObject(value) && isPlainObject(existing)) walk(existing, value, path);
      else if (!deepEqual(existing, value)) operations.push({ op: 'replace', path: pointerOf(path), value });
    }
  };
  walk(isPlainObject(current) ? current : {}, desired, []);
  return operations;
}

/** The paths a patch touches, for plans and messages. */
export function patchPaths(operations: readonly JsonPatchOp[]): string[] {
  return operations.map((operation) => operation.path);
}
