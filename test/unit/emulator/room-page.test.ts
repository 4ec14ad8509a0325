import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { client, manualClock } from './helpers.js';

const clock = manualClock();

const { emulator } = useEmulator({ now: clock.now });
const call = client(emulator);

async function startConversation(body: Record<string, unknown> = { persona_id: 'pcb7a34da5fe' }): Promise<{ id: string; url: string }> {
  const response = await call('POST', '/v2/conversations', { body });
  return { id: response.json.conversation_id, url: response.json.room_url ?? response.json.conversation_url };
}

describe('GET /rooms/:id', () => {
  it('serves a self-contained, frameable HTML page naming the conversation and the replica', async () => {
    const { id, url } = await startConversation();
    const response = await fetch(url);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(html).toMatch(new RegExp(`<title>[^<]*${id}[^<]*</title>`));
    expect(html).toContain('Anna');
    expect(html.toLowerCase()).toContain('emulated tavus room');
    expect(html).toContain(`/rooms/${id}/join`);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i); // no external assets
  });

  it('is not a /v2 route: no key needed, not recorded', async () => {
    const { url } = await startConversation();
    const before = emulator.requests.length;
    expect((await fetch(url)).status).toBe(200);
    expect(emulator.requests).toHaveLength(before);
  });

  it('says when the conversation has ended', async () => {
    const { id, url } = await startConversation();
    await call('POST', `/v2/conversations/${id}/end`);
    const html = await (await fetch(url)).text();
    expect(html).toContain('This conversation has ended');
    expect(html).not.toContain('/join');
  });

  it('answers 404 for an unknown conversation', async () => {
    const response = await fetch(`${emulator.url}/rooms/c000000000000`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No such conversation');
  });
});

describe('POST /rooms/:id/join and the verbose events it produces', () => {
  it('records the join and adds system.replica_joined', async () => {
    const { id } = await startConversation();
    clock.advance(5_000);
    const join = await fetch(`${emulator.url}/rooms/${id}/join`, { method: 'POST' });
    expect(join.status).toBe(200);
    expect(emulator.state.roomJoins).toEqual([{ conversationId: id, at: clock.now() }]);
    const verbose = await call('GET', `/v2/conversations/${id}?verbose=true`);
    expect(verbose.json.events).toEqual([
      expect.objectContaining({ event_type: 'system.replica_joined', timestamp: new Date(clock.now()).toISOString() }),
    ]);
  });

  it('after the end, adds a transcript and the shutdown, in order', async () => {
    const { id } = await startConversation({ persona_id: 'pcb7a34da5fe', custom_greeting: 'Hello from Anna' });
    await fetch(`${emulator.url}/rooms/${id}/join`, { method: 'POST' });
    await fetch(`${emulator.url}/rooms/${id}/join`, { method: 'POST' }); // a reload: one event only
    clock.advance(30_000);
    await call('POST', `/v2/conversations/${id}/end`);
    const events = (await call('GET', `/v2/conversations/${id}?verbose=true`)).json.events;
    expect(events.map((e: any) => e.event_type)).toEqual(['system.replica_joined', 'application.transcription_ready', 'system.shutdown']);
    const transcript = events[1].properties.transcript;
    expect(transcript.length).toBeGreaterThan(0);
    expect(transcript[0]).toMatchObject({ role: 'assistant', content: 'Hello from Anna' });
    expect(transcript[0]).toEqual(expect.objectContaining({ timestamp: expect.any(Number), seconds_from_start: 0, duration: expect.any(Number) }));
    expect(events[2].properties.shutdown_reason).toBe('end_conversation_endpoint_hit');
    expect(emulator.state.roomJoins).toHaveLength(2);
  });

  it('without a join, an ended conversation has no transcript', async () => {
    const { id } = await startConversation();
    await call('POST', `/v2/conversations/${id}/end`);
    const events = (await call('GET', `/v2/conversations/${id}?verbose=true`)).json.events;
    expect(events.map((e: any) => e.event_type)).toEqual(['system.shutdown']);
  });

  it('refuses to join an ended or unknown conversation', async () => {
    const { id } = await startConversation();
    await call('POST', `/v2/conversations/${id}/end`);
    expect((await fetch(`${emulator.url}/rooms/${id}/join`, { method: 'POST' })).status).toBe(409);
    expect((await fetch(`${emulator.url}/rooms/c000000000000/join`, { method: 'POST' })).status).toBe(404);
    expect(emulator.state.roomJoins).toHaveLength(0);
  });
});
