// Output masks keys stored inside whatever JSON it prints (src/io/secret-fields.ts), so no command has
// to remember to: whole documents and streamed arrays alike, with the two ways to show a field.
import { describe, expect, it } from 'vitest';
import { Output, type JsonSecrets } from '../../../src/io/output.js';
import { captureIO } from '../../helpers/capture.js';
import { maskKeys } from '../../../src/io/secret-fields.js';

const persona = {
  persona_id: 'p1',
  layers: { llm: { model: 'm', api_key: 'sk-supersecretkey1234567' }, transport: { livekit_room_token: 'eyJtoken-token-token-9999' } },
  callback: [{ webhook_secret: 'whsec-0123456789' }],
  meeting_token: 'the-person-joins-with-this',
  masked_already: { api_key: 'sk-…4567' },
  not_a_string: { api_key: null, token: 42 },
};

async function printed(secrets: JsonSecrets = {}): Promise<{ whole: unknown; streamed: unknown }> {
  const [a, b] = [captureIO(), captureIO()];
  new Output(a.io, { json: true, quiet: false, color: false, verbose: false }).printJson(persona, secrets);
  await new Output(b.io, { json: true, quiet: false, color: false, verbose: false }).printJsonArray((async function* () { yield persona; })(), secrets);
  await new Promise((resolve) => setImmediate(resolve));
  return { whole: JSON.parse(a.stdout()), streamed: (JSON.parse(b.stdout()) as unknown[])[0] };
}

describe('Output.printJson and printJsonArray', () => {
  it('mask every *api_key, *secret and *token string, at any depth; a mask, a non-string and meeting_token stay', async () => {
    const { whole, streamed } = await printed();
    const expected = {
      ...persona,
      layers: { llm: { model: 'm', api_key: 'sk-…4567' }, transport: { livekit_room_token: 'ey…9999' } },
      callback: [{ webhook_secret: 'wh…6789' }],
    };
    expect(whole).toEqual(expected);
    expect(streamed).toEqual(expected);
  });

  it('print them in full with showSecrets, or the named ones with keep', async () => {
    expect((await printed({ showSecrets: true })).whole).toEqual(persona);
    const kept = (await printed({ keep: ['api_key'] })).streamed as typeof persona;
    expect(kept.layers.llm.api_key).toBe('sk-supersecretkey1234567');
    expect(kept.layers.transport.livekit_room_token).toBe('ey…9999');
  });
});

describe('maskKeys', () => {
  it('copies only what holds a key to mask, and never changes its input', () => {
    const plain = { persona_id: 'p1', layers: { llm: { model: 'm' } }, tags: ['a'] };
    expect(maskKeys(plain)).toBe(plain);
    const before = structuredClone(persona);
    const out = maskKeys(persona) as typeof persona;
    expect(out).not.toBe(persona);
    expect(out.layers.llm.api_key).toBe('sk-…4567');
    // Parts with nothing to mask are the input's own.
    expect(out.masked_already).toBe(persona.masked_already);
    expect(out.not_a_string).toBe(persona.not_a_string);
    expect(persona).toEqual(before);
  });

  it('keeps a __proto__ key a key, as JSON.parse made it', () => {
    const parsed = JSON.parse('{"__proto__": {"api_key": "sk-supersecretkey1234567"}}') as Record<string, unknown>;
    const out = maskKeys(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ api_key: 'sk-…4567' });
  });
});
