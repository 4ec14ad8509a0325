import { stockPersonas, stockReplicas } from '../../../src/emulator/seed.js';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { client } from './helpers.js';

/** The emulator's seed: stock personas and replicas (src/emulator/seed.ts). */
const STOCK_PERSONAS = stockPersonas().length;
const STOCK_REPLICAS = stockReplicas().length;

const { emulator } = useEmulator({ concurrency: 4 });
const call = client(emulator);

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${emulator.url}/__emulator${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

describe('/__emulator control plane (no auth)', () => {
  it('GET /health reports the account', async () => {
    emulator.seedConversations(2, 'active');
    const response = await control('GET', '/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, url: emulator.url, active_conversations: 2, concurrency: 4, replicas: STOCK_REPLICAS, personas: STOCK_PERSONAS });
  });

  it('GET /requests lists recorded /v2 requests, optionally after an id', async () => {
    await call('GET', '/v2/personas');
    await call('GET', '/v2/replicas');
    const all = (await (await control('GET', '/requests')).json()) as any[];
    expect(all.map((r) => r.path)).toEqual(['/v2/personas', '/v2/replicas']);
    expect(all[0]).toMatchObject({ method: 'GET', status: 200, headers: { 'x-api-key': emulator.apiKey } });
    const later = (await (await control('GET', `/requests?since=${all[0].id}`)).json()) as any[];
    expect(later.map((r) => r.path)).toEqual(['/v2/replicas']);
  });

  it('POST /faults injects a rule (path as a string, "Infinity" times) and DELETE /faults clears them', async () => {
    const injected = await control('POST', '/faults', { fault: { kind: 'status', status: 503 }, method: 'GET', path: '/v2/replicas', times: 'Infinity' });
    expect(injected.status).toBe(204);
    expect((await call('GET', '/v2/replicas')).status).toBe(503);
    expect((await call('GET', '/v2/replicas')).status).toBe(503);
    expect((await call('GET', '/v2/personas')).status).toBe(200);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await call('GET', '/v2/replicas')).status).toBe(200);
  });

  it('POST /faults rejects an invalid rule', async () => {
    const response = await control('POST', '/faults', { fault: { kind: 'explode' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toContain('fault');
  });

  it('POST /reset goes back to the seed', async () => {
    await call('POST', '/v2/personas', { body: { pipeline_mode: 'echo' } });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect(emulator.state.personas.size).toBe(STOCK_PERSONAS);
    expect(emulator.requests).toHaveLength(0);
  });

  it('POST /conversations/:id/end ends one with the given reason', async () => {
    const [id] = emulator.seedConversations(1, 'active');
    const response = await control('POST', `/conversations/${id}/end`, { reason: 'participant_left_timeout' });
    expect(response.status).toBe(204);
    const verbose = await call('GET', `/v2/conversations/${id}?verbose=true`);
    expect(verbose.json.status).toBe('ended');
    expect(verbose.json.events.at(-1).properties.shutdown_reason).toBe('participant_left_timeout');
    expect((await control('POST', '/conversations/c000000000000/end')).status).toBe(404);
  });

  it('POST /settings turns the account knobs from another process', async () => {
    const response = await control('POST', '/settings', { concurrency: 0, out_of_credits: false });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ concurrency: 0, out_of_credits: false });
    const capped = await call('POST', '/v2/conversations', { body: { persona_id: 'pcb7a34da5fe' } });
    expect(capped.json).toEqual({ message: 'User has reached maximum concurrent conversations' });
    await control('POST', '/settings', { out_of_credits: true });
    expect((await call('POST', '/v2/conversations', { body: { persona_id: 'pcb7a34da5fe' } })).status).toBe(402);
    expect((await control('POST', '/settings', { concurrency: -1 })).status).toBe(400);
    expect((await control('POST', '/settings', { unknown_knob: 1 })).status).toBe(400);
  });

  it('is not recorded and answers 404 for unknown control routes', async () => {
    expect((await control('GET', '/nothing')).status).toBe(404);
    expect(emulator.requests).toHaveLength(0);
  });
});
