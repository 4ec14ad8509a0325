// The CLI against the real LiveKit server: `livekit token` tokens join, doctor's livekit.server check
// tells a right key pair from a wrong or swapped one, and `conversation start --transport livekit`
// against `tavus-ten mock --livekit-join` sees the avatar join the room (with its time) or reports the
// server's refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { livekitTierAvailable, startLivekitServer, type LivekitServer } from '../helpers/livekit-server.js';
import { joinAs, participantsOf, rtc } from '../helpers/livekit-room.js';
import { startMock, type RunningMock } from '../helpers/mock.js';

const ECHO_PERSONA = 'pb87e71797da';

describe.runIf(livekitTierAvailable())('the CLI with a real LiveKit server', () => {
  let server: LivekitServer;
  let livekitEnv: Record<string, string>;
  let mock: RunningMock;
  let tavusEnv: Record<string, string>;

  beforeAll(async () => {
    server = await startLivekitServer();
    livekitEnv = { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret };
    mock = await startMock(['--livekit-join'], {}, { timeoutMs: 300_000 });
    tavusEnv = { TAVUS_API_BASE_URL: mock.baseUrl, TAVUS_API_KEY: mock.apiKey };
  }, 40_000);
  afterAll(async () => {
    await mock?.stop();
    await server?.stop();
  });

  it('a `livekit token` token lets a participant join the room', async () => {
    const result = await runCli(['livekit', 'token', '--room', 'token-room', '--identity', 'person-1', '--json'], { env: livekitEnv });
    expect(result.exitCode, result.stderr).toBe(0);
    const { token, url } = JSON.parse(result.stdout) as { token: string; url: string };
    const { Room } = await rtc();
    const room = new Room();
    await room.connect(url, token, { autoSubscribe: false, dynacast: false });
    try {
      expect(room.localParticipant!.identity).toBe('person-1');
      expect(await participantsOf(server, 'token-room')).toEqual(['person-1']);
    } finally {
      await room.disconnect();
    }
  }, 30_000);

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['the right key pair', {}, 'pass', /accepted the key and secret/],
    ['a wrong secret', { LIVEKIT_API_SECRET: 'not-the-server-secret-0123456789-abcdef' }, 'fail', /rejected the key and secret \(401/],
    ['the key and secret swapped', { LIVEKIT_API_KEY: 'swap', LIVEKIT_API_SECRET: 'swap' }, 'fail', /rejected the key and secret \(401/],
  ])("doctor's livekit.server check with %s", async (_name, override, status, message) => {
    const swapped = override.LIVEKIT_API_KEY === 'swap' ? { LIVEKIT_API_KEY: server.apiSecret, LIVEKIT_API_SECRET: server.apiKey } : override;
    const result = await runCli(['doctor', '--mode', 'livekit', '--json'], { env: { ...tavusEnv, ...livekitEnv, ...swapped } });
    const check = (JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string }> }).checks.find((c) => c.id === 'livekit.server');
    expect(check).toMatchObject({ status, message: expect.stringMatching(message) });
    expect(check!.message).not.toMatch(/eyJ/);
  }, 30_000);

  it('conversation start sees the avatar join the room (and how long it took), with the agent there, and `conversation end` takes it out', async () => {
    const agent = await joinAs(server, 'cli-room', 'ten-agent');
    try {
      const result = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'cli-room', '--persona', ECHO_PERSONA, '--json'], {
        env: { ...tavusEnv, ...livekitEnv },
        timeoutMs: 40_000,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      const printed = JSON.parse(result.stdout) as { conversation_id: string; verification: Record<string, unknown> };
      expect(printed.verification).toEqual({ credentials: 'accepted', avatar: 'joined', join_ms: expect.any(Number), agent_identity: 'ten-agent', agent_in_room: true });
      expect(result.stderr).not.toMatch(/not in room/);
      expect(await participantsOf(server, 'cli-room')).toEqual(expect.arrayContaining(['ten-agent', 'tavus-avatar-agent']));

      const { RoomEvent } = await rtc();
      const left = new Promise<void>((resolve) => agent.on(RoomEvent.ParticipantDisconnected, (p) => p.identity === 'tavus-avatar-agent' && resolve()));
      const ended = await runCli(['conversation', 'end', printed.conversation_id], { env: tavusEnv });
      expect(ended.exitCode, ended.stderr).toBe(0);
      await left;
      expect(await participantsOf(server, 'cli-room')).toEqual(['ten-agent']);
    } finally {
      await agent.disconnect();
    }
  }, 60_000);

  it('the human output prints the join time', async () => {
    const result = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'cli-human', '--persona', ECHO_PERSONA], {
      env: { ...tavusEnv, ...livekitEnv },
      timeoutMs: 40_000,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/✓ The avatar joined room cli-human after \d+\.\d s\./);
    expect(result.stderr).toMatch(/Your agent \(ten-agent\) is not in room cli-human/);
    const id = /^id:\s+(\S+)$/m.exec(result.stdout)![1]!;
    await runCli(['conversation', 'end', id], { env: tavusEnv });
  }, 60_000);

  it("the server's refusal: a wrong secret is exit 3 before anything is created; with --no-verify the avatar is refused and the conversation ends saying why", async () => {
    const wrong = { ...tavusEnv, ...livekitEnv, LIVEKIT_API_SECRET: 'not-the-server-secret-0123456789-abcdef' };
    const refused = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'cli-refused', '--persona', ECHO_PERSONA], { env: wrong });
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toMatch(/rejected the key and secret \(401.*no conversation was created/);
    expect(refused.stderr).not.toMatch(/eyJ/);

    const unchecked = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'cli-refused', '--persona', ECHO_PERSONA, '--no-verify', '-q'], { env: wrong });
    expect(unchecked.exitCode, unchecked.stderr).toBe(0);
    const id = unchecked.stdout.trim();
    const events = await pollEnded(id, tavusEnv);
    expect(events).toMatch(/livekit_join_failed: the LiveKit server refused the avatar: .*401/);
    expect(events).not.toMatch(/eyJ/);
    expect(await participantsOf(server, 'cli-refused')).toEqual([]);
  }, 60_000);
});

/** `conversation get ID --events --json` once the conversation has ended (bounded). */
async function pollEnded(id: string, env: Record<string, string>): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const result = await runCli(['conversation', 'get', id, '--events', '--json'], { env });
    if (/"status": "ended"/.test(result.stdout)) return result.stdout;
    if (Date.now() > deadline) throw new Error(`conversation ${id} did not end: ${result.stdout}`);
  }
}
