import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { API_KEY, createHarness, json, ORIGIN, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

describe('redirects', () => {
  it('follows a same-origin redirect, with the key', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas/r1', method: 'GET' }).reply(301, '', { headers: { location: '/v2/replicas/r1-moved' } });
    h.tavus.intercept({ path: '/v2/replicas/r1-moved', method: 'GET' }).reply(200, { replica_id: 'r1' }, json);
    await expect(h.client.replicas.get('r1')).resolves.toMatchObject({ replica_id: 'r1' });
    expect(h.calls().map((call) => [call.path, call.headers?.['x-api-key']])).toEqual([
      ['/v2/replicas/r1', API_KEY],
      ['/v2/replicas/r1-moved', API_KEY],
    ]);
    expect(h.log.map((entry) => entry.status)).toEqual([301, 200]);
  });

  it('refuses a redirect to another origin without sending the key there', async () => {
    h = createHarness();
    const evil = h.agent.get('https://evil.example');
    evil.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, { data: [], total_count: 0 }, json);
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(302, '', { headers: { location: 'https://evil.example/v2/replicas' } });
    const error = (await rejectionOf(h.client.replicas.list())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'unexpected_response', exitCode: 1, status: 302 });
    expect(error.message).toContain('https://evil.example');
    expect(error.message).toContain('not sent');
    expect(h.calls().map((call) => call.origin)).toEqual([ORIGIN]);
  });

  it('treats a scheme downgrade on the same host as another origin', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(308, '', { headers: { location: 'http://tavusapi.com/v2/replicas' } });
    await expect(h.client.replicas.list()).rejects.toMatchObject({ code: 'unexpected_response' });
    expect(h.calls()).toHaveLength(1);
  });

  it('stops after 3 redirects', async () => {
    h = createHarness();
    for (let hop = 0; hop < 4; hop++) {
      h.tavus.intercept({ path: `/v2/loop${hop}`, method: 'GET' }).reply(307, '', { headers: { location: `/v2/loop${hop + 1}` } });
    }
    const error = (await rejectionOf(h.client.request({ method: 'GET', path: '/loop0' }))) as ApiError;
    expect(error.message).toMatch(/more than 3 redirects/);
    expect(h.calls()).toHaveLength(4);
  });

  it('keeps the method and body on 307', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'POST' }).reply(307, '', { headers: { location: '/v2/personas/' } });
    h.tavus.intercept({ path: '/v2/personas/', method: 'POST' }).reply(200, { persona_id: 'p1' }, json);
    await h.client.personas.create({ persona_name: 'x', pipeline_mode: 'echo' });
    expect(h.calls().map((call) => [call.method, call.body])).toEqual([
      ['POST', '{"persona_name":"x","pipeline_mode":"echo"}'],
      ['POST', '{"persona_name":"x","pipeline_mode":"echo"}'],
    ]);
  });
});
