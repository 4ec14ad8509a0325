import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { createHarness, json, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

// Tavus answers errors as {"error": ...} or {"message": ...}: every mapping must read both.
const shapes = [
  ['error', (text: string) => ({ error: text })],
  ['message', (text: string) => ({ message: text })],
] as const;

async function failureOf(status: number, body: unknown, call: (h: Harness) => Promise<unknown>, path: string, method: string): Promise<ApiError> {
  h = createHarness({ maxRetries: 0 });
  h.tavus.intercept({ path, method }).reply(status, body as object, json);
  const error = await rejectionOf(call(h));
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe.each(shapes)('error mapping with {%s: …} bodies', (_, shape) => {
  it('401 → auth_error, exit 3, with the login hint', async () => {
    const error = await failureOf(401, shape('Invalid access token'), (h) => h.client.replicas.list(), '/v2/replicas', 'GET');
    expect(error).toMatchObject({ code: 'auth_error', exitCode: 3, status: 401 });
    expect(error.message).toContain('Invalid access token');
    expect(error.hint).toMatch(/`tavus-ten auth login`.*TAVUS_API_KEY/);
  });

  it('403 → auth_error, exit 3', async () => {
    const error = await failureOf(403, shape('Forbidden'), (h) => h.client.replicas.list(), '/v2/replicas', 'GET');
    expect(error).toMatchObject({ code: 'auth_error', exitCode: 3 });
  });

  it('404 → not_found, exit 4, naming the id', async () => {
    const error = await failureOf(404, shape('Not found'), (h) => h.client.replicas.get('r404'), '/v2/replicas/r404', 'GET');
    expect(error).toMatchObject({ code: 'not_found', exitCode: 4, status: 404 });
    expect(error.message).toContain('replica r404');
    expect(error.hint).toContain('tavus-ten replica list');
  });

  it('400 "Invalid persona_id" on a path → not_found, exit 4, naming the id', async () => {
    const error = await failureOf(400, shape('Invalid persona_id'), (h) => h.client.personas.get('pnope'), '/v2/personas/pnope', 'GET');
    expect(error).toMatchObject({ code: 'not_found', exitCode: 4, status: 400 });
    expect(error.message).toContain('persona pnope');
  });

  it('400 "Invalid persona_id" on a PATCH or DELETE of it → not_found, and the hint says stock ones cannot be changed', async () => {
    const error = await failureOf(400, shape('Invalid persona_id'), (h) => h.client.personas.delete('pstock'), '/v2/personas/pstock', 'DELETE');
    expect(error).toMatchObject({ code: 'not_found', exitCode: 4, status: 400 });
    expect(error.message).toBe('Tavus has no persona pstock that this account can change (400 Bad Request: Invalid persona_id).');
    expect(error.hint).toContain('tavus-ten persona list --type system');
  });

  it('400 "Invalid replica_uuid" on a create → not_found naming the id from the body', async () => {
    const error = await failureOf(
      400,
      shape('Invalid replica_uuid'),
      (h) => h.client.conversations.create({ replica_id: 'rbad', persona_id: 'p1' }),
      '/v2/conversations',
      'POST',
    );
    expect(error).toMatchObject({ code: 'not_found', exitCode: 4 });
    expect(error.message).toContain('replica rbad');
  });

  it('400 "Invalid replica_id" on a persona create → not_found naming its default_replica_id', async () => {
    const error = await failureOf(
      400,
      shape('Invalid replica_id'),
      (h) => h.client.personas.create({ persona_name: 'x', pipeline_mode: 'echo', default_replica_id: 'rbad' }),
      '/v2/personas',
      'POST',
    );
    expect(error).toMatchObject({ code: 'not_found', exitCode: 4 });
    expect(error.message).toContain('replica rbad');
  });

  it('400 "maximum concurrent conversations" → concurrency_limit, exit 5, with the end hint', async () => {
    const error = await failureOf(
      400,
      shape('User has reached maximum concurrent conversations'),
      (h) => h.client.conversations.create({ persona_id: 'p1' }),
      '/v2/conversations',
      'POST',
    );
    expect(error).toMatchObject({ code: 'concurrency_limit', exitCode: 5, status: 400 });
    expect(error.hint).toContain('tavus-ten conversation end --all-active');
  });

  it('402 → out_of_credits, exit 5, naming credits', async () => {
    const error = await failureOf(402, shape('The user is out of conversational credits'), (h) => h.client.conversations.create({ persona_id: 'p1' }), '/v2/conversations', 'POST');
    expect(error).toMatchObject({ code: 'out_of_credits', exitCode: 5, status: 402 });
    expect(error.message).toMatch(/credits/);
  });

  it('other 4xx → api_error, exit 1, with Tavus\'s message', async () => {
    const error = await failureOf(422, shape('Invalid JSON patch format'), (h) => h.client.personas.update('p1', []), '/v2/personas/p1', 'PATCH');
    expect(error).toMatchObject({ code: 'api_error', exitCode: 1, status: 422 });
    expect(error.message).toContain('Invalid JSON patch format');
  });

  it('a validation 400 → api_error, exit 1 (something was sent, so not a usage error)', async () => {
    const error = await failureOf(400, shape("Bad Request. {'system_prompt': ['required']}"), (h) => h.client.personas.create({ persona_name: 'x', system_prompt: 'y' }), '/v2/personas', 'POST');
    expect(error).toMatchObject({ code: 'api_error', exitCode: 1, status: 400 });
    expect(error.message).toContain("{'system_prompt': ['required']}");
    expect(error.body).toEqual(shape("Bad Request. {'system_prompt': ['required']}"));
  });

  it('5xx → api_error, exit 1', async () => {
    const error = await failureOf(500, shape('Internal error'), (h) => h.client.replicas.list(), '/v2/replicas', 'GET');
    expect(error).toMatchObject({ code: 'api_error', exitCode: 1, status: 500 });
    expect(error.message).toContain('Internal error');
  });
});

describe('unreadable bodies', () => {
  it('an HTML 502 → unexpected_response, exit 1, with status, content-type and an excerpt', async () => {
    h = createHarness({ maxRetries: 0 });
    const page = `<html>\n<head><title>502 Bad Gateway</title></head>\n<body>${'<p>cloudflare</p>'.repeat(40)}</body></html>`;
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(502, page, { headers: { 'content-type': 'text/html' } });
    const error = (await rejectionOf(h.client.replicas.list())) as ApiError;
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1, status: 502 });
    expect(error.message).toContain('502 Bad Gateway');
    expect(error.message).toContain('text/html');
    expect(error.message).toContain('an HTML page: 502 Bad Gateway');
    expect(error.message).not.toContain('<');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).not.toMatch(/\n|at .*\.js/);
  });

  it('an HTML 200 (captive portal) → unexpected_response', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, '<!doctype html><title>Log in to Wi-Fi</title>', { headers: { 'content-type': 'text/html' } });
    const error = (await rejectionOf(h.client.replicas.list())) as ApiError;
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1, status: 200 });
    expect(error.message).toContain('Log in to Wi-Fi');
  });

  it('truncated JSON → unexpected_response with the excerpt', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'GET' }).reply(200, '{"data": [{"persona_id": "p1"', json);
    const error = (await rejectionOf(h.client.personas.list())) as ApiError;
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1 });
    expect(error.message).toContain('{"data": [{"persona_id": "p1"');
    expect(error.message).toContain('application/json');
  });

  it('a create answered with something unreadable may still have happened, and says how to check', async () => {
    const answers: Array<[number, string, string]> = [
      [200, '{"conversation_id": "c1", "conv', 'application/json'],
      [502, '<html><title>502 Bad Gateway</title></html>', 'text/html'],
      [200, '{"data": []}', 'application/json'],
      [200, '', 'application/json'],
    ];
    for (const [status, body, type] of answers) {
      h = createHarness();
      h.tavus.intercept({ path: '/v2/conversations', method: 'POST' }).reply(status, body, { headers: { 'content-type': type } });
      const error = (await rejectionOf(h.client.conversations.create({ persona_id: 'p1' }))) as ApiError;
      expect(error, `${status} ${body}`).toMatchObject({ code: 'unexpected_response', exitCode: 1 });
      expect(error.hint, `${status} ${body}`).toMatch(/^The conversation may have been created anyway .*conversation list --status active/);
      expect(error.hint).not.toMatch(/try again/i);
      await h.agent.close();
    }
    // A refusal (4xx) created nothing: no such warning.
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations', method: 'POST' }).reply(403, '<html>Forbidden by WAF</html>', { headers: { 'content-type': 'text/html' } });
    await expect(h.client.conversations.create({ persona_id: 'p1' })).rejects.toMatchObject({ hint: expect.not.stringMatching(/may have been created/) });
  });

  it('an HTML 401 is still an auth error', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(401, '<html>Unauthorized</html>', { headers: { 'content-type': 'text/html' } });
    await expect(h.client.replicas.list()).rejects.toMatchObject({ code: 'auth_error', exitCode: 3 });
  });

  it('a body over 10 MB is refused', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, 'x'.repeat(10 * 1024 * 1024 + 1), json);
    const error = (await rejectionOf(h.client.replicas.list())) as ApiError;
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1 });
    expect(error.message).toMatch(/too large/);
  });

  it('a declared length over 10 MB is refused before reading', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, '{}', { headers: { 'content-length': String(50 * 1024 * 1024) } });
    const error = (await rejectionOf(h.client.replicas.list())) as ApiError;
    expect(error.message).toMatch(/too large \(52428800 bytes/);
  });
});

describe('response shapes', () => {
  it('a list item of the wrong shape → unexpected_response naming the JSON path', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'GET' }).reply(200, { data: [{ persona_id: 'p1' }, { persona_id: 42 }], total_count: 2 }, json);
    const error = (await rejectionOf(h.client.personas.list())) as ApiError;
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1, status: 200 });
    expect(error.message).toContain('data[1].persona_id');
    expect(error.message).toMatch(/expected string/);
  });

  it('a request() schema mismatch names the path too', async () => {
    h = createHarness();
    const { z } = await import('zod');
    h.tavus.intercept({ path: '/v2/things', method: 'GET' }).reply(200, { nested: { count: 'three' } }, json);
    const error = (await rejectionOf(h.client.request({ method: 'GET', path: '/things', schema: z.object({ nested: z.object({ count: z.number() }) }) }))) as ApiError;
    expect(error.message).toContain('nested.count');
  });

  it('unknown fields are kept', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(200, { replica_id: 'r1', brand_new_field: { a: 1 } }, json);
    await expect(h.client.replicas.get('r1')).resolves.toEqual({ replica_id: 'r1', brand_new_field: { a: 1 } });
  });
});
