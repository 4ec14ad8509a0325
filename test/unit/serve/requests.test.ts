// Reading a request to `serve` (src/serve/requests.ts): the path parameter both the Daily end and the
// LiveKit stop routes read, and the JSON body both create routes read.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { z } from '../../../src/zod.js';
import { describe, expect, it } from 'vitest';
import { pathParameter, readJsonObject, skipBody } from '../../../src/serve/requests.js';
import { ConversationIdSchema } from '../../../src/serve/protocol.js';

function request(body: string, headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(body === '' ? [] : [Buffer.from(body)]), { headers }) as unknown as IncomingMessage;
}

const EXAMPLE = 'Send {}.';
const room = z.string().check(z.regex(/^[a-z]+$/, 'may only use letters'));

describe('pathParameter', () => {
  it('decodes the parameter and checks it', () => {
    expect(pathParameter('demo', room, 'room name')).toEqual({ value: 'demo' });
    expect(pathParameter('c%31', ConversationIdSchema, 'conversation id')).toEqual({ value: 'c1' });
  });

  it('a bad escape or a value the schema refuses is a 400 naming the parameter and the reason', () => {
    const badEscape = pathParameter('%E0%A4%A', room, 'room name');
    expect('answer' in badEscape && badEscape.answer.status).toBe(400);
    expect('answer' in badEscape && JSON.parse(badEscape.answer.body).msg).toBe('Invalid room name in the path.');
    const refused = pathParameter('a%2F..%2Fb', room, 'room name');
    expect('answer' in refused && JSON.parse(refused.answer.body)).toMatchObject({ code: '10000', msg: 'Invalid room name in the path: it may only use letters.' });
  });
});

describe('readJsonObject', () => {
  it('an empty body is {}; a JSON object is itself', async () => {
    await expect(readJsonObject(request(''), EXAMPLE)).resolves.toEqual({ value: {} });
    await expect(readJsonObject(request('{"a":1}', { 'content-type': 'application/json; charset=utf-8' }), EXAMPLE)).resolves.toEqual({ value: { a: 1 } });
  });

  it('refuses a body that is not JSON-typed (415), not JSON or not an object (400 with the example)', async () => {
    const untyped = await readJsonObject(request('{"a":1}', { 'content-type': 'text/plain' }), EXAMPLE);
    expect('answer' in untyped && untyped.answer.status).toBe(415);
    for (const text of ['{', '[1]', 'null', '"x"']) {
      const read = await readJsonObject(request(text, { 'content-type': 'application/json' }), EXAMPLE);
      expect('answer' in read && read.answer.status, text).toBe(400);
      expect('answer' in read && JSON.parse(read.answer.body).data.hint, text).toBe(EXAMPLE);
    }
  });

  it('a declared body over the limit is a 413 that closes the connection, for a used or an ignored body', async () => {
    const big = request('', { 'content-length': String(1024 * 1024) });
    const read = await readJsonObject(big, EXAMPLE);
    expect('answer' in read && read.answer).toMatchObject({ status: 413, headers: { connection: 'close' } });
    await expect(skipBody(request('', { 'content-length': String(1024 * 1024) }))).resolves.toMatchObject({ status: 413 });
    await expect(skipBody(request('ignored'))).resolves.toBeUndefined();
  });
});
