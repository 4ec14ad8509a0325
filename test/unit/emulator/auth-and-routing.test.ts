import { stockPersonas, stockReplicas } from '../../../src/emulator/seed.js';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { client } from './helpers.js';

/** The emulator's seed: stock personas and replicas (src/emulator/seed.ts). */
const STOCK_PERSONAS = stockPersonas().length;
const STOCK_REPLICAS = stockReplicas().length;

const { emulator } = useEmulator();
const call = client(emulator);

describe('auth', () => {
  it('listens on 127.0.0.1 with a random port and the default mock key', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.apiKey).toBe('tvs_mock_0000000000000000');
  });

  it.each([
    ['missing', false as const],
    ['wrong', 'tvs_wrong'],
  ])('answers 401 for a %s x-api-key on every /v2 route', async (_label, key) => {
    for (const [method, path] of [
      ['GET', '/v2/personas'],
      ['GET', '/v2/replicas/r90bbd427f71'],
      ['POST', '/v2/conversations'],
      ['GET', '/v2/nothing-here'],
    ] as const) {
      const response = await call(method, path, { key, body: method === 'POST' ? {} : undefined });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.json).toEqual({ message: 'Invalid access token' });
    }
  });

  it('accepts a custom key and only that one', async () => {
    const custom = await startEmulator({ apiKey: 'tvs_custom_key' });
    try {
      const customCall = client(custom);
      expect((await customCall('GET', '/v2/replicas')).status).toBe(200);
      expect((await customCall('GET', '/v2/replicas', { key: 'tvs_mock_0000000000000000' })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('routing and bodies', () => {
  it('answers Tavus-style 404 for an unknown route or method', async () => {
    for (const [method, path] of [
      ['GET', '/v2/unknown'],
      ['PUT', '/v2/personas/pcb7a34da5fe'],
      ['GET', '/v2/conversations/x/y/z'],
    ]) {
      const response = await call(method as string, path as string);
      expect(response.status).toBe(404);
      expect(response.json).toEqual({ message: 'Not found' });
    }
  });

  it('answers 400 {"error"} for a body that is not JSON', async () => {
    const response = await call('POST', '/v2/personas', { rawBody: '{"persona_name": ' });
    expect(response.status).toBe(400);
    expect(typeof response.json.error).toBe('string');
    expect(emulator.state.personas.size).toBe(STOCK_PERSONAS);
  });

  it('tolerates a trailing slash', async () => {
    expect((await call('GET', '/v2/personas/')).status).toBe(200);
  });
});

describe('recorded requests', () => {
  it('records each /v2 request with lower-case headers, query, body and answered status', async () => {
    await call('GET', '/v2/personas?limit=2&page=1', { headers: { 'X-Custom-Thing': 'Value' } });
    await call('POST', '/v2/personas', { body: { pipeline_mode: 'echo', persona_name: 'rec' } });
    await call('GET', '/v2/personas', { key: false });
    await fetch(`${emulator.url}/__emulator/health`);

    expect(emulator.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/v2/personas', 200],
      ['POST', '/v2/personas', 200],
      ['GET', '/v2/personas', 401],
    ]);
    const [list, create] = emulator.requests;
    expect(list?.query).toEqual({ limit: '2', page: '1' });
    expect(list?.headers['x-custom-thing']).toBe('Value');
    expect(list?.headers['x-api-key']).toBe(emulator.apiKey);
    expect(list?.body).toBeUndefined();
    expect(create?.body).toEqual({ pipeline_mode: 'echo', persona_name: 'rec' });
    expect(create?.rawBody).toBe('{"pipeline_mode":"echo","persona_name":"rec"}');
    expect(create?.id).toBeGreaterThan(list?.id ?? Infinity);
  });

  it('reset() clears requests, faults and created data but keeps the seed', async () => {
    await call('POST', '/v2/personas', { body: { pipeline_mode: 'echo' } });
    emulator.inject({ fault: { kind: 'status', status: 500 }, times: Infinity });
    emulator.setConcurrency(0);
    emulator.reset();
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.state.personas.size).toBe(STOCK_PERSONAS);
    expect((await call('GET', '/v2/personas')).status).toBe(200);
    const created = await call('POST', '/v2/conversations', { body: { persona_id: 'pcb7a34da5fe' } });
    expect(created.status).toBe(200);
  });

  it('starts empty with seed: false', async () => {
    const bare = await startEmulator({ seed: false });
    try {
      const response = await client(bare)('GET', '/v2/replicas');
      expect(response.json).toEqual({ data: [], total_count: 0 });
    } finally {
      await bare.close();
    }
  });
});
