// The emulator's clock and timeouts through the built CLI: `conversation start --mock --wait` ends by
// itself once the room page is closed (participant_left_timeout), and `tavus-ten mock` ends a
// conversation nobody joins (participant_absent_timeout), driven by --time-scale or the control plane.
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { startMock } from '../helpers/mock.js';
import { waitFor } from '../helpers/wait.js';

/** Collects a child's stdout as it arrives. */
function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

const post = (url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('conversation start --mock --wait (the README first command, without a terminal)', () => {
  it('ends by itself when the room page is closed: participant_left_timeout after the safe 30 s', async () => {
    const child = startCli(['conversation', 'start', '--mock', '--wait', '--poll-interval', '50'], { timeoutMs: 20_000 });
    const stdout = collect(child.stdout);
    const started = await waitFor(() => {
      const [, id] = /^id:\s+(\S+)$/m.exec(stdout()) ?? [];
      const [, url] = /^url:\s+(\S+)$/m.exec(stdout()) ?? [];
      return id && url ? { conversation_id: id, url } : undefined;
    }, 'the conversation id and URL');
    const base = new URL(started.url).origin;
    const roomPage = await (await fetch(started.url)).text();
    expect(roomPage).toContain("addEventListener('pagehide'");
    expect(roomPage).toContain(`/rooms/${started.conversation_id}/leave`);

    // What the page does: join on load, a beacon (text/plain) on pagehide.
    const joined = (await (await post(`${base}/rooms/${started.conversation_id}/join`)).json()) as { participant_id: string };
    expect((await post(`${base}/rooms/${started.conversation_id}/leave`, { participant_id: joined.participant_id }, { 'content-type': 'text/plain;charset=UTF-8' })).status).toBe(204);

    // What the emulator received: the create with the safe timeouts.
    const requests = (await (await fetch(`${base}/__emulator/requests`)).json()) as { method: string; path: string; body: any }[];
    const create = requests.find((r) => r.method === 'POST' && r.path === '/v2/conversations');
    expect(create?.body.properties).toMatchObject({ max_call_duration: 900, participant_absent_timeout: 120, participant_left_timeout: 30 });

    expect((await post(`${base}/__emulator/clock/advance`, { seconds: 29 })).status).toBe(200);
    const still = (await (await fetch(`${base}/__emulator/health`)).json()) as { active_conversations: number };
    expect(still.active_conversations).toBe(1);
    await post(`${base}/__emulator/clock/advance`, { seconds: 1 });

    const result = await child;
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(String(result.stderr)).toMatch(new RegExp(`Conversation ${started.conversation_id} ended after .*: participant_left_timeout reached`));
    const ends = requests.filter((r) => r.path.endsWith('/end'));
    expect(ends).toHaveLength(0); // Tavus (the emulator) ended it; the CLI did not need to
  });
});

describe('tavus-ten mock: the clock', () => {
  it("a conversation nobody joins ends with participant_absent_timeout (Tavus's default 300 s), on POST /__emulator/clock/advance", async () => {
    const mock = await startMock();
    try {
      expect(mock.timeScale).toBe(1);
      const created = await mock.api('POST', '/conversations', { persona_id: 'pcb7a34da5fe' });
      expect(created.status).toBe(200);
      const id = created.json.conversation_id as string;
      await mock.advance(299);
      expect((await mock.api('GET', `/conversations/${id}`)).json.status).toBe('active');
      await mock.advance(1);
      const verbose = await mock.api('GET', `/conversations/${id}?verbose=true`);
      expect(verbose.json.status).toBe('ended');
      expect(verbose.json.events.at(-1)).toMatchObject({ event_type: 'system.shutdown', properties: { shutdown_reason: 'participant_absent_timeout reached' } });
      expect((await mock.requests()).find((r) => r.method === 'POST')?.body).toEqual({ persona_id: 'pcb7a34da5fe' });
    } finally {
      expect(await mock.stop()).toBe(130);
    }
  });

  it('--time-scale runs timeouts faster: a 60 s absent timeout passes in well under 5 real seconds at 600x', async () => {
    const mock = await startMock(['--time-scale', '600']);
    try {
      expect(mock.timeScale).toBe(600);
      const created = await mock.api('POST', '/conversations', { persona_id: 'pcb7a34da5fe', properties: { participant_absent_timeout: 60 } });
      const id = created.json.conversation_id as string;
      // Polled, not slept: it ends once 100 ms of real time have passed.
      let status = 'active';
      const started = Date.now();
      while (status === 'active' && Date.now() - started < 5000) status = (await mock.api('GET', `/conversations/${id}`)).json.status;
      expect(status).toBe('ended');
    } finally {
      await mock.stop();
    }
  });

  it.each([['0'], ['-1'], ['fast'], ['100000']])('--time-scale %s is exit 2 naming the flag, nothing started', async (value) => {
    const result = await runCli(['mock', '--time-scale', value]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--time-scale');
    expect(result.stdout).toBe('');
  });
});
