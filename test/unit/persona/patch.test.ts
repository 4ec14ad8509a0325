// The pure JSON Patch work behind `persona update` and `persona apply` (common/json-patch.ts,
// common/set-flag.ts), and the persona's own part: its read-only fields are never patched.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { diffFields, isPointer, pointerOf, pointerTokens, setOperation, setOperations } from '../../../src/commands/common/json-patch.js';
import { parseSetFlag } from '../../../src/commands/common/set-flag.js';
import { diffPersonaFields } from '../../../src/commands/persona/patch.js';

const persona = {
  persona_id: 'p1',
  persona_name: 'Coach',
  system_prompt: 'Be kind.',
  context: null,
  default_replica_id: 'r90bbd427f71',
  layers: { llm: { model: 'tavus-llama' }, tts: null, transport: { transport_type: 'daily' } },
  document_ids: ['d1', 'd2'],
  created_at: '2024-01-01T00:00:00Z',
};

describe('JSON pointers', () => {
  it('escapes ~ and / both ways (RFC 6901)', () => {
    expect(pointerOf(['layers', 'a/b', 'c~d'])).toBe('/layers/a~1b/c~0d');
    expect(pointerTokens('/layers/a~1b/c~0d')).toEqual(['layers', 'a/b', 'c~d']);
    expect(pointerTokens('')).toEqual([]);
  });

  it('accepts pointers into the document, not the whole document or bad escapes', () => {
    expect(isPointer('/persona_name')).toBe(true);
    expect(isPointer('/layers/llm/model')).toBe(true);
    expect(isPointer('')).toBe(false);
    expect(isPointer('persona_name')).toBe(false);
    expect(isPointer('/a~2b')).toBe(false);
  });
});

describe('setOperation: add where missing, replace where present', () => {
  it('replaces a member that exists, even when it holds null', () => {
    expect(setOperation(persona, '/persona_name', 'New')).toEqual({ op: 'replace', path: '/persona_name', value: 'New' });
    expect(setOperation(persona, '/context', 'ctx')).toEqual({ op: 'replace', path: '/context', value: 'ctx' });
    expect(setOperation(persona, '/layers/llm/model', 'm')).toEqual({ op: 'replace', path: '/layers/llm/model', value: 'm' });
  });

  it('adds a member that is missing, and its missing parents as one object', () => {
    expect(setOperation(persona, '/layers/llm/speculative_inference', true)).toEqual({ op: 'add', path: '/layers/llm/speculative_inference', value: true });
    expect(setOperation(persona, '/layers/perception/perception_model', 'raven-1')).toEqual({
      op: 'add',
      path: '/layers/perception',
      value: { perception_model: 'raven-1' },
    });
    expect(setOperation({ persona_id: 'p' }, '/layers/transport/transport_type', 'livekit')).toEqual({
      op: 'add',
      path: '/layers',
      value: { transport: { transport_type: 'livekit' } },
    });
  });

  it('replaces an ancestor that is not an object (null, a string)', () => {
    expect(setOperation(persona, '/layers/tts/tts_engine', 'cartesia')).toEqual({ op: 'replace', path: '/layers/tts', value: { tts_engine: 'cartesia' } });
    expect(setOperation(persona, '/system_prompt/x', 1)).toEqual({ op: 'replace', path: '/system_prompt', value: { x: 1 } });
  });

  it('replaces an existing array item and adds past the end', () => {
    expect(setOperation(persona, '/document_ids/1', 'd9')).toEqual({ op: 'replace', path: '/document_ids/1', value: 'd9' });
    expect(setOperation(persona, '/document_ids/-', 'd3')).toEqual({ op: 'add', path: '/document_ids/-', value: 'd3' });
    expect(setOperation(persona, '/document_ids/2', 'd3')).toEqual({ op: 'add', path: '/document_ids/2', value: 'd3' });
  });
});

describe('setOperations: several values, each against the document the earlier ones leave', () => {
  it('adds inside a parent an earlier operation added, instead of overwriting it', () => {
    expect(
      setOperations(persona, [
        { pointer: '/layers/perception/perception_model', value: 'raven-1' },
        { pointer: '/layers/perception/ambient_awareness_queries', value: ['Is the user smiling?'] },
        { pointer: '/document_ids/-', value: 'd3' },
        { pointer: '/document_ids/2', value: 'd4' },
      ]),
    ).toEqual([
      { op: 'add', path: '/layers/perception', value: { perception_model: 'raven-1' } },
      { op: 'add', path: '/layers/perception/ambient_awareness_queries', value: ['Is the user smiling?'] },
      { op: 'add', path: '/document_ids/-', value: 'd3' },
      { op: 'replace', path: '/document_ids/2', value: 'd4' },
    ]);
    expect(persona.layers).not.toHaveProperty('perception');
  });
});

describe('diffFields', () => {
  it('is empty when every stated field is equal (unstated and, for a persona, read-only fields ignored)', () => {
    expect(diffPersonaFields(persona, { persona_name: 'Coach', persona_id: 'other', layers: { llm: { model: 'tavus-llama' } } })).toEqual([]);
    expect(diffFields(persona, { persona_name: 'Coach', layers: { llm: { model: 'tavus-llama' } } })).toEqual([]);
  });

  it('skips only the top-level fields it is told to', () => {
    expect(diffFields(persona, { persona_id: 'other' })).toEqual([{ op: 'replace', path: '/persona_id', value: 'other' }]);
    expect(diffFields({ layers: {} }, { layers: { persona_id: 'x' } }, (field) => field === 'persona_id')).toEqual([
      { op: 'add', path: '/layers/persona_id', value: 'x' },
    ]);
  });

  it('patches exactly the leaves that differ, with add for what is missing', () => {
    const ops = diffFields(persona, {
      persona_name: 'Coach',
      system_prompt: 'Be brief.',
      pipeline_mode: 'full',
      layers: { llm: { model: 'tavus-gpt-4o', speculative_inference: true }, transport: { transport_type: 'daily' }, stt: { hotwords: 'Tavus' } },
    });
    expect(ops).toEqual([
      { op: 'replace', path: '/system_prompt', value: 'Be brief.' },
      { op: 'add', path: '/pipeline_mode', value: 'full' },
      { op: 'replace', path: '/layers/llm/model', value: 'tavus-gpt-4o' },
      { op: 'add', path: '/layers/llm/speculative_inference', value: true },
      { op: 'add', path: '/layers/stt', value: { hotwords: 'Tavus' } },
    ]);
  });

  it('replaces arrays whole and objects that hold null', () => {
    expect(diffFields(persona, { document_ids: ['d1'], layers: { tts: { tts_engine: 'cartesia' } } })).toEqual([
      { op: 'replace', path: '/document_ids', value: ['d1'] },
      { op: 'replace', path: '/layers/tts', value: { tts_engine: 'cartesia' } },
    ]);
    expect(diffFields(persona, { document_ids: ['d1', 'd2'] })).toEqual([]);
  });

  it('escapes keys in paths', () => {
    expect(diffFields({ layers: {} }, { layers: { 'a/b': 1 } })).toEqual([{ op: 'add', path: '/layers/a~1b', value: 1 }]);
  });
});

describe('parseSetFlag', () => {
  it('splits at the first = and parses the value as JSON', () => {
    expect(parseSetFlag('/layers/llm/model="a=b"')).toEqual({ pointer: '/layers/llm/model', value: 'a=b' });
    expect(parseSetFlag('/layers/llm/speculative_inference=true')).toEqual({ pointer: '/layers/llm/speculative_inference', value: true });
    expect(parseSetFlag('/document_ids=["d1"]')).toEqual({ pointer: '/document_ids', value: ['d1'] });
    expect(parseSetFlag('/context=null')).toEqual({ pointer: '/context', value: null });
  });

  it.each([
    ['/persona_name=Coach', /not JSON.*--set '\/persona_name="Coach"'/s],
    ['/persona_name', /expected \/json\/pointer=JSONVALUE/],
    ['persona_name="x"', /not a JSON pointer/],
    ['="x"', /not a JSON pointer/],
  ])('%s is a usage error naming --set', (raw, message) => {
    let caught: unknown;
    try {
      parseSetFlag(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const error = caught as UsageError;
    expect(`${error.message} ${error.hint}`).toMatch(/--set/);
    expect(`${error.message} ${error.hint}`).toMatch(message);
  });
});
