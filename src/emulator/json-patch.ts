// RFC 6902 JSON Patch on plain JSON values: format check, then apply to a copy (the original is never touched).

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

export class JsonPatchError extends Error {}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function isPointer(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || value.startsWith('/'));
}

/** The patch array if it is well formed, else undefined. */
export function parsePatch(body: unknown): PatchOperation[] | undefined {
  if (!Array.isArray(body)) return undefined;
  for (const op of body) {
    if (op === null || typeof op !== 'object' || Array.isArray(op)) return undefined;
    const record = op as Record<string, unknown>;
    if (typeof record.op !== 'string' || !OPS.has(record.op) || !isPointer(record.path)) return undefined;
    const needsValue = record.op === 'add' || record.op === 'replace' || record.op === 'test';
    if (needsValue && !('value' in record)) return undefined;
    const needsFrom = record.op === 'move' || record.op === 'copy';
    if (needsFrom && !isPointer(record.from)) return undefined;
  }
  return body as PatchOperation[];
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

function arrayIndex(array: unknown[], token: string, allowEnd: boolean): number {
  if (token === '-' && allowEnd) return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`bad array index "${token}"`);
  const index = Number(token);
  if (index > array.length || (!allowEnd && index === array.length)) throw new JsonPatchError(`index ${token} out of range`);
  return index;
}

function resolveParent(doc: unknown, tokens: string[]): { parent: Container; key: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, false)];
    else if (isContainer(node) && Object.hasOwn(node, token)) node = (node as Record<string, unknown>)[token];
    else throw new JsonPatchError(`path segment "${token}" does not exist`);
  }
  if (!isContainer(node)) throw new JsonPatchError('parent is not a container');
  return { parent: node, key: tokens[tokens.length - 1] as string };
}

function getValue(doc: unknown, pointer: string): unknown {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return doc;
  const { parent, key } = resolveParent(doc, tokens);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, false)];
  if (!Object.hasOwn(parent, key)) throw new JsonPatchError(`"${pointer}" does not exist`);
  return parent[key];
}

function addValue(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

function removeValue(doc: unknown, pointer: string): unknown {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) throw new JsonPatchError('cannot remove the whole document');
  const { parent, key } = resolveParent(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else if (Object.hasOwn(parent, key)) delete parent[key];
  else throw new JsonPatchError(`"${pointer}" does not exist`);
  return doc;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Applies every operation or none: throws JsonPatchError on the first that cannot apply. */
export function applyPatch<T>(document: T, operations: readonly PatchOperation[]): T {
  let doc: unknown = clone(document);
  for (const operation of operations) {
    switch (operation.op) {
      case 'add':
        doc = addValue(doc, operation.path, clone(operation.value));
        break;
      case 'remove':
        doc = removeValue(doc, operation.path);
        break;
      case 'replace':
        if (operation.path === '') doc = clone(operation.value);
        else doc = addValue(removeValue(doc, operation.path), operation.path, clone(operation.value));
        break;
      case 'move': {
        const from = operation.from as string;
        if (operation.path.startsWith(`${from}/`)) throw new JsonPatchError('cannot move a value into itself');
        const value = getValue(doc, from);
        doc = addValue(removeValue(doc, from), operation.path, value);
        break;
      }
      case 'copy':
        doc = addValue(doc, operation.path, clone(getValue(doc, operation.from as string)));
        break;
      case 'test':
        if (!deepEqual(getValue(doc, operation.path), operation.value)) throw new JsonPatchError(`test failed at "${operation.path}"`);
        break;
    }
  }
  return doc as T;
}
