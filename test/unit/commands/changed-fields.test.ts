// The rows `persona update` prints for what it changed, when Tavus's answer carries no persona (the
// emulator always sends one, so this path is only reachable here): the values sent, keys masked.
import { describe, expect, it } from 'vitest';
import { changedFieldRows, patchChanges } from '../../../src/commands/common/changed-fields.js';

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
      ['layers.llm', '{"api_key":"sk-…5678"}'],
      ['layers.llm.api_key', 'sk-…1234'],
      ['persona_name', 'Second'],
      ['system_prompt', `${'x'.repeat(59)}… (70 characters)`],
    ]);
  });
});
