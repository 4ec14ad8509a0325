// Load: `serve` in front of the emulator (concurrency cap 50) takes 200 concurrent creates. Every
// request gets exactly one answer (a conversation, or the cap's clear error), none is lost or sent to
// Tavus twice, the server stays up, and Ctrl-C afterwards ends every conversation it started.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creates, useEmulator } from '../helpers/emulator.js';
import { startServe, type RunningServe } from '../helpers/serve.js';

const REQUESTS = 200;
const CAP = 50;

// The tests build on each other (the second ends what the first's serve started): no reset between them.
const { emulator, env } = useEmulator({ concurrency: CAP }, () => ({ TAVUS_PERSONA_ID: 'pcb7a34da5fe' }), { reset: false });
let serve: RunningServe;

beforeAll(async () => {
  serve = await startServe([], { env });
});
afterAll(async () => {
  if (serve.child.exitCode === null) await serve.stop();
});

interface Answer {
  request: number;
  status: number;
  body: { code: string; msg: string; data: { conversation_id?: string; conversation_url?: string; error?: string } | null };
}

describe(`serve under ${REQUESTS} concurrent creates (cap ${CAP})`, () => {
  it('answers every request once, creates each at most once, stays up, and ends them all on Ctrl-C', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, request): Promise<Answer> => {
        const response = await fetch(`${serve.url}/api/tavus/conversation/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request_id: request, greeting: `Hello ${request}` }),
        });
        return { request, status: response.status, body: (await response.json()) as Answer['body'] };
      }),
    );
    const tookMs = Date.now() - started;

    // Every request was answered: a conversation, or the cap in Tavus's words with its own code.
    expect(answers).toHaveLength(REQUESTS);
    const ok = answers.filter((a) => a.status === 200);
    const capped = answers.filter((a) => a.status === 429);
    expect(ok.length + capped.length, JSON.stringify(answers.filter((a) => a.status !== 200 && a.status !== 429).slice(0, 3))).toBe(REQUESTS);
    expect(ok).toHaveLength(CAP);
    for (const answer of ok) {
      expect(answer.body).toMatchObject({ code: '0', msg: 'success' });
      expect(answer.body.data!.conversation_url).toMatch(/^http/);
    }
    for (const answer of capped) {
      expect(answer.body.code).toBe('10101');
      expect(answer.body.msg).toMatch(/maximum concurrent conversations/);
    }

    // Tavus got each request exactly once (none lost, none repeated) and holds exactly the conversations answered.
    const sentFor = creates(emulator).map((r) => /request (\d+)\)$/.exec(String((r.body as { conversation_name?: string }).conversation_name))?.[1]);
    expect(sentFor.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: REQUESTS }, (_, i) => i));
    const okIds = ok.map((a) => a.body.data!.conversation_id!);
    expect(new Set(okIds).size).toBe(CAP);
    const active = [...emulator.state.conversations.values()].filter((c) => c.status === 'active').map((c) => c.conversation_id);
    expect(active.sort()).toEqual([...okIds].sort());
    // Each conversation is the one its request asked for.
    for (const answer of ok) {
      expect(emulator.state.conversations.get(answer.body.data!.conversation_id!)!.request).toMatchObject({ custom_greeting: `Hello ${answer.request}` });
    }

    // Still up, and still answering.
    expect((await fetch(`${serve.url}/`)).status).toBe(200);
    expect(await (await fetch(`${serve.url}/health`)).json()).toMatchObject({ code: '0' });
    expect(serve.child.exitCode).toBeNull();
    expect(tookMs).toBeLessThan(15_000);

    // Ctrl-C: every conversation it started is ended, each by one call, and it says so.
    const code = await serve.stop('SIGINT');
    expect(code).toBe(0);
    for (const id of okIds) {
      expect(emulator.state.conversations.get(id)!.status, id).toBe('ended');
      expect(emulator.requests.filter((r) => r.path === `/v2/conversations/${id}/end`), id).toHaveLength(1);
    }
    expect(serve.stderr()).toContain(`Ended ${CAP} conversations this server started`);
  });

  it('Ctrl-C in the middle of the burst: every request settles, and no conversation is left running', async () => {
    emulator.reset();
    emulator.setConcurrency(REQUESTS);
    emulator.setLatency(150);
    const burst = await startServe([], { env });
    const settled = Promise.allSettled(
      Array.from({ length: REQUESTS }, async (_, request) => {
        const response = await fetch(`${burst.url}/api/tavus/conversation/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request_id: request }),
        });
        return { status: response.status, body: (await response.json()) as Answer['body'] };
      }),
    );
    await waitUntil(() => emulator.requests.filter((r) => r.method === 'POST').length >= 50);
    const signalled = Date.now();
    const code = await burst.stop('SIGINT');
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5000);

    const results = await settled;
    // Answered (a conversation, or 503 "shutting down"), or reset at the door (still in the listen queue when the
    // server closed): settled either way, never left hanging.
    const answered = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const answer of answered) expect([200, 503]).toContain(answer.status);
    // Whatever Tavus created, answered or not, was ended: nothing bills after the server is gone.
    const created = [...emulator.state.conversations.values()];
    expect(created.length).toBeGreaterThan(0);
    for (const conversation of created) expect(conversation.status, conversation.conversation_id).toBe('ended');
    // Every conversation reported to a caller is one that existed (and was ended).
    for (const answer of answered.filter((a) => a.status === 200)) {
      expect(emulator.state.conversations.get(answer.body.data!.conversation_id!)?.status).toBe('ended');
    }
    emulator.setLatency(0);
  });
});

describe('the README', () => {
  it('states the load the server takes', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(`(concurrency cap ${CAP}) takes ${REQUESTS} concurrent creates`);
    expect(readme).toContain(`(${CAP} conversations, ${REQUESTS - CAP} with the cap's error)`);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
