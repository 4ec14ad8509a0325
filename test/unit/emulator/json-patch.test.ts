import { describe, expect, it } from 'vitest';
import { applyPatch, JsonPatchError, parsePatch, type PatchOperation } from '../../../src/emulator/json-patch.js';

const doc = () => ({ a: 1, list: ['x', 'y'], nested: { 'k/1': 'slash', 'k~0': 'tilde' } });

describe('parsePatch', () => {
  it('accepts every RFC 6902 operation', () => {
    const ops = [
      { op: 'add', path: '/b', value: 2 },
      { op: 'remove', path: '/a' },
      { op: 'replace', path: '/a', value: 3 },
      { op: 'move', from: '/a', path: '/c' },
      { op: 'copy', from: '/a', path: '/d' },
      { op: 'test', path: '/a', value: 1 },
    ];
    expect(parsePatch(ops)).toEqual(ops);
  });

  it.each([
    [{ op: 'add', path: '/a', value: 1 }],
    [[{ op: 'add', path: '/a' }]],
    [[{ op: 'move', path: '/a' }]],
    [[{ op: 'add', path: 'a', value: 1 }]],
    [[null]],
  ])('rejects %j', (body) => {
    expect(parsePatch(body)).toBeUndefined();
  });
});

describe('applyPatch', () => {
  const apply = (ops: PatchOperation[]) => applyPatch(doc(), ops);

  it('adds, replaces and removes, with array indexes and "-"', () => {
    expect(apply([{ op: 'add', path: '/list/1', value: 'new' }]).list).toEqual(['x', 'new', 'y']);
    expect(apply([{ op: 'add', path: '/list/-', value: 'z' }]).list).toEqual(['x', 'y', 'z']);
    expect(apply([{ op: 'replace', path: '/list/0', value: 'X' }]).list).toEqual(['X', 'y']);
    expect(apply([{ op: 'remove', path: '/list/0' }]).list).toEqual(['y']);
    expect(apply([{ op: 'remove', path: '/a' }])).not.toHaveProperty('a');
  });

  it('decodes ~1 and ~0 in pointers', () => {
    const result = apply([
      { op: 'replace', path: '/nested/k~11', value: 'S' },
      { op: 'replace', path: '/nested/k~00', value: 'T' },
    ]);
    expect(result.nested).toEqual({ 'k/1': 'S', 'k~0': 'T' });
  });

  it('moves and copies', () => {
    expect(apply([{ op: 'move', from: '/a', path: '/b' }])).toMatchObject({ b: 1 });
    expect(apply([{ op: 'move', from: '/a', path: '/b' }])).not.toHaveProperty('a');
    expect(apply([{ op: 'copy', from: '/list', path: '/copy' }])).toMatchObject({ copy: ['x', 'y'], list: ['x', 'y'] });
  });

  it('leaves the original untouched and applies all or nothing', () => {
    const original = doc();
    expect(() => applyPatch(original, [{ op: 'remove', path: '/a' }, { op: 'test', path: '/a', value: 1 }])).toThrow(JsonPatchError);
    expect(original).toEqual(doc());
  });

  it.each<PatchOperation[]>([
    [{ op: 'replace', path: '/missing', value: 1 }],
    [{ op: 'remove', path: '/missing/deeper' }],
    [{ op: 'add', path: '/list/5', value: 1 }],
    [{ op: 'add', path: '/list/01', value: 1 }],
    [{ op: 'test', path: '/a', value: 2 }],
    [{ op: 'move', from: '/nested', path: '/nested/inner' }],
  ])('fails on %j', (op) => {
    expect(() => apply([op])).toThrow(JsonPatchError);
  });

  it('test compares deeply', () => {
    expect(() => apply([{ op: 'test', path: '/nested', value: { 'k~0': 'tilde', 'k/1': 'slash' } }])).not.toThrow();
  });
});
