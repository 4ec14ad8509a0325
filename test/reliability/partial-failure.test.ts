// Partial failure: when some of many ends fail, every outcome is reported, all the others are still
// ended, the exit is 1, and running the same command again finishes the job.
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { post, startServe } from '../helpers/serve.js';

const { emulator, env } = useEmulator({ concurrency: 100 });

const CREATE = '/api/tavus/conversation/create';
const endPath = (id: string) => `/v2/conversations/${id}/end`;
const statusOf = (id: string) => emulator.state.conversations.get(id)!.status;

interface Outcome {
  conversation_id: string;
  result: 'ended' | 'already_ended' | 'failed';
  error?: { code: string; message: string; status: number | null };
}

/** Twelve active conversations; five of them fail to end in five different ways, one was ended meanwhile. */
function setUp(): { ok: string[]; failing: Map<string, string>; endedMeanwhile: string } {
  const ids = emulator.seedConversations(12, 'active');
  const faults: Array<[Fault, string]> = [
    [{ kind: 'status', status: 500, body: { message: 'Internal Server Error' } }, 'api_error'],
    [{ kind: 'status', status: 503, body: { message: 'Service Unavailable' } }, 'api_error'],
    [{ kind: 'html', status: 502 }, 'unexpected_response'],
    [{ kind: 'reset-before-response' }, 'network_error'],
    [{ kind: 'status', status: 401, body: { message: 'Invalid access token' } }, 'auth_error'],
  ];
  const failing = new Map<string, string>();
  faults.forEach(([fault, code], index) => {
    const id = ids[index * 2]!;
    emulator.inject({ fault, method: 'POST', path: endPath(id), times: Infinity });
    failing.set(id, code);
  });
  // Tavus ended this one between the listing and the end: its end answers as for an ended conversation.
  const endedMeanwhile = ids[11]!;
  emulator.inject({ fault: { kind: 'status', status: 400, body: { error: 'Conversation has already ended' } }, method: 'POST', path: endPath(endedMeanwhile) });
  const ok = ids.filter((id) => !failing.has(id) && id !== endedMeanwhile);
  return { ok, failing, endedMeanwhile };
}

describe('conversation end --all-active where some ends fail', () => {
  it('--json: one outcome per conversation, the others all ended, exit 1; a second run finishes the job', async () => {
    const { ok, failing, endedMeanwhile } = setUp();
    const result = await runCli(['conversation', 'end', '--all-active', '--yes', '--json'], { env, timeoutMs: 30_000 });
    expect(result.exitCode, result.stderr).toBe(1);

    const outcomes = JSON.parse(result.stdout) as Outcome[];
    expect(outcomes).toHaveLength(12);
    const byId = new Map(outcomes.map((o) => [o.conversation_id, o]));
    for (const id of ok) {
      expect(byId.get(id)).toEqual({ conversation_id: id, result: 'ended' });
      expect(statusOf(id)).toBe('ended');
    }
    expect(byId.get(endedMeanwhile)).toEqual({ conversation_id: endedMeanwhile, result: 'already_ended' });
    for (const [id, code] of failing) {
      expect(byId.get(id), id).toMatchObject({ result: 'failed', error: { code } });
      expect(byId.get(id)!.error!.message.length).toBeGreaterThan(10);
      expect(statusOf(id)).toBe('active');
    }
    // Each failing end was tried as the retry policy says: 500 and 401 once, 502/503/reset four times.
    const tries = (id: string) => emulator.requests.filter((r) => r.path === endPath(id)).length;
    expect([...failing.keys()].map(tries)).toEqual([1, 4, 4, 4, 1]);
    // The summary names how many failed and the first one.
    const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!).error;
    expect(error.code).toBe('check_failed');
    expect(error.message).toMatch(/^5 of 12 conversations could not be ended; the first, c\w+: /);

    // Safe to repeat: once Tavus is well again, the same command ends the rest.
    emulator.clearFaults();
    const stillActive = [...emulator.state.conversations.values()].filter((c) => c.status === 'active').map((c) => c.conversation_id);
    expect(stillActive).toEqual(expect.arrayContaining([...failing.keys()]));
    const again = await runCli(['conversation', 'end', '--all-active', '--yes', '--json'], { env });
    expect(again.exitCode, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Outcome[]).map((o) => o.conversation_id).sort()).toEqual(stillActive.sort());
    expect([...emulator.state.conversations.values()].every((c) => c.status === 'ended')).toBe(true);
  });

  it('for people: a table with every outcome and the reason of each failure, then the count', async () => {
    const { ok, failing } = setUp();
    const result = await runCli(['conversation', 'end', '--all-active', '--yes'], { env, timeoutMs: 30_000 });
    expect(result.exitCode).toBe(1);
    const rows = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows).toHaveLength(12);
    for (const [id, result_, error] of rows) {
      if (failing.has(id!)) {
        expect(result_).toBe('failed');
        expect(error).toBeTruthy();
      } else expect(['ended', 'already ended']).toContain(result_);
    }
    expect(rows.filter(([, r]) => r === 'ended').map(([id]) => id).sort()).toEqual([...ok].sort());
    expect(result.stderr).toMatch(/Error: 5 of 12 conversations could not be ended/);
    // The hint is the first failure's own (here the rejected key's: log in again).
    expect(result.stderr).toMatch(/\nHint: \S.+\n$/);
  });

  it('conversation end with ids: the same rules', async () => {
    const [a, b, c] = emulator.seedConversations(3, 'active');
    emulator.inject({ fault: { kind: 'status', status: 500 }, method: 'POST', path: endPath(b!), times: Infinity });
    const result = await runCli(['conversation', 'end', a!, b!, c!, '--json'], { env });
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as Outcome[]).map((o) => o.result)).toEqual(['ended', 'failed', 'ended']);
    expect([a, b, c].map((id) => statusOf(id!))).toEqual(['ended', 'active', 'ended']);
  });
});

describe('serve shutting down when some ends fail', () => {
  it('ends all the others, names each one it could not end with the command to do it, and exits 1: a conversation left billing is a failed stop', async () => {
    const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await post(serve.url, CREATE, {})).json.data.conversation_id);
    }
    const [stuck] = ids;
    emulator.inject({ fault: { kind: 'status', status: 500 }, method: 'POST', path: endPath(stuck!), times: Infinity });
    expect(await serve.stop('SIGINT')).toBe(1);
    expect(ids.map(statusOf)).toEqual(['active', 'ended', 'ended', 'ended']);
    expect(serve.stderr()).toContain(`! Could not end conversation ${stuck}: Tavus had a server error (500 Internal Server Error: Emulated HTTP 500). It bills until it ends: run \`tavus-ten conversation end ${stuck}\`.\n`);
    expect(serve.stderr()).toMatch(/✓ Ended 3 conversations this server started/);
  });

  it('when no end succeeds, it does not say that nothing was active: only the failure, and exit 1', async () => {
    const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    const id = (await post(serve.url, CREATE, {})).json.data.conversation_id;
    emulator.inject({ fault: { kind: 'status', status: 500 }, method: 'POST', path: endPath(id), times: Infinity });
    expect(await serve.stop('SIGINT')).toBe(1);
    expect(statusOf(id)).toBe('active');
    expect(serve.stderr()).not.toMatch(/No conversation of this server was still active|✓ Ended/);
    expect(serve.stderr()).toContain(`! Could not end conversation ${id}: `);
    expect(serve.stderr()).toMatch(/\nError: Could not end 1 conversation this server started\.\n/);
  });
});
