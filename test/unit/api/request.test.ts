import { afterEach, describe, expect, it } from 'vitest';
import { normalizeBaseUrl } from '../../../src/api/base-url.js';
import { createTavusClient } from '../../../src/api/client.js';
import { ApiError, ConfigError, InterruptedError, UsageError } from '../../../src/errors.js';
import { API_KEY, createHarness, json, ORIGIN, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

describe('request headers', () => {
  it('sends the key, accept, a tavus-ten user agent, and content-type only with a body', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(200, { replica_id: 'r1' }, json);
    h.tavus.intercept({ path: '/v2/personas', method: 'POST' }).reply(200, { persona_id: 'p1' }, json);

    await h.client.replicas.get('r1');
    await h.client.personas.create({ persona_name: 'x', pipeline_mode: 'echo' });

    const [get, post] = h.calls();
    const version = (await import('../../../package.json', { with: { type: 'json' } })).default.version;
    expect(get!.headers).toMatchObject({
      'x-api-key': API_KEY,
      accept: 'application/json',
      'user-agent': `tavus-ten/${version} node/${process.version}`,
    });
    expect(get!.headers).not.toHaveProperty('content-type');
    expect(post!.headers).toMatchObject({ 'x-api-key': API_KEY, 'content-type': 'application/json' });
    expect(JSON.parse(post!.body!)).toEqual({ persona_name: 'x', pipeline_mode: 'echo' });
  });

  it('uses a custom user agent when given one', async () => {
    h = createHarness({ userAgent: 'my-app/1.0' });
    h.tavus.intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(200, { replica_id: 'r1' }, json);
    await h.client.replicas.get('r1');
    expect(h.calls()[0]!.headers).toMatchObject({ 'user-agent': 'my-app/1.0' });
  });

  it('encodes query values and leaves out undefined ones', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/things', method: 'GET', query: { a: '1', b: 'true', c: 'x y' } }).reply(200, {}, json);
    await h.client.request({ method: 'GET', path: '/things', query: { a: 1, b: true, c: 'x y', d: undefined } });
    expect(h.calls()[0]!.searchParams).toEqual({ a: '1', b: 'true', c: 'x y' });
  });
});

describe('base URL', () => {
  it.each([
    ['https://tavusapi.com', 'https://tavusapi.com/v2'],
    ['https://tavusapi.com/', 'https://tavusapi.com/v2'],
    ['https://tavusapi.com/v2', 'https://tavusapi.com/v2'],
    ['https://tavusapi.com/v2/', 'https://tavusapi.com/v2'],
    ['http://127.0.0.1:4010//', 'http://127.0.0.1:4010/v2'],
  ])('%s becomes %s', (given, expected) => {
    expect(normalizeBaseUrl(given)).toBe(expected);
    expect(createTavusClient({ baseUrl: given }).baseUrl).toBe(expected);
  });

  it('defaults to tavusapi.com', () => {
    expect(createTavusClient({}).baseUrl).toBe('https://tavusapi.com/v2');
  });

  it('sends requests under the /v2 of a custom base', async () => {
    h = createHarness({ baseUrl: 'http://127.0.0.1:4010/v2/' });
    h.agent.get('http://127.0.0.1:4010').intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(200, { replica_id: 'r1' }, json);
    await expect(h.client.replicas.get('r1')).resolves.toMatchObject({ replica_id: 'r1' });
  });

  it('refuses a base URL that is not http(s) as bad input (exit 2, as the CLI), on the first call', async () => {
    h = createHarness({ baseUrl: 'tavusapi.com' });
    const error = await rejectionOf(h.client.replicas.list());
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 2, code: 'usage_error' });
    expect((error as UsageError).message).toMatch(/"tavusapi\.com" is not an http\(s\) URL/);
    expect((error as UsageError).hint).toMatch(/--base-url or TAVUS_API_BASE_URL/);
    expect(h.calls()).toHaveLength(0);
  });
});

describe('missing key', () => {
  it('throws a ConfigError (exit 3) with the login hint, and sends nothing', async () => {
    h = createHarness({ apiKey: undefined });
    const error = await rejectionOf(h.client.personas.list());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ exitCode: 3, code: 'config_error' });
    expect((error as ConfigError).hint).toMatch(/tavus-ten auth login.*TAVUS_API_KEY/);
    expect(h.calls()).toHaveLength(0);
  });
});

describe('the --verbose log', () => {
  it('records each exchange with method, URL, status, duration and attempt, never the key', async () => {
    let clock = 1_000;
    h = createHarness({ now: () => (clock += 5) });
    h.tavus.intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(503, { message: `busy ${API_KEY}` }, json);
    h.tavus.intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(200, { replica_id: 'r1' }, json);
    await h.client.replicas.get('r1');

    expect(h.log).toEqual([
      { method: 'GET', url: `${ORIGIN}/v2/replicas/r1`, status: 503, ms: 5, attempt: 1 },
      { method: 'GET', url: `${ORIGIN}/v2/replicas/r1`, status: 200, ms: 5, attempt: 2 },
    ]);
    expect(JSON.stringify(h.log)).not.toContain(API_KEY);
  });

  it('logs failed exchanges with their error, and keeps the key out of error messages', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'POST' }).reply(401, { message: `Invalid access token ${API_KEY}` }, json);
    const error = await rejectionOf(h.client.personas.create({ persona_name: 'x', pipeline_mode: 'echo' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).not.toContain(API_KEY);
    expect((error as ApiError).message).toContain('tvs_…a1b2');
    expect(JSON.stringify(h.log)).not.toContain(API_KEY);
  });
});

it('keeps the key out of unreadable-body messages too', async () => {
  h = createHarness();
  h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, `<html>your key ${API_KEY} is wrong</html>`, { headers: { 'content-type': 'text/html' } });
  const error = (await rejectionOf(h.client.replicas.list())) as ApiError;
  expect(error.code).toBe('unexpected_response');
  expect(error.message).not.toContain(API_KEY);
});

describe('interruption', () => {
  it('an aborted client signal stops before sending and throws InterruptedError', async () => {
    const controller = new AbortController();
    controller.abort();
    h = createHarness({ signal: controller.signal });
    const error = await rejectionOf(h.client.replicas.list());
    expect(error).toBeInstanceOf(InterruptedError);
    expect(h.calls()).toHaveLength(0);
  });

  it('an abort during the backoff stops the retries', async () => {
    const controller = new AbortController();
    h = createHarness({
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(503, {}, json);
    const error = await rejectionOf(h.client.replicas.list());
    expect(error).toBeInstanceOf(InterruptedError);
    expect(h.calls()).toHaveLength(1);
  });
});
