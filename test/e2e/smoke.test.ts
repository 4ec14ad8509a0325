// smoke through the built CLI against the emulator: the test_mode run, the --live run that always ends
// its conversation (also when the process gets SIGINT or SIGTERM mid-run), failures, the JSON report.
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type RecordedRequest } from '../../src/emulator/index.js';
import { creates, useEmulator } from '../helpers/emulator.js';
import { runCli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

interface Step {
  id: string;
  status: string;
  message: string;
  hint: string | null;
  duration_ms: number;
}
interface Report {
  ok: boolean;
  live: boolean;
  conversation_id: string | null;
  duration_ms: number;
  steps: Step[];
}

const { emulator, env } = useEmulator();

const sent = () => emulator.requests.map((r) => `${r.method} ${r.path}`);

describe('smoke (test_mode)', () => {
  it('checks, creates a test_mode conversation with the safe timeouts, verifies it, ends it; JSON report with timings', async () => {
    const result = await runCli(['smoke', '--replica', 'r90bbd427f71', '--json'], { env });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.live).toBe(false);
    expect(report.steps.map((s) => [s.id, s.status])).toEqual([
      ['tavus.key', 'pass'],
      ['tavus.auth', 'pass'],
      ['tavus.replica', 'pass'],
      ['tavus.persona', 'skip'],
      ['conversation.create', 'pass'],
      ['conversation.verify', 'pass'],
      ['conversation.end', 'pass'],
      ['conversation.ended', 'pass'],
    ]);
    for (const step of report.steps) expect(typeof step.duration_ms).toBe('number');
    expect(report.duration_ms).toBeGreaterThan(0);

    const id = report.conversation_id!;
    expect(sent()).toEqual([
      'GET /v2/replicas',
      'GET /v2/replicas/r90bbd427f71',
      'POST /v2/conversations',
      `GET /v2/conversations/${id}`,
      `POST /v2/conversations/${id}/end`,
      `GET /v2/conversations/${id}`,
    ]);
    expect(creates(emulator)[0]!.body).toMatchObject({
      replica_id: 'r90bbd427f71',
      test_mode: true,
      properties: { max_call_duration: 900, participant_absent_timeout: 120, participant_left_timeout: 30 },
    });
    expect(emulator.state.conversations.get(id)).toMatchObject({ testMode: true, status: 'ended' });
  });

  it('human output lists each step with its duration', async () => {
    const result = await runCli(['smoke', '--persona', 'pcb7a34da5fe'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/✓ conversation\.create +\d+ ms +Created c\w+ \(test_mode: no cost/);
    expect(result.stdout).toMatch(/Smoke test passed after/);
    expect(creates(emulator)[0]!.body).toMatchObject({ persona_id: 'pcb7a34da5fe', test_mode: true });
  });

  it('without a replica or a persona: exit 2 naming the flags, and nothing is sent', async () => {
    const result = await runCli(['smoke'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--replica.*--persona|--persona.*--replica/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("--mock with no replica or persona uses the emulator's stock persona, as conversation start --mock does", async () => {
    const result = await runCli(['smoke', '--mock'], { env: {} });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/stock persona pcb7a34da5fe/);
    expect(result.stdout).toMatch(/✓ conversation\.create +\d+ ms +Created c\w+/);
    expect(result.stdout).toMatch(/Smoke test passed after/);
    const json = await runCli(['smoke', '--mock', '--json'], { env: {} });
    expect(json.exitCode, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as Report).ok).toBe(true);
  });

  it('a failing check stops it before any conversation is created (exit 1)', async () => {
    const result = await runCli(['smoke', '--replica', 'rb17cf590e15', '--json'], { env });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.id === 'tavus.replica')).toMatchObject({ status: 'fail' });
    expect(report.steps.find((s) => s.id === 'conversation.create')).toMatchObject({ status: 'skip' });
    expect(creates(emulator)).toHaveLength(0);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'check_failed' } });
  });
});

describe('smoke --live', () => {
  it('creates a real conversation, verifies it is active, ends it and confirms it ended', async () => {
    const result = await runCli(['smoke', '--live', '--replica', 'r90bbd427f71', '--json'], { env });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.live).toBe(true);
    const id = report.conversation_id!;
    const body = creates(emulator)[0]!.body as Record<string, unknown>;
    expect(body.test_mode).toBeUndefined();
    expect(body).toMatchObject({ properties: { max_call_duration: 120 } });
    expect(report.steps.find((s) => s.id === 'conversation.verify')!.message).toMatch(/is active/);
    expect(sent()).toContain(`POST /v2/conversations/${id}/end`);
    expect(emulator.state.conversations.get(id)).toMatchObject({ status: 'ended', shutdownReason: 'end_conversation_endpoint_hit' });
  });

  it('the concurrency cap: the create fails with the fix, nothing is left running', async () => {
    emulator.setConcurrency(0);
    const result = await runCli(['smoke', '--live', '--replica', 'r90bbd427f71'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✗ conversation\.create .*concurrent conversations/);
    expect(result.stdout).toMatch(/↳ .*conversation end --all-active/);
    expect([...emulator.state.conversations.values()].filter((c) => c.status === 'active')).toHaveLength(0);
  });

  it('SIGINT while verifying: the conversation is still ended (and confirmed), exit 130', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 10_000 }, method: 'GET', path: '/v2/conversations/*' });
    const child = startCli(['smoke', '--live', '--replica', 'r90bbd427f71', '--json'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/conversations/')));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    const [id] = [...emulator.state.conversations.keys()] as [string];
    const afterSignal = emulator.requests.slice(emulator.requests.findIndex((r) => r.method === 'GET' && r.path === `/v2/conversations/${id}`) + 1);
    expect(afterSignal.map((r: RecordedRequest) => `${r.method} ${r.path}`)).toEqual([`POST /v2/conversations/${id}/end`, `GET /v2/conversations/${id}`]);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
    // The report still comes out, with the cleanup steps, and the interruption is the error.
    const report = JSON.parse(String(result.stdout)) as Report & { interrupted: boolean };
    expect(report).toMatchObject({ ok: false, interrupted: true, conversation_id: id });
    expect(report.steps.slice(-2).map((s) => [s.id, s.status])).toEqual([
      ['conversation.end', 'pass'],
      ['conversation.ended', 'pass'],
    ]);
    expect(JSON.parse(String(result.stderr).trim().split('\n').at(-1)!)).toMatchObject({ error: { code: 'interrupted' } });
  });

  it('SIGTERM while the create is in flight: waits for it, then ends that conversation, exit 143', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 800 }, method: 'POST', path: '/v2/conversations' });
    const child = startCli(['smoke', '--live', '--replica', 'r90bbd427f71'], { env });
    await waitFor(() => creates(emulator).length === 1);
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(143);
    const [id] = [...emulator.state.conversations.keys()];
    expect(id).toBeDefined();
    expect(sent()).toContain(`POST /v2/conversations/${id}/end`);
    expect(emulator.state.conversations.get(id!)!.status).toBe('ended');
    expect(String(result.stderr)).toMatch(/Waiting for Tavus to answer the create/);
    expect(String(result.stdout)).toMatch(/Smoke test interrupted after/);
  });
});

describe('smoke with an echo + livekit persona', () => {
  // A second emulator stands in for the LiveKit server (its RoomService checks the key pair); it is
  // local, which the emulated Tavus (also local) accepts.
  const pair = { apiKey: 'APIsmoke0test', apiSecret: 'smoke-livekit-secret-0123456789abcdef' };
  let livekitServer: Emulator;
  let livekit: Record<string, string>;
  beforeAll(async () => {
    livekitServer = await startEmulator({ livekit: pair, seed: false });
    livekit = { LIVEKIT_URL: livekitServer.url.replace(/^http:/, 'ws:'), LIVEKIT_API_KEY: pair.apiKey, LIVEKIT_API_SECRET: pair.apiSecret };
  });
  afterAll(() => livekitServer.close());

  it('fails (exit 1) when the LiveKit server rejects the key pair, and creates nothing', async () => {
    const result = await runCli(['smoke', '--persona', 'pb87e71797da', '--json'], { env: { ...env, ...livekit, LIVEKIT_API_SECRET: 'not-the-server-secret-0123456789abcdef' } });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.id === 'livekit.server')).toMatchObject({ status: 'fail', message: expect.stringMatching(/rejected the key and secret \(401/) });
    expect(report.steps.find((s) => s.id === 'conversation.create')).toMatchObject({ status: 'skip' });
    expect(creates(emulator)).toHaveLength(0);
    expect(livekitServer.requests.map((r) => r.path)).toContain('/twirp/livekit.RoomService/ListRooms');
  });

  it("sends the LiveKit URL and an avatar token for a throwaway room", async () => {
    const result = await runCli(['smoke', '--persona', 'pb87e71797da', '--json'], { env: { ...env, ...livekit } });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.steps.find((s) => s.id === 'livekit.token')).toMatchObject({ status: 'pass' });
    expect(report.steps.find((s) => s.id === 'livekit.server')).toMatchObject({ status: 'pass', message: expect.stringMatching(/accepted the key and secret/) });
    expect(report.steps.find((s) => s.id === 'tavus.persona')).toMatchObject({ status: 'pass', message: expect.stringMatching(/echo pipeline, livekit transport/) });
    const properties = (creates(emulator)[0]!.body as { properties: Record<string, string> }).properties;
    expect(properties.livekit_ws_url).toBe(livekit.LIVEKIT_URL);
    const claims = await new TokenVerifier(pair.apiKey, pair.apiSecret).verify(properties.livekit_room_token!);
    expect(claims.sub).toBe('tavus-avatar-agent');
    expect(claims.video?.room).toMatch(/^tavus-ten-smoke-/);
    expect(result.stdout).not.toContain(properties.livekit_room_token);
  });

  it('without LiveKit settings it fails before creating anything', async () => {
    const result = await runCli(['smoke', '--persona', 'pb87e71797da', '--json'], { env });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.steps.find((s) => s.id === 'livekit.token')).toMatchObject({ status: 'fail', message: expect.stringMatching(/LIVEKIT_URL is not set/) });
    expect(creates(emulator)).toHaveLength(0);
  });
});
