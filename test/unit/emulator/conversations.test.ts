import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { client, manualClock } from './helpers.js';

const clock = manualClock();

const { emulator } = useEmulator({ now: clock.now, concurrency: 2 });
const call = client(emulator);

async function start(body: Record<string, unknown> = { persona_id: 'pcb7a34da5fe' }) {
  return call('POST', '/v2/conversations', { body });
}

describe('POST /v2/conversations', () => {
  it("uses the persona's default replica and answers the documented fields, with URLs served by the emulator", async () => {
    const response = await start({ persona_id: 'pcb7a34da5fe', conversation_name: 'Demo', callback_url: 'https://example.test/hook' });
    expect(response.status).toBe(200);
    const id = response.json.conversation_id;
    expect(id).toMatch(/^c[0-9a-f]{11}$/);
    expect(response.json).toEqual({
      conversation_id: id,
      conversation_name: 'Demo',
      conversation_url: `${emulator.url}/rooms/${id}`,
      room_url: `${emulator.url}/rooms/${id}?room=1`,
      status: 'active',
      callback_url: 'https://example.test/hook',
      created_at: new Date(clock.now()).toISOString(),
    });
    expect(emulator.state.conversations.get(id)).toMatchObject({ replica_id: 'r90bbd427f71', persona_id: 'pcb7a34da5fe' });
  });

  it('adds a meeting_token with require_auth', async () => {
    const response = await start({ replica_id: 'r90bbd427f71', require_auth: true });
    expect(response.json.meeting_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await start({ replica_id: 'r90bbd427f71' })).json.meeting_token).toBeUndefined();
  });

  it('has no room_url for a LiveKit conversation, and needs the room token with the URL', async () => {
    const livekit = { livekit_ws_url: 'wss://example.livekit.cloud', livekit_room_token: 'tok' };
    const response = await start({ persona_id: 'pb87e71797da', properties: livekit });
    expect(response.status).toBe(200);
    expect(response.json.room_url).toBeUndefined();
    const missingToken = await start({ persona_id: 'pb87e71797da', properties: { livekit_ws_url: livekit.livekit_ws_url } });
    expect(missingToken.status).toBe(400);
    expect(missingToken.json.error).toContain('livekit_room_token');
  });

  it('needs a replica, directly or from the persona', async () => {
    const echo = await call('POST', '/v2/personas', { body: { pipeline_mode: 'echo' } });
    const response = await start({ persona_id: echo.json.persona_id });
    expect(response.status).toBe(400);
    expect(response.json.error).toContain('replica_id');
    expect((await start({})).status).toBe(400);
    expect((await start({ persona_id: echo.json.persona_id, replica_id: 'r90bbd427f71' })).status).toBe(200);
  });

  it.each([
    [{ persona_id: 'p000000000000' }, 'Invalid persona_id'],
    [{ replica_id: 'r000000000000' }, 'Invalid replica_id'],
    [{ persona_id: 'pcb7a34da5fe', replica_id: 'r000000000000' }, 'Invalid replica_id'],
  ])('answers 400 for unknown ids in %j', async (body, error) => {
    const response = await start(body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error });
  });

  it('refuses a replica that is still training', async () => {
    const response = await start({ replica_id: 'r3f427f41a5e' });
    expect(response.status).toBe(400);
    expect(response.json.error).toContain('started');
  });

  it.each([
    [{ max_call_duration: -5 }, 'properties.max_call_duration'],
    [{ max_call_duration: '600' }, 'properties.max_call_duration'],
    [{ participant_absent_timeout: -1 }, 'properties.participant_absent_timeout'],
    [{ language: 7 }, 'properties.language'],
  ])('validates property types: %j', async (properties, field) => {
    const response = await start({ persona_id: 'pcb7a34da5fe', properties });
    expect(response.status).toBe(400);
    expect(response.json.error).toContain(field);
    expect(emulator.state.conversations.size).toBe(0);
  });

  // The spec gives properties.language as a string (full names or `multilingual`, pointing at the TTS engines'
  // own lists) with no enum, and says nothing of what a code or an unknown name gets: no rule is invented.
  it.each(['english', 'multilingual', 'Portuguese', 'en', 'klingon'])('accepts any string as properties.language: %s', async (language) => {
    const response = await start({ persona_id: 'pcb7a34da5fe', properties: { language } });
    expect(response.status).toBe(200);
  });

  it('validates top-level types', async () => {
    const response = await start({ persona_id: 'pcb7a34da5fe', test_mode: 'yes' });
    expect(response.status).toBe(400);
    expect(response.json.error).toContain('test_mode');
  });

  it('accepts pal_id and face_id as aliases', async () => {
    const response = await start({ pal_id: 'p1af207b8189', face_id: 'rf4e9d9790f0' });
    expect(response.status).toBe(200);
    expect(emulator.state.conversations.get(response.json.conversation_id)).toMatchObject({ persona_id: 'p1af207b8189', replica_id: 'rf4e9d9790f0' });
  });
});

describe('concurrency, test_mode and credits', () => {
  it('caps active conversations, and test_mode neither counts nor is capped', async () => {
    expect((await start()).status).toBe(200);
    expect((await start()).status).toBe(200);
    const third = await start();
    expect(third.status).toBe(400);
    expect(third.json).toEqual({ message: 'User has reached maximum concurrent conversations' });

    const test = await start({ persona_id: 'pcb7a34da5fe', test_mode: true });
    expect(test.status).toBe(200);
    expect(test.json.status).toBe('ended');
    expect(emulator.state.conversations.size).toBe(3);
  });

  it('frees a slot when a conversation ends, and follows setConcurrency', async () => {
    const first = await start();
    await start();
    expect((await start()).status).toBe(400);
    await call('POST', `/v2/conversations/${first.json.conversation_id}/end`);
    expect((await start()).status).toBe(200);
    emulator.setConcurrency(5);
    expect((await start()).status).toBe(200);
  });

  it('seedConversations ignores the cap', async () => {
    const ids = emulator.seedConversations(4, 'active');
    expect(ids).toHaveLength(4);
    expect((await start()).status).toBe(400);
    const ended = emulator.seedConversations(2, 'ended');
    expect(ended.map((id) => emulator.state.conversations.get(id)?.status)).toEqual(['ended', 'ended']);
  });

  it('answers 402 when out of credits', async () => {
    emulator.setOutOfCredits(true);
    const response = await start();
    expect(response.status).toBe(402);
    expect(response.json).toEqual({ message: 'The user is out of conversational credits' });
    expect(emulator.state.conversations.size).toBe(0);
  });

  it('honours outOfCredits from the options', async () => {
    const broke = await startEmulator({ outOfCredits: true });
    try {
      expect((await client(broke)('POST', '/v2/conversations', { body: { replica_id: 'r90bbd427f71' } })).status).toBe(402);
    } finally {
      await broke.close();
    }
  });
});

describe('reading, ending and deleting', () => {
  it('lists with a status filter and total_count', async () => {
    const a = await start();
    await start();
    await start({ persona_id: 'pcb7a34da5fe', test_mode: true });
    await call('POST', `/v2/conversations/${a.json.conversation_id}/end`);
    const all = await call('GET', '/v2/conversations?limit=2');
    expect(all.json.total_count).toBe(3);
    expect(all.json.data).toHaveLength(2);
    expect((await call('GET', '/v2/conversations?status=active')).json.total_count).toBe(1);
    expect((await call('GET', '/v2/conversations?status=ended')).json.total_count).toBe(2);
    expect((await call('GET', '/v2/conversations?status=gone')).json).toEqual({ data: [], total_count: 0 });
  });

  it('gets one without events unless verbose', async () => {
    const created = await start();
    const response = await call('GET', `/v2/conversations/${created.json.conversation_id}`);
    expect(response.json).toMatchObject({ conversation_id: created.json.conversation_id, status: 'active', replica_id: 'r90bbd427f71', persona_id: 'pcb7a34da5fe' });
    expect(response.json.events).toBeUndefined();
    expect((await call('GET', `/v2/conversations/${created.json.conversation_id}?verbose=true`)).json.events).toEqual([]);
  });

  it('ends with 200 and an empty body, also when already ended, and records the reason', async () => {
    const created = await start();
    const id = created.json.conversation_id;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await call('POST', `/v2/conversations/${id}/end`);
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
    }
    const verbose = await call('GET', `/v2/conversations/${id}?verbose=true`);
    expect(verbose.json.status).toBe('ended');
    const shutdowns = verbose.json.events.filter((e: any) => e.event_type === 'system.shutdown');
    expect(shutdowns).toHaveLength(1);
    expect(shutdowns[0].properties.shutdown_reason).toBe('end_conversation_endpoint_hit');
  });

  it('endConversation() ends it as Tavus would, with the given reason', async () => {
    const created = await start();
    emulator.endConversation(created.json.conversation_id, 'participant_left_timeout');
    const verbose = await call('GET', `/v2/conversations/${created.json.conversation_id}?verbose=true`);
    expect(verbose.json.status).toBe('ended');
    expect(verbose.json.events.at(-1)).toMatchObject({ event_type: 'system.shutdown', properties: { shutdown_reason: 'participant_left_timeout' } });
    expect(() => emulator.endConversation('c000000000000')).toThrow();
  });

  it('ends by itself when max_call_duration elapses on the clock', async () => {
    const created = await start({ persona_id: 'pcb7a34da5fe', properties: { max_call_duration: 60 } });
    const other = await start();
    const id = created.json.conversation_id;
    clock.advance(59_000);
    expect((await call('GET', `/v2/conversations/${id}`)).json.status).toBe('active');
    clock.advance(1_000);
    const verbose = await call('GET', `/v2/conversations/${id}?verbose=true`);
    expect(verbose.json.status).toBe('ended');
    expect(verbose.json.events.at(-1).properties.shutdown_reason).toBe('max_call_duration reached');
    expect((await call('GET', `/v2/conversations/${other.json.conversation_id}`)).json.status).toBe('active');
    clock.advance(3600_000);
    expect((await call('GET', `/v2/conversations/${other.json.conversation_id}`)).json.status).toBe('ended');
  });

  it('deletes with 204 (hard=true accepted)', async () => {
    const created = await start();
    const response = await call('DELETE', `/v2/conversations/${created.json.conversation_id}?hard=true`);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(emulator.state.conversations.has(created.json.conversation_id)).toBe(false);
  });

  it.each([
    ['GET', '/v2/conversations/c000000000000'],
    ['POST', '/v2/conversations/c000000000000/end'],
    ['DELETE', '/v2/conversations/c000000000000'],
  ])('answers 400 Invalid conversation_id to %s %s', async (method, path) => {
    const response = await call(method, path);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'Invalid conversation_id' });
  });
});
