import { stockPersonas, stockReplicas } from '../../../src/emulator/seed.js';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { client, manualClock } from './helpers.js';

/** The emulator's seed: stock personas and replicas (src/emulator/seed.ts). */
const STOCK_PERSONAS = stockPersonas().length;
const STOCK_REPLICAS = stockReplicas().length;

const clock = manualClock();

const { emulator } = useEmulator({ now: clock.now, maxPageSize: 20 });
const call = client(emulator);

const echoLiveKit = { persona_name: 'Echo LK', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } };

async function createPersona(body: Record<string, unknown>): Promise<string> {
  const response = await call('POST', '/v2/personas', { body });
  expect(response.status).toBe(200);
  return response.json.persona_id as string;
}

describe('POST /v2/personas', () => {
  it('accepts echo + livekit without a system prompt and answers only id, name and created_at', async () => {
    const response = await call('POST', '/v2/personas', { body: echoLiveKit });
    expect(response.status).toBe(200);
    expect(Object.keys(response.json).sort()).toEqual(['created_at', 'persona_id', 'persona_name']);
    expect(response.json.persona_id).toMatch(/^p[0-9a-f]{11}$/);
    expect(response.json.persona_name).toBe('Echo LK');
    expect(response.json.created_at).toBe(new Date(clock.now()).toISOString());
  });

  it.each([
    [{ persona_name: 'No prompt' }, 'system_prompt'],
    [{ persona_name: 'Full no prompt', pipeline_mode: 'full' }, 'system_prompt'],
    [{ system_prompt: 'x', pipeline_mode: 'speech' }, 'pipeline_mode'],
    [{ system_prompt: 'x', persona_name: 42 }, 'persona_name'],
    [{ system_prompt: 'x', layers: 'livekit' }, 'layers'],
    [{ pipeline_mode: 'echo', layers: { transport: { transport_type: 'zoom' } } }, 'layers.transport.transport_type'],
  ])('answers 400 {"error"} naming the field for %j', async (body, field) => {
    const response = await call('POST', '/v2/personas', { body });
    expect(response.status).toBe(400);
    expect(response.json.error).toContain(field);
    expect(emulator.state.personas.size).toBe(STOCK_PERSONAS);
  });

  it('rejects an unknown default_replica_id with Invalid replica_uuid (the spec example for this route)', async () => {
    const response = await call('POST', '/v2/personas', { body: { system_prompt: 'x', default_replica_id: 'rdoesnotexist' } });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'Invalid replica_uuid' });
  });

  it('rejects a body that is not an object', async () => {
    const response = await call('POST', '/v2/personas', { body: ['echo'] });
    expect(response.status).toBe(400);
    expect(response.json.error).toEqual(expect.any(String));
  });

  it('stores the whole body, with the documented fields filled in', async () => {
    const id = await createPersona({ ...echoLiveKit, document_tags: ['faq'], layers: { ...echoLiveKit.layers, llm: { model: 'tavus-llama' } } });
    const response = await call('GET', `/v2/personas/${id}`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      persona_id: id,
      persona_name: 'Echo LK',
      system_prompt: null,
      context: null,
      pipeline_mode: 'echo',
      default_replica_id: null,
      layers: { transport: { transport_type: 'livekit' }, llm: { model: 'tavus-llama' } },
      document_tags: ['faq'],
      persona_type: 'user',
      created_at: new Date(clock.now()).toISOString(),
      updated_at: new Date(clock.now()).toISOString(),
    });
  });
});

describe('GET /v2/personas', () => {
  it('serves the stock personas as system ones', async () => {
    const response = await call('GET', '/v2/personas?persona_type=system');
    expect(response.json.total_count).toBe(STOCK_PERSONAS);
    const byId = Object.fromEntries(response.json.data.map((p: any) => [p.persona_id, p]));
    expect(byId.pcb7a34da5fe).toMatchObject({ pipeline_mode: 'full', default_replica_id: 'r90bbd427f71', persona_type: 'system' });
    expect(byId.pcb7a34da5fe.system_prompt).toEqual(expect.any(String));
    expect(byId.p1af207b8189).toMatchObject({ pipeline_mode: 'full', default_replica_id: 'r90bbd427f71' });
    expect(byId.pb87e71797da).toMatchObject({ pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
  });

  it('filters by persona_type=user', async () => {
    const id = await createPersona(echoLiveKit);
    const response = await call('GET', '/v2/personas?persona_type=user');
    expect(response.json).toMatchObject({ total_count: 1, data: [{ persona_id: id, persona_type: 'user' }] });
  });

  it('pages with limit and 1-based page, total_count counting every match, stable order', async () => {
    emulator.seedPersonas(22, { prefix: 'bench-' });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const response = await call('GET', `/v2/personas?limit=10&page=${page}`);
      expect(response.status).toBe(200);
      expect(response.json.total_count).toBe(22 + STOCK_PERSONAS);
      expect(response.json.data).toHaveLength(page < 3 ? 10 : 2 + STOCK_PERSONAS);
      seen.push(...response.json.data.map((p: any) => p.persona_id));
    }
    expect(new Set(seen).size).toBe(22 + STOCK_PERSONAS);
    expect(seen[0]).toBe([...emulator.state.personas.keys()].at(-1)); // newest first
    const beyond = await call('GET', '/v2/personas?limit=10&page=4');
    expect(beyond.json).toEqual({ data: [], total_count: 22 + STOCK_PERSONAS });
  });

  it('defaults to 10 per page and clamps limit to maxPageSize', async () => {
    emulator.seedPersonas(30);
    expect((await call('GET', '/v2/personas')).json.data).toHaveLength(10);
    const clamped = await call('GET', '/v2/personas?limit=1000');
    expect(clamped.json.data).toHaveLength(20);
    expect(clamped.json.total_count).toBe(30 + STOCK_PERSONAS);
  });

  // The spec states no rule for these: no invented 400, the default instead (README: assumptions).
  it.each(['limit=abc', 'limit=0', 'limit=-3', 'limit=2.5', 'page=0', 'page=x'])('serves %s as if it were absent (the first 10)', async (query) => {
    const response = await call('GET', `/v2/personas?${query}`);
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual((await call('GET', '/v2/personas')).json.data);
  });

  it('an unknown persona_type matches nothing; without maxPageSize any limit is served', async () => {
    expect((await call('GET', '/v2/personas?persona_type=robot')).json).toEqual({ data: [], total_count: 0 });
    const uncapped = await startEmulator();
    try {
      uncapped.seedPersonas(150);
      const all = await client(uncapped)('GET', '/v2/personas?limit=500');
      expect(all.json.data).toHaveLength(150 + STOCK_PERSONAS);
    } finally {
      await uncapped.close();
    }
  });

  it('refuses to patch or delete a stock (system) persona as an id the account does not own', async () => {
    const patch = await call('PATCH', '/v2/personas/pipecat0', { body: [{ op: 'replace', path: '/persona_name', value: 'Mine' }] });
    expect(patch).toMatchObject({ status: 400, json: { error: 'Invalid persona_id' } });
    expect((await call('DELETE', '/v2/personas/pcb7a34da5fe')).json).toEqual({ error: 'Invalid persona_id' });
    expect(emulator.state.personas.get('pipecat0')?.persona_name).toBe('Ari');
    expect((await call('GET', '/v2/personas/pcb7a34da5fe')).status).toBe(200);
  });

  it("seeds the ids other clients send by default: pipecat's echo personas and Tavus's example ids", async () => {
    for (const [id, mode] of [['pipecat0', 'echo'], ['pipecat-stream', 'echo'], ['p48fdf065d6b', 'full']] as const) {
      const response = await call('GET', `/v2/personas/${id}`);
      expect(response.json).toMatchObject({ persona_id: id, pipeline_mode: mode, persona_type: 'system' });
      expect(response.json.persona_name).toEqual(expect.any(String));
    }
    for (const id of ['r6e055828f63', 'rf4703150052', 'r79e1c033f']) {
      expect((await call('GET', `/v2/replicas/${id}`)).json).toMatchObject({ replica_id: id, status: 'completed' });
    }
  });

  it('seedPersonas makes echo personas on request', () => {
    emulator.seedPersonas(2, { prefix: 'e', pipelineMode: 'echo' });
    const names = [...emulator.state.personas.values()].filter((p) => p.persona_name?.startsWith('e')).map((p) => p.pipeline_mode);
    expect(names).toEqual(['echo', 'echo']);
  });
});

describe('PATCH /v2/personas/:id', () => {
  it('applies a JSON Patch and answers 200 with the updated persona', async () => {
    const id = await createPersona({ persona_name: 'Before', system_prompt: 'Be kind.' });
    clock.advance(60_000);
    const response = await call('PATCH', `/v2/personas/${id}`, {
      body: [
        { op: 'replace', path: '/persona_name', value: 'After' },
        { op: 'add', path: '/layers/llm', value: { model: 'tavus-gpt' } },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ persona_id: id, persona_name: 'After', system_prompt: 'Be kind.', layers: { llm: { model: 'tavus-gpt' } } });
    expect(response.json.updated_at).toBe(new Date(clock.now()).toISOString());
    expect(response.json.updated_at).not.toBe(response.json.created_at);
    expect(emulator.state.personas.get(id)?.persona_name).toBe('After');
  });

  it('answers 304 with no body when nothing changes', async () => {
    const id = await createPersona({ persona_name: 'Same', system_prompt: 'x' });
    const before = structuredClone(emulator.state.personas.get(id));
    const response = await call('PATCH', `/v2/personas/${id}`, { body: [{ op: 'replace', path: '/persona_name', value: 'Same' }] });
    expect(response.status).toBe(304);
    expect(response.text).toBe('');
    expect(emulator.state.personas.get(id)).toEqual(before);
  });

  it.each([
    ['an object', { persona_name: 'x' }],
    ['an unknown op', [{ op: 'merge', path: '/persona_name', value: 'x' }]],
    ['a missing value', [{ op: 'replace', path: '/persona_name' }]],
    ['a path that is not a pointer', [{ op: 'replace', path: 'persona_name', value: 'x' }]],
    ['a remove of a missing field', [{ op: 'remove', path: '/nope' }]],
    ['a failed test', [{ op: 'test', path: '/persona_name', value: 'other' }, { op: 'replace', path: '/persona_name', value: 'x' }]],
  ])('answers 422 Invalid JSON patch format for %s', async (_label, body) => {
    const id = await createPersona({ persona_name: 'P', system_prompt: 'x' });
    const response = await call('PATCH', `/v2/personas/${id}`, { body });
    expect(response.status).toBe(422);
    expect(response.json).toEqual({ message: 'Invalid JSON patch format' });
    expect(emulator.state.personas.get(id)?.persona_name).toBe('P');
  });

  it('refuses to change id fields and re-validates the result', async () => {
    const id = await createPersona({ persona_name: 'P', system_prompt: 'x' });
    const idChange = await call('PATCH', `/v2/personas/${id}`, { body: [{ op: 'replace', path: '/persona_id', value: 'pother' }] });
    expect(idChange.status).toBe(400);
    expect(idChange.json.error).toContain('persona_id');
    const badReplica = await call('PATCH', `/v2/personas/${id}`, { body: [{ op: 'replace', path: '/default_replica_id', value: 'rnope' }] });
    expect(badReplica.json).toEqual({ error: 'Invalid replica_uuid' });
    const noPrompt = await call('PATCH', `/v2/personas/${id}`, { body: [{ op: 'remove', path: '/system_prompt' }] });
    expect(noPrompt.status).toBe(400);
    expect(noPrompt.json.error).toContain('system_prompt');
    expect(emulator.state.personas.get(id)).toMatchObject({ persona_id: id, system_prompt: 'x' });
  });
});

describe('DELETE and unknown ids', () => {
  it('deletes with 204, after which the id is unknown', async () => {
    const id = await createPersona(echoLiveKit);
    const response = await call('DELETE', `/v2/personas/${id}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await call('GET', `/v2/personas/${id}`)).json).toEqual({ error: 'Invalid persona_id' });
  });

  it.each([
    ['GET', undefined],
    ['PATCH', [{ op: 'replace', path: '/persona_name', value: 'x' }]],
    ['DELETE', undefined],
  ])('answers 400 Invalid persona_id to %s of an unknown id', async (method, body) => {
    const response = await call(method, '/v2/personas/p000000000000', { body });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'Invalid persona_id' });
  });
});
