import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { client } from './helpers.js';

const { emulator } = useEmulator();
const call = client(emulator);

const createBody = { pipeline_mode: 'echo', persona_name: 'faulted' };
const post = (path = '/v2/personas', body: unknown = createBody) =>
  fetch(emulator.url + path, {
    method: 'POST',
    headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** Live Node timers (setTimeout handles), as Node reports them for diagnostics. */
const liveTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
const userPersonas = () => [...emulator.state.personas.values()].filter((p) => p.persona_type === 'user');

describe('faults that replace the handler', () => {
  it('status: answers the given status, JSON body and headers, and creates nothing', async () => {
    emulator.inject({ fault: { kind: 'status', status: 503, body: { message: 'down' }, headers: { 'x-trace': 't1' } }, method: 'POST', path: '/v2/personas' });
    const response = await post();
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('x-trace')).toBe('t1');
    expect(await response.json()).toEqual({ message: 'down' });
    expect(userPersonas()).toHaveLength(0);
    expect(emulator.requests.at(-1)?.status).toBe(503);
    expect((await post()).status).toBe(200); // consumed once by default
  });

  it('html: a proxy error page served as text/html', async () => {
    emulator.inject({ fault: { kind: 'html', status: 502 } });
    const response = await call('GET', '/v2/replicas');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('502 Bad Gateway');
    expect(response.json).toBeUndefined();
  });

  it.each([
    [undefined, '2', 429],
    [503 as const, 'Wed, 21 Oct 2026 07:28:00 GMT', 503],
  ])('retry-after (status %s): Retry-After %s and the rate-limit body', async (status, retryAfter, expected) => {
    emulator.inject({ fault: { kind: 'retry-after', retryAfter, ...(status ? { status } : {}) } });
    const response = await call('GET', '/v2/personas');
    expect(response.status).toBe(expected);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    expect(response.json).toEqual({ message: 'Too many requests' });
  });

  it('large-body: a 200 JSON body of about the asked size', async () => {
    emulator.inject({ fault: { kind: 'large-body', bytes: 200_000 } });
    const response = await call('GET', '/v2/personas');
    expect(response.status).toBe(200);
    expect(response.text.length).toBeGreaterThan(180_000);
    expect(response.text.length).toBeLessThan(220_000);
    expect(Array.isArray(response.json.data)).toBe(true);
  });

  it('reset-before-response: the connection drops, nothing is created, status 0 is recorded', async () => {
    emulator.inject({ fault: { kind: 'reset-before-response' }, path: '/v2/personas' });
    await expect(post()).rejects.toThrow();
    expect(userPersonas()).toHaveLength(0);
    expect(emulator.requests.at(-1)).toMatchObject({ path: '/v2/personas', status: 0 });
  });

  it('replaces the handler before auth, like a proxy in front of the API', async () => {
    emulator.inject({ fault: { kind: 'status', status: 500 } });
    expect((await call('GET', '/v2/personas', { key: false })).status).toBe(500);
  });
});

describe('faults that spoil the delivery (the handler runs)', () => {
  it('reset-mid-body: headers and part of the body, then the connection drops; the create happened', async () => {
    emulator.inject({ fault: { kind: 'reset-mid-body' }, method: 'POST' });
    const response = await post();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(userPersonas()).toHaveLength(1);
    expect(emulator.requests.at(-1)?.status).toBe(0);
  });

  it('reset-mid-body also spoils a body-less answer', async () => {
    const id = emulator.seedConversations(1, 'active')[0];
    emulator.inject({ fault: { kind: 'reset-mid-body' } });
    const response = await post(`/v2/conversations/${id}/end`, {});
    await expect(response.text()).rejects.toThrow();
    expect(emulator.state.conversations.get(id ?? '')?.status).toBe('ended');
  });

  it('truncated-json: the real answer cut in half, delivered cleanly; the create happened', async () => {
    emulator.inject({ fault: { kind: 'truncated-json' } });
    const response = await post();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const created = userPersonas()[0];
    expect(created).toBeDefined();
    expect(JSON.stringify({ persona_id: created?.persona_id, persona_name: created?.persona_name, created_at: created?.created_at })).toMatch(
      new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(emulator.requests.at(-1)?.status).toBe(200);
  });

  it('wrong-content-type: the real JSON served as text/plain', async () => {
    emulator.inject({ fault: { kind: 'wrong-content-type' } });
    const response = await call('GET', '/v2/replicas/r90bbd427f71');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.json.replica_name).toBe('Anna');
  });

  it('delay: answers normally after the delay', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 150 } });
    const started = performance.now();
    const response = await post();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    expect(userPersonas()).toHaveLength(1);
  });

  it('delay: the handler still runs when the client gave up (a timed-out create may exist)', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 200 } });
    const controller = new AbortController();
    const pending = fetch(`${emulator.url}/v2/personas`, {
      method: 'POST',
      headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(createBody),
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(emulator.requests).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(userPersonas()).toHaveLength(1), { timeout: 5000 });
    expect(emulator.requests[0]?.status).toBe(0);
  });
});

describe('rule matching', () => {
  it('consumes faults in injection order among matching rules, honouring times', async () => {
    emulator.inject({ fault: { kind: 'status', status: 500 }, path: '/v2/replicas', times: 2 });
    emulator.inject({ fault: { kind: 'status', status: 502 }, path: /^\/v2\/repl/ });
    emulator.inject({ fault: { kind: 'status', status: 504 }, method: 'delete' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call('GET', '/v2/replicas')).status);
    expect(statuses).toEqual([500, 500, 502, 200]);
    expect((await call('GET', '/v2/personas')).status).toBe(200);
    expect((await call('DELETE', '/v2/personas/p000000000000')).status).toBe(504);
  });

  it('matches a path prefix ending in *, and Infinity repeats until cleared', async () => {
    emulator.inject({ fault: { kind: 'status', status: 503 }, path: '/v2/conversations*', times: Infinity });
    for (let i = 0; i < 3; i += 1) expect((await call('GET', '/v2/conversations/c1')).status).toBe(503);
    expect((await call('GET', '/v2/personas')).status).toBe(200);
    emulator.clearFaults();
    expect((await call('GET', '/v2/conversations')).status).toBe(200);
  });

  it('applies only to /v2 routes', async () => {
    emulator.inject({ fault: { kind: 'status', status: 500 }, times: Infinity });
    expect((await fetch(`${emulator.url}/__emulator/health`)).status).toBe(200);
    const id = emulator.seedConversations(1, 'active')[0];
    expect((await fetch(`${emulator.url}/rooms/${id}`)).status).toBe(200);
  });

  it('rejects a non-positive times', () => {
    expect(() => emulator.inject({ fault: { kind: 'status', status: 500 }, times: 0 })).toThrow(RangeError);
  });
});

describe('latency and close', () => {
  it('adds latency to every /v2 response, but not to the control plane', async () => {
    emulator.setLatency(120);
    const started = performance.now();
    expect((await call('GET', '/v2/replicas')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    emulator.setLatency(10_000);
    const health = await fetch(`${emulator.url}/__emulator/health`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
  });

  it('closes promptly with a delayed response pending and keep-alive sockets open', async () => {
    const slow = await startEmulator();
    await client(slow)('GET', '/v2/replicas'); // leaves a keep-alive socket
    slow.inject({ fault: { kind: 'delay', ms: 60_000 } });
    const pending = fetch(`${slow.url}/v2/personas`, { headers: { 'x-api-key': slow.apiKey } });
    pending.catch(() => undefined);
    await vi.waitFor(() => expect(slow.requests).toHaveLength(2));
    const timersWhilePending = liveTimers();
    const started = performance.now();
    await slow.close();
    expect(performance.now() - started).toBeLessThan(1000);
    // The 60 s delay timer must not outlive the server and hold the process open.
    expect(liveTimers()).toBeLessThan(timersWhilePending);
    await expect(pending).rejects.toThrow();
    expect(slow.requests[1]?.status).toBe(0);
    await slow.close(); // idempotent
  });
});
