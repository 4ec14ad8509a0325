// conversation list / get / end / delete through the built CLI against the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';

/** The emulator's clock runs this far from ours, so conversations can be made "old". */
let clockOffsetMs = 0;

const { emulator, env } = useEmulator({ now: () => Date.now() + clockOffsetMs });
beforeEach(() => {
  clockOffsetMs = 0;
});

const endCalls = () => emulator.requests.filter((r) => r.method === 'POST' && /^\/v2\/conversations\/[^/]+\/end$/.test(r.path));
const endedIds = () => endCalls().map((r) => r.path.split('/')[3]!);

describe('conversation list', () => {
  it('lists newest first as tab-separated rows; --status is sent; --json and -q', async () => {
    const [ended] = emulator.seedConversations(1, 'ended');
    const [active] = emulator.seedConversations(1, 'active');
    const table = await runCli(['conversation', 'list'], { env });
    expect(table.exitCode).toBe(0);
    const rows = table.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      [active, 'active'],
      [ended, 'ended'],
    ]);

    const onlyActive = await runCli(['conv', 'list', '--status', 'active', '-q'], { env });
    expect(onlyActive.stdout).toBe(`${active}\n`);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ status: 'active' });

    const json = await runCli(['conversations', 'ls', '--status', 'ended', '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ conversation_id: ended, status: 'ended' })]);
  });

  it('--limit and --page ask for one page; --all walks every page', async () => {
    emulator.seedConversations(230, 'active');
    const page = await runCli(['conversation', 'list', '--limit', '5', '--page', '2', '-q'], { env });
    expect(page.stdout.trim().split('\n')).toHaveLength(5);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ limit: '5', page: '2' });

    const all = await runCli(['conversation', 'list', '--all', '-q'], { env });
    const ids = all.stdout.trim().split('\n');
    expect(ids).toHaveLength(230);
    expect(new Set(ids).size).toBe(230);
  });

  it('bad flags are exit 2 and send nothing', async () => {
    for (const args of [['--status', 'running'], ['--limit', '0'], ['--all', '--page', '2']]) {
      const result = await runCli(['conversation', 'list', ...args], { env });
      expect(result.exitCode, args.join(' ')).toBe(2);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('conversation get', () => {
  it('shows one conversation; --events adds the shutdown reason and the transcript', async () => {
    const [id] = emulator.seedConversations(1, 'active');
    // Someone opens the room (the replica joins), then Tavus ends it.
    expect((await fetch(`${emulator.url}/rooms/${id}/join`, { method: 'POST' })).status).toBe(200);
    emulator.endConversation(id!, 'participant_left_timeout');

    const plain = await runCli(['conversation', 'get', id!], { env });
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toMatch(new RegExp(`id: +${id}`));
    expect(plain.stdout).toMatch(/status: +ended/);
    expect(plain.stderr).toMatch(/--events/);
    expect(emulator.requests.at(-1)!.query.verbose).toBeUndefined();

    const events = await runCli(['conversation', 'get', id!, '--events'], { env });
    expect(events.exitCode).toBe(0);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ verbose: 'true' });
    expect(events.stdout).toMatch(/shutdown: +participant_left_timeout/);
    expect(events.stdout).toMatch(/system\.replica_joined/);
    expect(events.stdout).toMatch(/Transcript:\n {2}assistant: .+\n {2}user: Hello! Just testing\./);

    const json = await runCli(['conversation', 'get', id!, '--events', '--json'], { env });
    expect(JSON.parse(json.stdout).events.map((e: { event_type: string }) => e.event_type)).toEqual([
      'system.replica_joined',
      'application.transcription_ready',
      'system.shutdown',
    ]);
  });

  it('an unknown id is exit 4', async () => {
    const result = await runCli(['conversation', 'get', 'cnotthere123'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/conversation cnotthere123/);
  });
});

describe('conversation end ID...', () => {
  it('ends active ones, reports ended ones as already_ended, and exits 0', async () => {
    const [active] = emulator.seedConversations(1, 'active');
    const [ended] = emulator.seedConversations(1, 'ended');
    const result = await runCli(['conversation', 'end', active!, ended!, '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { conversation_id: active, result: 'ended' },
      { conversation_id: ended, result: 'already_ended' },
    ]);
    expect(emulator.state.conversations.get(active!)!.status).toBe('ended');
    expect(endedIds()).toEqual([active]);

    // Idempotent: the same again is all already_ended, still success.
    const again = await runCli(['conversation', 'end', active!], { env });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toBe(`${active}\talready ended\n`);
  });

  it('a failure is reported in the array with its error, the others still end, and the exit is its code (4: not found)', async () => {
    const [active] = emulator.seedConversations(1, 'active');
    const result = await runCli(['conversation', 'end', 'cnotthere123', active!, '--json'], { env });
    expect(result.exitCode).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual([
      { conversation_id: 'cnotthere123', result: 'failed', error: expect.objectContaining({ code: 'not_found', status: 400 }) },
      { conversation_id: active, result: 'ended' },
    ]);
    expect(JSON.parse(result.stderr).error.message).toMatch(/cnotthere123/);
    expect(emulator.state.conversations.get(active!)!.status).toBe('ended');
  });

  it('ID... --dry-run prints the end requests it would send (key masked), sends nothing, exit 0', async () => {
    const [first, second] = emulator.seedConversations(2, 'active');
    const human = await runCli(['conversation', 'end', first!, second!, '--dry-run'], { env });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toBe(`POST ${emulator.url}/v2/conversations/${first}/end\nPOST ${emulator.url}/v2/conversations/${second}/end\n`);
    expect(human.stderr).toBe(`Dry run: would end 2 conversations (${first}, ${second}); nothing was sent.\n`);

    const json = await runCli(['conversation', 'end', first!, '--dry-run', '--json'], { env });
    expect(json.exitCode).toBe(0);
    // The shape of every request dry run (persona create --dry-run --json…), one per id.
    expect(JSON.parse(json.stdout)).toEqual([
      { dry_run: true, method: 'POST', url: `${emulator.url}/v2/conversations/${first}/end`, headers: { 'x-api-key': expect.stringMatching(/^tvs_…/) } },
    ]);
    expect(json.stdout).not.toContain(emulator.apiKey);
    const quiet = await runCli(['conversation', 'end', first!, second!, '--dry-run', '-q'], { env });
    expect(quiet.stdout).toBe(`${first}\n${second}\n`);

    expect(emulator.requests).toHaveLength(0);
    expect(emulator.state.conversations.get(first!)!.status).toBe('active');
  });

  it('needs ids or --all-active, not both; --older-than goes with --all-active', async () => {
    for (const args of [[], ['c123', '--all-active'], ['c123', '--older-than', '10m'], ['--all-active', '--older-than', 'soon', '--yes']]) {
      const result = await runCli(['conversation', 'end', ...args], { env });
      expect(result.exitCode, args.join(' ')).toBe(2);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('conversation end --all-active', () => {
  it('without a terminal it needs --yes: exit 2 and nothing sent', async () => {
    emulator.seedConversations(2, 'active');
    const result = await runCli(['conversation', 'end', '--all-active'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--yes/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('ends exactly the active conversations, across several pages', async () => {
    const ended = emulator.seedConversations(40, 'ended');
    const active = emulator.seedConversations(230, 'active');
    ended.push(...emulator.seedConversations(20, 'ended'));
    const result = await runCli(['conversation', 'end', '--all-active', '--yes', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);

    const listed = emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v2/conversations');
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(listed.every((r) => r.query.status === 'active')).toBe(true);
    expect(endedIds().sort()).toEqual([...active].sort());
    expect(JSON.parse(result.stdout)).toHaveLength(230);
    expect(new Set(JSON.parse(result.stdout).map((r: { result: string }) => r.result))).toEqual(new Set(['ended']));
    for (const id of active) expect(emulator.state.conversations.get(id)!.status).toBe('ended');
    for (const id of ended) expect(emulator.state.conversations.get(id)!.shutdownReason).toBe('end_conversation_endpoint_hit');
  });

  it('ends a few at a time: in parallel, but never more than 8 in flight', async () => {
    emulator.seedConversations(24, 'active');
    emulator.inject({ fault: { kind: 'delay', ms: 100 }, method: 'POST', path: /\/end$/, times: Infinity });
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, endCalls().filter((r) => r.status === 0).length);
    }, 5);
    const result = await runCli(['conversation', 'end', '--all-active', '--yes', '-q'], { env });
    clearInterval(sampler);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(24);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
  });

  it('--older-than ends only the older ones; --dry-run lists them and ends nothing', async () => {
    clockOffsetMs = -20 * 60_000;
    const old = emulator.seedConversations(2, 'active');
    clockOffsetMs = 0;
    const fresh = emulator.seedConversations(1, 'active');

    const preview = await runCli(['conversation', 'end', '--all-active', '--older-than', '10m', '--dry-run', '--json'], { env });
    expect(preview.exitCode, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout).map((c: { conversation_id: string }) => c.conversation_id).sort()).toEqual([...old].sort());
    expect(endCalls()).toHaveLength(0);

    const result = await runCli(['conversation', 'end', '--all-active', '--older-than', '10m', '--yes'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(endedIds().sort()).toEqual([...old].sort());
    expect(emulator.state.conversations.get(fresh[0]!)!.status).toBe('active');
    expect(result.stderr).toMatch(/Ended 2 conversations/);
  });

  it('with nothing active it says so and succeeds; --json is an empty array', async () => {
    emulator.seedConversations(2, 'ended');
    const result = await runCli(['conversation', 'end', '--all-active', '--yes', '--json'], { env });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(endCalls()).toHaveLength(0);
  });

  it('a conversation that fails to end is reported, the rest still end, exit 1', async () => {
    const active = emulator.seedConversations(3, 'active');
    emulator.inject({ fault: { kind: 'status', status: 500, body: { message: 'boom' } }, path: `/v2/conversations/${active[1]}/end`, times: Infinity });
    const result = await runCli(['conversation', 'end', '--all-active', '--yes', '--json'], { env });
    expect(result.exitCode).toBe(1);
    const results = JSON.parse(result.stdout) as Array<{ conversation_id: string; result: string }>;
    expect(results.find((r) => r.conversation_id === active[1])!.result).toBe('failed');
    expect(results.filter((r) => r.result === 'ended')).toHaveLength(2);
    expect(JSON.parse(result.stderr).error.message).toMatch(/1 of 3 conversations could not be ended/);
  });
});

describe('conversation delete', () => {
  it('without a terminal it needs --yes: exit 2 and nothing sent', async () => {
    const [id] = emulator.seedConversations(1, 'ended');
    const result = await runCli(['conversation', 'delete', id!], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--yes/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('deletes with --yes (hard=true with --hard) and reports each id', async () => {
    const [first, second] = emulator.seedConversations(2, 'ended');
    const result = await runCli(['conversation', 'delete', first!, second!, '--hard', '--yes', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { conversation_id: first, result: 'deleted' },
      { conversation_id: second, result: 'deleted' },
    ]);
    const deletes = emulator.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.path, r.query.hard])).toEqual(
      expect.arrayContaining([
        [`/v2/conversations/${first}`, 'true'],
        [`/v2/conversations/${second}`, 'true'],
      ]),
    );
    expect(emulator.state.conversations.size).toBe(0);
  });

  it('an unknown id fails (exit 4) without stopping the others; without --hard no hard flag is sent', async () => {
    const [id] = emulator.seedConversations(1, 'ended');
    const result = await runCli(['conversation', 'rm', 'cnotthere123', id!, '-y'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/cnotthere123\tfailed\t.*Invalid conversation_id/);
    expect(result.stdout).toContain(`${id}\tdeleted`);
    expect(emulator.requests.find((r) => r.path === `/v2/conversations/${id}`)!.query.hard).toBeUndefined();
  });
});
