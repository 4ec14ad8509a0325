import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { backoffDelayMs, parseRetryAfterMs } from '../../../src/api/retry.js';
import { createHarness, json, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('parseRetryAfterMs', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfterMs('7', NOW)).toBe(7000);
    expect(parseRetryAfterMs(' 0 ', NOW)).toBe(0);
  });
  it('reads an HTTP date relative to now, and a past date as no wait', () => {
    expect(parseRetryAfterMs(new Date(NOW + 12_000).toUTCString(), NOW)).toBe(12_000);
    expect(parseRetryAfterMs(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfterMs('soon', NOW)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles from 250 ms, capped at 4 s, scaled by the jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, () => 0.999999))).toEqual([249, 499, 999, 1999, 3999, 3999, 3999]);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
    expect(backoffDelayMs(2, () => 0.5)).toBe(250);
  });
});

describe('retrying GET', () => {
  it('429 then success waits the Retry-After seconds', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(429, { message: 'slow down' }, { headers: { 'retry-after': '3' } });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, { data: [], total_count: 0 }, json);
    await expect(h.client.replicas.list()).resolves.toEqual({ data: [], total_count: 0 });
    expect(h.sleeps).toEqual([3000]);
    expect(h.calls()).toHaveLength(2);
  });

  it('429 then success waits until a Retry-After HTTP date', async () => {
    h = createHarness({ now: () => NOW });
    const retryAt = new Date(NOW + 9000).toUTCString();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(429, {}, { headers: { 'retry-after': retryAt } });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, { data: [], total_count: 0 }, json);
    await h.client.replicas.list();
    expect(h.sleeps).toEqual([9000]);
  });

  it('uses jittered exponential backoff without Retry-After', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(502, {}, json).times(3);
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(200, { data: [], total_count: 0 }, json);
    await h.client.replicas.list();
    expect(h.sleeps).toEqual([125, 250, 500]);
    expect(h.calls()).toHaveLength(4);
  });

  it('503 four times gives up after 3 retries: api_error, exit 1', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(503, { message: 'down' }, json).times(4);
    const error = await rejectionOf(h.client.replicas.list());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'api_error', exitCode: 1, status: 503 });
    expect((error as ApiError).message).toMatch(/server error \(503 Service Unavailable: down\), still after 4 attempts/);
    expect(h.calls()).toHaveLength(4);
    expect(h.sleeps).toHaveLength(3);
  });

  it('429 four times gives up: rate_limited, exit 5', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(429, { message: 'Too many requests' }, json).times(4);
    const error = await rejectionOf(h.client.replicas.list());
    expect(error).toMatchObject({ code: 'rate_limited', exitCode: 5, status: 429 });
    expect(h.calls()).toHaveLength(4);
  });

  it('a Retry-After beyond the limit gives up at once (exit 5 for 429)', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(429, {}, { headers: { 'retry-after': '120' } });
    const error = await rejectionOf(h.client.replicas.list());
    expect(error).toMatchObject({ code: 'rate_limited', exitCode: 5 });
    expect((error as ApiError).hint).toMatch(/wait 2 min before retrying, longer than the 30 s/);
    expect(h.sleeps).toEqual([]);
    expect(h.calls()).toHaveLength(1);
  });

  it('maxRetries 0 turns retries off', async () => {
    h = createHarness({ maxRetries: 0 });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(502, {}, json);
    await expect(h.client.replicas.list()).rejects.toMatchObject({ status: 502 });
    expect(h.calls()).toHaveLength(1);
  });

  it('does not retry statuses that will not change (500, 400)', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).reply(500, { message: 'boom' }, json);
    await expect(h.client.replicas.list()).rejects.toMatchObject({ status: 500, exitCode: 1 });
    expect(h.calls()).toHaveLength(1);
  });
});

describe('retrying writes', () => {
  it('POST create is never retried on 502, and says the conversation may exist', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations', method: 'POST' }).reply(502, { message: 'bad gateway' }, json).times(4);
    const error = await rejectionOf(h.client.conversations.create({ persona_id: 'p1' }));
    expect(error).toMatchObject({ code: 'api_error', exitCode: 1, status: 502 });
    expect((error as ApiError).hint).toContain('tavus-ten conversation list --status active');
    expect(h.calls()).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('POST persona create is never retried on 503 or 429', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas', method: 'POST' }).reply(503, {}, json);
    const error = await rejectionOf(h.client.personas.create({ persona_name: 'x', system_prompt: 'hi' }));
    expect((error as ApiError).hint).toContain('tavus-ten persona list');
    h.tavus.intercept({ path: '/v2/personas', method: 'POST' }).reply(429, {}, json);
    await expect(h.client.personas.create({ persona_name: 'x', system_prompt: 'hi' })).rejects.toMatchObject({ code: 'rate_limited', exitCode: 5 });
    expect(h.calls()).toHaveLength(2);
  });

  it('PATCH is never retried', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'PATCH' }).reply(503, {}, json).times(2);
    const error = await rejectionOf(h.client.personas.update('p1', [{ op: 'replace', path: '/persona_name', value: 'y' }]));
    expect(error).toMatchObject({ status: 503 });
    expect((error as ApiError).hint).toContain('tavus-ten persona get p1');
    expect(h.calls()).toHaveLength(1);
  });

  it('DELETE is retried', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'DELETE' }).reply(503, {}, json);
    h.tavus.intercept({ path: '/v2/personas/p1', method: 'DELETE' }).reply(204, '');
    await expect(h.client.personas.delete('p1')).resolves.toBeUndefined();
    expect(h.calls()).toHaveLength(2);
  });

  it('conversation end is retried (it is idempotent)', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations/c1/end', method: 'POST' }).reply(504, '');
    h.tavus.intercept({ path: '/v2/conversations/c1/end', method: 'POST' }).reply(200, '');
    await expect(h.client.conversations.end('c1')).resolves.toEqual({ already_ended: false });
    expect(h.calls()).toHaveLength(2);
    expect(h.sleeps).toEqual([125]);
  });

  it('request() lets a caller opt a POST into retries', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/things', method: 'POST' }).reply(503, {}, json);
    h.tavus.intercept({ path: '/v2/things', method: 'POST' }).reply(200, { ok: true }, json);
    await expect(h.client.request({ method: 'POST', path: '/things', body: {}, retry: true })).resolves.toMatchObject({ status: 200, data: { ok: true } });
  });
});
