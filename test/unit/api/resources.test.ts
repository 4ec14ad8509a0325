import { afterEach, describe, expect, it } from 'vitest';
import { shutdownReasonOf } from '../../../src/api/resources/conversations.js';
import { ApiError } from '../../../src/errors.js';
import { ConversationCreateBodySchema, JsonPatchSchema, PersonaCreateBodySchema } from '../../../src/api/schemas.js';
import { createHarness, json, persona, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

describe('personas.get', () => {
  it('reads the documented {data:[persona]} answer', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'GET' }).reply(200, { data: [persona('p1', { layers: { transport: { transport_type: 'livekit' } } })] }, json);
    await expect(h.client.personas.get('p1')).resolves.toMatchObject({ persona_id: 'p1', layers: { transport: { transport_type: 'livekit' } } });
  });

  it('reads a flat persona', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'GET' }).reply(200, persona('p1'), json);
    await expect(h.client.personas.get('p1')).resolves.toMatchObject({ persona_id: 'p1', persona_name: 'Persona p1' });
  });

  it('names the path inside the wrapper when the persona is malformed', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'GET' }).reply(200, { data: [{ persona_id: 7 }] }, json);
    const error = (await rejectionOf(h.client.personas.get('p1'))) as ApiError;
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1 });
    expect(error.message).toContain('data[0].persona_id');
  });

  it('an empty {data:[]} is not_found', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'GET' }).reply(200, { data: [] }, json);
    await expect(h.client.personas.get('p1')).rejects.toMatchObject({ code: 'not_found', exitCode: 4 });
  });

  it('escapes ids in the path', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/a%2Fb', method: 'GET' }).reply(200, persona('a/b'), json);
    await expect(h.client.personas.get('a/b')).resolves.toMatchObject({ persona_id: 'a/b' });
  });
});

describe('personas.update', () => {
  const patch = [{ op: 'replace' as const, path: '/persona_name', value: 'New' }];

  it('304 → {changed:false}', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'PATCH' }).reply(304, '');
    await expect(h.client.personas.update('p1', patch)).resolves.toEqual({ changed: false });
    expect(JSON.parse(h.calls()[0]!.body!)).toEqual(patch);
    expect(h.calls()[0]!.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('200 with the persona → {changed:true, persona}', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'PATCH' }).reply(200, persona('p1', { persona_name: 'New' }), json);
    await expect(h.client.personas.update('p1', patch)).resolves.toMatchObject({ changed: true, persona: { persona_name: 'New' } });
  });

  it('200 with an empty or unrelated body → {changed:true}', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'PATCH' }).reply(200, '');
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'PATCH' }).reply(200, { status: 'ok' }, json);
    await expect(h.client.personas.update('p1', patch)).resolves.toEqual({ changed: true });
    await expect(h.client.personas.update('p1', patch)).resolves.toEqual({ changed: true });
  });
});

describe('personas.create and list', () => {
  it('returns the short create answer', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'POST' }).reply(200, { persona_id: 'p9', persona_name: 'x', created_at: 'now' }, json);
    await expect(h.client.personas.create({ persona_name: 'x', pipeline_mode: 'echo' })).resolves.toEqual({ persona_id: 'p9', persona_name: 'x', created_at: 'now' });
  });

  it('passes list filters as query parameters', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'GET', query: { limit: '5', page: '2', persona_type: 'system' } }).reply(200, { data: [persona('p1')], total_count: 6 }, json);
    await expect(h.client.personas.list({ limit: 5, page: 2, persona_type: 'system' })).resolves.toMatchObject({ total_count: 6, data: [{ persona_id: 'p1' }] });
  });

  it('a list without total_count reports the page length', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, { data: [{ replica_id: 'r1' }] }, json);
    await expect(h.client.replicas.list()).resolves.toEqual({ data: [{ replica_id: 'r1' }], total_count: 1 });
  });

  it('delete accepts 204', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'DELETE' }).reply(204, '');
    await expect(h.client.personas.delete('p1')).resolves.toBeUndefined();
  });
});

describe('conversations', () => {
  it('end accepts the empty 200 body', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/c1/end', method: 'POST' }).reply(200, '');
    await expect(h.client.conversations.end('c1')).resolves.toEqual({ already_ended: false });
    expect(h.calls()[0]!.body).toBeUndefined();
  });

  it.each([
    [400, { error: 'Conversation has already ended' }],
    [400, { message: 'conversation is not active' }],
    [409, { message: 'Conversation ended' }],
  ])('end treats %i %j as success (already ended)', async (status, body) => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/c1/end', method: 'POST' }).reply(status, body, json);
    await expect(h.client.conversations.end('c1')).resolves.toEqual({ already_ended: true });
  });

  it('end of an unknown conversation is still not_found', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/cx/end', method: 'POST' }).reply(400, { error: 'Invalid conversation_id' }, json);
    await expect(h.client.conversations.end('cx')).rejects.toMatchObject({ code: 'not_found', exitCode: 4, message: expect.stringContaining('conversation cx') });
  });

  it('end does not swallow other 400s', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/c1/end', method: 'POST' }).reply(400, { error: 'Something else broke' }, json);
    await expect(h.client.conversations.end('c1')).rejects.toMatchObject({ code: 'api_error' });
  });

  it('get with verbose asks for events and reads either shutdown reason field', async () => {
    h = createHarness();
    const events = (key: string) => [
      { event_type: 'system.replica_joined', properties: {} },
      { event_type: 'system.shutdown', properties: { [key]: 'max_call_duration reached' } },
    ];
    h.tavus.intercept({ path: '/v2/conversations/c1', method: 'GET', query: { verbose: 'true' } }).reply(200, { conversation_id: 'c1', status: 'ended', events: events('shutdown_reason') }, json);
    h.tavus.intercept({ path: '/v2/conversations/c2', method: 'GET', query: { verbose: 'true' } }).reply(200, { conversation_id: 'c2', status: 'ended', events: events('reason') }, json);
    expect(shutdownReasonOf(await h.client.conversations.get('c1', { verbose: true }))).toBe('max_call_duration reached');
    expect(shutdownReasonOf(await h.client.conversations.get('c2', { verbose: true }))).toBe('max_call_duration reached');
  });

  it('get without verbose sends no verbose parameter', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/c1', method: 'GET' }).reply(200, { conversation_id: 'c1', status: 'active' }, json);
    await h.client.conversations.get('c1');
    expect(h.calls()[0]!.searchParams).toEqual({});
  });

  it('delete with hard=true', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/c1', method: 'DELETE', query: { hard: 'true' } }).reply(204, '');
    await expect(h.client.conversations.delete('c1', { hard: true })).resolves.toBeUndefined();
  });

  it('create sends the body and returns the conversation', async () => {
    h = createHarness();
    const answer = { conversation_id: 'c1', conversation_url: 'https://tavus.daily.co/c1', status: 'active', created_at: 'now' };
    h.tavus.intercept({ path: '/v2/conversations', method: 'POST' }).reply(200, answer, json);
    const body = { persona_id: 'p1', replica_id: 'r1', properties: { max_call_duration: 900 } };
    await expect(h.client.conversations.create(body)).resolves.toEqual(answer);
    expect(JSON.parse(h.calls()[0]!.body!)).toEqual(body);
  });
});

describe('body schemas', () => {
  it('a full-mode persona needs a system prompt; echo does not', () => {
    const result = PersonaCreateBodySchema.safeParse({ persona_name: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['system_prompt']);
    expect(PersonaCreateBodySchema.safeParse({ persona_name: 'x', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } }).success).toBe(true);
  });

  it('rejects a misspelt transport and keeps unknown fields', () => {
    expect(PersonaCreateBodySchema.safeParse({ pipeline_mode: 'echo', layers: { transport: { transport_type: 'LiveKit' } } }).success).toBe(false);
    expect(PersonaCreateBodySchema.parse({ pipeline_mode: 'echo', future_field: 1 })).toEqual({ pipeline_mode: 'echo', future_field: 1 });
  });

  it('a conversation needs a persona or a replica', () => {
    expect(ConversationCreateBodySchema.safeParse({ conversation_name: 'x' }).success).toBe(false);
    expect(ConversationCreateBodySchema.safeParse({ replica_id: 'r1' }).success).toBe(true);
    expect(ConversationCreateBodySchema.safeParse({ persona_id: 'p1', callback_url: 'ftp://x' }).success).toBe(false);
  });

  it('JSON Patch operations need their fields', () => {
    expect(JsonPatchSchema.safeParse([{ op: 'replace', path: '/persona_name', value: null }]).success).toBe(true);
    expect(JsonPatchSchema.safeParse([{ op: 'replace', path: '/persona_name' }]).success).toBe(false);
    expect(JsonPatchSchema.safeParse([{ op: 'move', path: '/a' }]).success).toBe(false);
    expect(JsonPatchSchema.safeParse([{ op: 'replace', path: 'persona_name', value: 1 }]).success).toBe(false);
    expect(JsonPatchSchema.safeParse([{ op: 'merge', path: '/a' }]).success).toBe(false);
  });
});
