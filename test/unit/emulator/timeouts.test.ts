import { beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../../../src/emulator/clock.js';
import { startEmulator, type StoredConversation } from '../../../src/emulator/index.js';
import { useEmulator } from '../../helpers/emulator.js';
import { client } from './helpers.js';

const ended: StoredConversation[] = [];

const { emulator } = useEmulator({ concurrency: 100, onConversationEnded: (c) => ended.push(c) });
const call = client(emulator);
beforeEach(() => {
  ended.length = 0;
});

async function start(properties: Record<string, unknown> = {}): Promise<string> {
  const response = await call('POST', '/v2/conversations', { body: { persona_id: 'pcb7a34da5fe', properties } });
  expect(response.status).toBe(200);
  return response.json.conversation_id;
}

async function shutdownOf(id: string): Promise<{ status: string; reason?: string; at?: string }> {
  const { json } = await call('GET', `/v2/conversations/${id}?verbose=true`);
  const shutdown = json.events.find((e: any) => e.event_type === 'system.shutdown');
  return { status: json.status, reason: shutdown?.properties.shutdown_reason, at: shutdown?.timestamp };
}

const control = (path: string, body: unknown) =>
  fetch(`${emulator.url}/__emulator${path}`, { method: 'POST', body: JSON.stringify(body) });
const join = async (id: string) => ((await (await fetch(`${emulator.url}/rooms/${id}/join`, { method: "POST" })).json()) as { participant_id: string }).participant_id;
// What the page's pagehide beacon sends: a text/plain body.
const leave = (id: string, participant: string) =>
  fetch(`${emulator.url}/rooms/${id}/leave`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ participant_id: participant }) });

describe('participant_absent_timeout', () => {
  it("ends a conversation nobody joins after Tavus's default 300 s, dated at the deadline, freeing its slot", async () => {
    const id = await start();
    const createdAt = Date.parse((await call('GET', `/v2/conversations/${id}`)).json.created_at);
    emulator.clock.advance(299);
    expect((await shutdownOf(id)).status).toBe('active');
    emulator.clock.advance(1);
    expect(await shutdownOf(id)).toEqual({ status: 'ended', reason: 'participant_absent_timeout reached', at: new Date(createdAt + 300_000).toISOString() });
    expect(ended.map((c) => c.conversation_id)).toEqual([id]);
    expect(((await (await fetch(`${emulator.url}/__emulator/health`)).json()) as { active_conversations: number }).active_conversations).toBe(0);
  });

  it('follows the value sent, and no longer applies once someone joined', async () => {
    const quick = await start({ participant_absent_timeout: 20 });
    const joined = await start({ participant_absent_timeout: 20 });
    await join(joined);
    emulator.clock.advance(20);
    expect((await shutdownOf(quick)).reason).toBe('participant_absent_timeout reached');
    expect((await shutdownOf(joined)).status).toBe('active');
  });

  it('is driven over HTTP too: POST /__emulator/clock/advance', async () => {
    const id = await start({ participant_absent_timeout: 60 });
    const before = ((await (await fetch(`${emulator.url}/__emulator/clock`)).json()) as { now_ms: number }).now_ms;
    const advanced = await control('/clock/advance', { seconds: 60 });
    expect(advanced.status).toBe(200);
    expect(((await advanced.json()) as { now_ms: number }).now_ms).toBeGreaterThanOrEqual(before + 60_000);
    expect((await shutdownOf(id)).reason).toBe('participant_absent_timeout reached');
    expect((await control('/clock/advance', { seconds: -1 })).status).toBe(400);
    expect((await control('/clock/advance', {})).status).toBe(400);
  });
});

describe('participant_left_timeout', () => {
  it("ends at once when the last participant leaves (Tavus's default 0)", async () => {
    const id = await start();
    const participant = await join(id);
    emulator.clock.advance(600);
    expect((await shutdownOf(id)).status).toBe('active');
    expect((await leave(id, participant)).status).toBe(204);
    expect((await shutdownOf(id)).reason).toBe('participant_left_timeout reached');
    expect(ended).toHaveLength(1);
  });

  it('waits the timeout after the room empties; a rejoin in time cancels it; two tabs count as two', async () => {
    const id = await start({ participant_left_timeout: 30 });
    const [first, second] = [await join(id), await join(id)];
    await leave(id, first);
    emulator.clock.advance(60);
    expect((await shutdownOf(id)).status).toBe('active'); // the second tab is still there
    await leave(id, second);
    emulator.clock.advance(29);
    const back = await join(id);
    emulator.clock.advance(60);
    expect((await shutdownOf(id)).status).toBe('active');
    await leave(id, back);
    emulator.clock.advance(30);
    expect((await shutdownOf(id)).reason).toBe('participant_left_timeout reached');
  });

  it('the LiveKit entry points: participantJoined/participantLeft, and the control plane', async () => {
    const id = await start({ participant_left_timeout: 10 });
    expect(emulator.participantJoined(id, 'ten-agent')).toBe(true);
    emulator.clock.advance(400); // past the absent timeout: someone joined
    expect((await shutdownOf(id)).status).toBe('active');
    emulator.participantLeft(id, 'ten-agent');
    expect((await control(`/conversations/${id}/join`, { participant_id: 'user-1' })).status).toBe(204);
    emulator.clock.advance(20);
    expect((await shutdownOf(id)).status).toBe('active');
    expect((await control(`/conversations/${id}/leave`, { participant_id: 'user-1' })).status).toBe(204);
    emulator.clock.advance(10);
    expect((await shutdownOf(id)).reason).toBe('participant_left_timeout reached');
    expect(emulator.participantJoined(id, 'late')).toBe(false);
    expect(() => emulator.participantJoined('c000000000000', 'x')).toThrow(/No conversation/);
    expect((await control('/conversations/c000000000000/join', { participant_id: 'x' })).status).toBe(404);
  });
});

describe('max_call_duration and the ended listeners', () => {
  it('ends a call with people in it at max_call_duration (default 3600)', async () => {
    const id = await start({ participant_absent_timeout: 5000 });
    await join(id);
    emulator.clock.advance(3599);
    expect((await shutdownOf(id)).status).toBe('active');
    emulator.clock.advance(1);
    expect((await shutdownOf(id)).reason).toBe('max_call_duration reached');
  });

  it('tells each listener once per end, however it ends, without a request (timer), and can unsubscribe', async () => {
    const heard: string[] = [];
    const stop = emulator.onConversationEnded((c) => heard.push(`${c.conversation_id} ${c.shutdownReason}`));
    const byEndpoint = await start();
    const byTimer = await start({ participant_absent_timeout: 0.05 }); // 50 ms of real time
    await call('POST', `/v2/conversations/${byEndpoint}/end`);
    await call('POST', `/v2/conversations/${byEndpoint}/end`);
    const deadline = Date.now() + 5000;
    while (heard.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    // Which comes first depends on how busy the machine is; each comes exactly once.
    expect(heard.sort()).toEqual([`${byEndpoint} end_conversation_endpoint_hit`, `${byTimer} participant_absent_timeout reached`].sort());
    stop();
    await call('POST', `/v2/conversations/${await start()}/end`);
    expect(heard).toHaveLength(2);
  });

  it('a listener that throws does not fail the request that ended the conversation', async () => {
    const stop = emulator.onConversationEnded(() => {
      throw new Error('boom');
    });
    const id = await start();
    expect((await call('POST', `/v2/conversations/${id}/end`)).status).toBe(200);
    stop();
  });
});

describe('createClock', () => {
  it('scales real time and adds what was advanced', () => {
    let real = 1_000_000;
    const clock = createClock({ source: () => real, timeScale: 60 });
    expect(clock.now()).toBe(1_000_000);
    real += 1000;
    expect(clock.now()).toBe(1_060_000);
    clock.advance(5);
    expect(clock.now()).toBe(1_065_000);
    expect(clock.realMsUntil(1_065_000 + 60_000)).toBe(1000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => createClock({ timeScale: 0 })).toThrow(RangeError);
  });

  it('startEmulator({ timeScale }) runs conversation time faster', async () => {
    const fast = await startEmulator({ timeScale: 1000 });
    try {
      const before = fast.clock.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fast.clock.now() - before).toBeGreaterThanOrEqual(15_000);
      expect(fast.clock.timeScale).toBe(1000);
    } finally {
      await fast.close();
    }
  });
});
