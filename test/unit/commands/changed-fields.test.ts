// The rows `persona update` prints for what it changed, when Tavus's answer carries no persona (the
// emulator always sends one, so this path is only reachable here): the values sent, keys masked.
import { describe, expect, it } from 'vitest';
import { changedFieldRows, distinctChanges, patchChanges } from '../../../src/commands/common/changed-fields.js';

describe('changedFieldRows without the updated object', () => {
  it('shows what was sent: values, removals, moves; a secret as a mask; the last change of a path wins', () => {
    const changes = [
      ...patchChanges([
        { op: 'test', path: '/persona_name', value: 'x' },
        { op: 'remove', path: '/context' },
        { op: 'move', path: '/layers/tts/voice', from: '/layers/tts/old_voice' },
        { op: 'replace', path: '/persona_name', value: 'First' },
        { op: 'add', path: '/layers/llm', value: { api_key: 'sk-nested12345678' } },
      ]),
      { pointer: '/layers/llm/api_key', value: 'sk-secretvalue1234' },
      { pointer: '/persona_name', value: 'Second' },
      { pointer: '/system_prompt', value: 'x'.repeat(70) },
    ];
    expect(changedFieldRows(changes)).toEqual([
      ['context', '(removed)'],
      ['layers.tts.voice', '(moved from layers.tts.old_voice)'],
      // The key set inside the object the patch added: one row, the object as it was last sent.
      ['layers.llm', '{"api_key":"sk-…1234"}'],
      ['persona_name', 'Second'],
      ['system_prompt', `${'x'.repeat(59)}… (70 characters)`],
    ]);
  });

  it('lists a parent and not its children, whichever came first; a change inside the parent is folded into its value', () => {
    const addLayers = { pointer: '/layers', value: { llm: { model: 'm', old: 'x', api_key: 'sk-nested12345678' } } };
    expect(
      changedFieldRows([
        addLayers,
        { pointer: '/layers/llm/model', value: 'gpt' },
        { pointer: '/layers/llm/api_key', op: 'remove' },
        { pointer: '/layers/llm/new', op: 'move', from: '/layers/llm/old' },
        { pointer: '/layers/tts', value: { voice: 'v' } },
        { pointer: '/layers_extra', value: 1 },
      ]),
    ).toEqual([
      ['layers', '{"llm":{"model":"gpt","new":"x"},"tts":{"voice":"v"}}'],
      ['layers_extra', '1'],
    ]);
    // Children first, then their parent: the parent's value holds them.
    expect(changedFieldRows([{ pointer: '/layers/llm/model', value: 'a' }, { pointer: '/context', op: 'remove' }, addLayers])).toEqual([
      ['context', '(removed)'],
      ['layers', '{"llm":{"model":"m","old":"x","api_key":"sk-…5678"}}'],
    ]);
    // With the answer, the row reads the parent there.
    expect(changedFieldRows([addLayers, { pointer: '/layers/llm/model', value: 'n' }], { layers: { llm: { model: 'n' } } })).toEqual([['layers', '{"llm":{"model":"n"}}']]);
  });

  it('a move into the parent from outside it keeps its own row: the parent\'s value sent cannot show it', () => {
    expect(changedFieldRows([{ pointer: '/layers', value: { llm: {} } }, { pointer: '/layers/llm/model', op: 'move', from: '/old_model' }])).toEqual([
      ['layers', '{"llm":{}}'],
      ['layers.llm.model', '(moved from old_model)'],
    ]);
  });
});

describe('distinctChanges', () => {
  it('names each path once, none inside another (what `persona update` prints after "Updated persona")', () => {
    const changes = [
      ...patchChanges([{ op: 'add', path: '/layers', value: { llm: { model: 'm' } } }]),
      { pointer: '/layers/llm/model', value: 'n' },
      { pointer: '/persona_name', value: 'A' },
      { pointer: '/persona_name', value: 'B' },
    ];
    expect(distinctChanges(changes).map((change) => change.pointer)).toEqual(['/layers', '/persona_name']);
  });
});
