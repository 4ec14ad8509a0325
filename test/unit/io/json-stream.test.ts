// `--all --json` writes its array item by item (Output.printJsonArray): the text must be exactly what
// printing the whole array at once gives, whatever the items hold.
import { describe, expect, it } from 'vitest';
import { Output } from '../../../src/io/output.js';
import { captureIO } from '../../helpers/capture.js';

async function* from<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

async function both(items: unknown[], secret?: string): Promise<{ streamed: string; whole: string }> {
  const outputs = [captureIO(), captureIO()].map((captured) => {
    const output = new Output(captured.io, { json: true, quiet: false, color: false, verbose: false });
    output.addSecret(secret);
    return { output, captured };
  });
  await outputs[0]!.output.printJsonArray(from(items));
  outputs[1]!.output.printJson(items);
  await new Promise((resolve) => setImmediate(resolve));
  return { streamed: outputs[0]!.captured.stdout(), whole: outputs[1]!.captured.stdout() };
}

describe('a streamed JSON array', () => {
  it('is the same text as the whole array printed at once', async () => {
    const items = [
      { conversation_id: 'c1', name: 'multi\nline "quoted"', nested: { list: [1, [2, {}], []], empty: {} } },
      { conversation_id: 'c2', name: 'controls \u001b[31m\u009b\u202e bidi', emoji: '👍🏽 日本語', value: null },
      { conversation_id: 'c3', key: 'tvs_secretsecretsecret0001', tags: ['a', 'b'] },
    ];
    const { streamed, whole } = await both(items, 'tvs_secretsecretsecret0001');
    expect(streamed).toBe(whole);
    expect(streamed).not.toContain('tvs_secretsecretsecret0001');
    expect(JSON.parse(streamed)).toHaveLength(3);
  });

  it('is `[]` for no items, and the same over many write chunks', async () => {
    expect((await both([])).streamed).toBe('[]\n');
    const many = Array.from({ length: 3000 }, (_, i) => ({ conversation_id: `c${i}`, conversation_name: `Conversation ${i}`, status: 'ended' }));
    const { streamed, whole } = await both(many);
    expect(streamed).toBe(whole);
  });
});
