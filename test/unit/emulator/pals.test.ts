import { stockPersonas, stockReplicas } from '../../../src/emulator/seed.js';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { client } from './helpers.js';

/** The emulator's seed: stock personas and replicas (src/emulator/seed.ts). */
const STOCK_PERSONAS = stockPersonas().length;
const STOCK_REPLICAS = stockReplicas().length;

const { emulator } = useEmulator();
const call = client(emulator);

const livekitPal = {
  pal_name: 'LiveKit avatar',
  default_face_id: 'r90bbd427f71',
  pipeline_mode: 'echo',
  layers: { transport: { transport_type: 'livekit' } },
};

describe('/v2/pals', () => {
  it('requires default_face_id with the exact Tavus body', async () => {
    const response = await call('POST', '/v2/pals', { body: { pal_name: 'x', pipeline_mode: 'echo' } });
    expect(response.status).toBe(400);
    expect(response.text).toBe(
      JSON.stringify({ error: "Bad Request. {'default_face_id': ['default_face_id is required when creating a pal.']}" }),
    );
    expect(emulator.state.personas.size).toBe(STOCK_PERSONAS);
  });

  it('creates in the persona store and answers in the PAL names', async () => {
    const response = await call('POST', '/v2/pals', { body: livekitPal });
    expect(response.status).toBe(200);
    expect(Object.keys(response.json).sort()).toEqual(['created_at', 'pal_id', 'pal_name']);
    const id = response.json.pal_id;
    expect(id).toMatch(/^p[0-9a-f]{11}$/);
    expect(emulator.state.personas.get(id)).toMatchObject({ persona_name: 'LiveKit avatar', default_replica_id: 'r90bbd427f71', pipeline_mode: 'echo' });
    const legacy = await call('GET', `/v2/personas/${id}`);
    expect(legacy.json).toMatchObject({ persona_id: id, persona_name: 'LiveKit avatar' });
  });

  it('validates like personas, with errors in the new names', async () => {
    const noPrompt = await call('POST', '/v2/pals', { body: { pal_name: 'full', default_face_id: 'r90bbd427f71' } });
    expect(noPrompt.status).toBe(400);
    expect(noPrompt.json.error).toContain('system_prompt');
    const badFace = await call('POST', '/v2/pals', { body: { ...livekitPal, default_face_id: 'r000000000000' } });
    expect(badFace.json).toEqual({ error: 'Invalid face_id' });
  });

  it('lists, gets, patches and deletes with pal_* names', async () => {
    const id = (await call('POST', '/v2/pals', { body: livekitPal })).json.pal_id;
    const list = await call('GET', '/v2/pals?pal_type=user');
    expect(list.json.total_count).toBe(1);
    expect(list.json.data[0]).toMatchObject({ pal_id: id, pal_name: 'LiveKit avatar', default_face_id: 'r90bbd427f71', pal_type: 'user' });
    expect(list.json.data[0].persona_id).toBeUndefined();

    const one = await call('GET', `/v2/pals/${id}`);
    expect(one.json).toMatchObject({ pal_id: id, pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });

    const patched = await call('PATCH', `/v2/pals/${id}`, { body: [{ op: 'replace', path: '/pal_name', value: 'Renamed' }] });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ pal_id: id, pal_name: 'Renamed' });
    expect(emulator.state.personas.get(id)?.persona_name).toBe('Renamed');
    expect((await call('PATCH', `/v2/pals/${id}`, { body: [{ op: 'replace', path: '/pal_name', value: 'Renamed' }] })).status).toBe(304);
    expect((await call('PATCH', `/v2/pals/${id}`, { body: { pal_name: 'x' } })).status).toBe(422);

    expect((await call('DELETE', `/v2/pals/${id}`)).status).toBe(204);
    const gone = await call('GET', `/v2/pals/${id}`);
    expect(gone.status).toBe(400);
    expect(gone.json).toEqual({ error: 'Invalid pal_id' });
  });

  it("serves the LiveKit Agents plugin's default flow: stock PAL pb87e71797da with its stock face", async () => {
    const pal = await call('GET', '/v2/pals/pb87e71797da');
    expect(pal.json).toMatchObject({ pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } }, pal_type: 'system' });
    const conversation = await call('POST', '/v2/conversations', {
      body: {
        pal_id: 'pb87e71797da',
        face_id: pal.json.default_face_id,
        conversation_name: 'lk_conversation_abc',
        properties: { livekit_ws_url: 'wss://example.livekit.cloud', livekit_room_token: 'token' },
      },
    });
    expect(conversation.status).toBe(200);
    expect(conversation.json.conversation_name).toBe('lk_conversation_abc');
  });

  it('lets the LiveKit Agents plugin create its PAL and its conversation', async () => {
    const pal = await call('POST', '/v2/pals', { body: livekitPal });
    const conversation = await call('POST', '/v2/conversations', {
      body: {
        pal_id: pal.json.pal_id,
        conversation_name: 'livekit-agents',
        properties: { livekit_ws_url: 'wss://example.livekit.cloud', livekit_room_token: 'token' },
      },
    });
    expect(conversation.status).toBe(200);
    expect(conversation.json.status).toBe('active');
    expect(conversation.json.room_url).toBeUndefined();
  });
});

describe('/v2/faces', () => {
  it('lists and gets replicas as faces', async () => {
    const list = await call('GET', '/v2/faces?face_type=system&verbose=true');
    expect(list.json.total_count).toBe(STOCK_PERSONAS);
    expect(list.json.data[0]).toEqual(expect.objectContaining({ face_id: expect.any(String), face_name: expect.any(String), face_type: 'system' }));
    expect(list.json.data[0].replica_id).toBeUndefined();
    const anna = await call('GET', '/v2/faces/r90bbd427f71');
    expect(anna.json).toMatchObject({ face_id: 'r90bbd427f71', face_name: 'Anna', status: 'completed' });
  });

  it('answers 400 Invalid face_id for an unknown face', async () => {
    const response = await call('GET', '/v2/faces/r000000000000');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'Invalid face_id' });
  });
});
