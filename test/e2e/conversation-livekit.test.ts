// conversation start --transport livekit through the built CLI: the avatar's token as the emulator
// received it (verified with the secret), the join link, every way it refuses before sending, and what
// it verifies (the key pair before the create, the avatar in the room after it). The emulator also
// stands in for the LiveKit server (its RoomService), on loopback, which the emulated Tavus accepts.
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { creates, emulatorEnv, useEmulator } from '../helpers/emulator.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startCli, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const LIVEKIT = { apiKey: 'APIe2eLivekit', apiSecret: 'e2e-livekit-secret-0123456789-abcdefghij' };
const ECHO_PERSONA = 'pb87e71797da';
// The emulator is the LiveKit server too (its RoomService), on loopback: fine with the emulated Tavus.
const { emulator, env } = useEmulator({ livekit: LIVEKIT }, (started) => ({
  LIVEKIT_URL: started.url.replace(/^http:/, 'ws:'),
  LIVEKIT_API_KEY: LIVEKIT.apiKey,
  LIVEKIT_API_SECRET: LIVEKIT.apiSecret,
}));

const START = ['conversation', 'start', '--transport', 'livekit', '--room', 'ten-room', '--persona', ECHO_PERSONA];

describe('conversation start --transport livekit', () => {
  it('sends the avatar token and LiveKit URL with the safe timeouts, and prints a join link', async () => {
    const result = await runCli([...START, '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.livekit).toMatchObject({ url: env.LIVEKIT_URL, room: 'ten-room' });
    expect(printed.room_url).toBeUndefined();

    const [sent] = creates(emulator);
    const body = sent!.body as { persona_id: string; properties: Record<string, unknown> };
    expect(body.persona_id).toBe(ECHO_PERSONA);
    expect(body.properties).toMatchObject({
      max_call_duration: 900,
      participant_absent_timeout: 120,
      participant_left_timeout: 30,
      livekit_ws_url: env.LIVEKIT_URL,
    });
    const verifier = new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret);
    const avatar = await verifier.verify(body.properties.livekit_room_token as string);
    expect(avatar).toMatchObject({ sub: 'tavus-avatar-agent', name: 'tavus-avatar-agent', kind: 'agent' });
    expect(avatar.video).toMatchObject({ roomJoin: true, room: 'ten-room' });
    expect(avatar.attributes).toEqual({ 'lk.publish_on_behalf': 'ten-agent' });
    expect(avatar.exp! - avatar.nbf!).toBeGreaterThanOrEqual(900);

    const join = new URL(printed.livekit.join_url);
    expect(join.origin + join.pathname).toBe('https://meet.livekit.io/custom');
    expect(join.searchParams.get('liveKitUrl')).toBe(env.LIVEKIT_URL);
    const person = await verifier.verify(join.searchParams.get('token')!);
    expect(person.video).toMatchObject({ roomJoin: true, room: 'ten-room' });
    expect(person.sub).not.toBe('tavus-avatar-agent');

    // The emulator checked the token as a LiveKit server would, and the avatar joined.
    const conversation = emulator.state.conversations.get(printed.conversation_id)!;
    expect(conversation.status).toBe('active');
    expect(conversation.events.map((e: { event_type: string }) => e.event_type)).toContain('system.replica_joined');

    // The avatar's token and the secret are never printed; the join link is the deliberate output.
    expect(result.stdout + result.stderr).not.toContain(body.properties.livekit_room_token as string);
    expect(result.stdout + result.stderr).not.toContain(LIVEKIT.apiSecret);
  });

  it('human output names the room and the join link, and opens nothing Daily', async () => {
    const result = await runCli(START, { env: { ...env, BROWSER: '/bin/false' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/room:\s+ten-room/);
    expect(result.stdout).toMatch(/join:\s+https:\/\/meet\.livekit\.io\/custom\?/);
    expect(result.stdout).not.toMatch(/\/rooms\//);
  });

  it('--agent-identity sets who the avatar publishes on behalf of; --max-duration stretches the token', async () => {
    const result = await runCli([...START, '--agent-identity', 'my-agent', '--max-duration', '30m', '-q'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    const body = creates(emulator)[0]!.body as { properties: Record<string, unknown> };
    const avatar = await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(body.properties.livekit_room_token as string);
    expect(avatar.attributes).toEqual({ 'lk.publish_on_behalf': 'my-agent' });
    expect(avatar.exp! - avatar.nbf!).toBeGreaterThanOrEqual(1800);
  });

  it("LIVEKIT_AGENT_IDENTITY (as ten init's .env.example documents it) names the agent from an --env-file, the environment or a profile; the flag wins", async () => {
    const onBehalfOf = async () => {
      const body = creates(emulator).at(-1)!.body as { properties: Record<string, unknown> };
      const avatar = await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(body.properties.livekit_room_token as string);
      return avatar.attributes?.['lk.publish_on_behalf'];
    };
    // --test-mode after the first: the emulator's concurrency cap is 3, and the token is what matters.
    const dir = tempDir();
    try {
      // The newcomer's layout: the project's .env one level up, read with --env-file ../.env.
      mkdirSync(join(dir.path, 'app'));
      writeFileSync(join(dir.path, '.env'), 'LIVEKIT_AGENT_IDENTITY=my-ten-agent\n');
      const fromFile = await runCli([...START, '--env-file', '../.env', '--json'], { env, cwd: join(dir.path, 'app') });
      expect(fromFile.exitCode, fromFile.stderr).toBe(0);
      expect(JSON.parse(fromFile.stdout).verification).toMatchObject({ avatar: 'joined', agent_identity: 'my-ten-agent', agent_in_room: false });
      expect(fromFile.stderr).toContain('Your agent (my-ten-agent) is not in room ten-room');
      expect(await onBehalfOf()).toBe('my-ten-agent');

      const fromEnv = await runCli([...START, '--test-mode', '-q'], { env: { ...env, LIVEKIT_AGENT_IDENTITY: 'env-agent' }, cwd: dir.path });
      expect(fromEnv.exitCode, fromEnv.stderr).toBe(0);
      expect(await onBehalfOf()).toBe('env-agent');

      const flag = await runCli([...START, '--agent-identity', 'flag-agent', '--test-mode', '-q'], { env: { ...env, LIVEKIT_AGENT_IDENTITY: 'env-agent' }, cwd: dir.path });
      expect(flag.exitCode, flag.stderr).toBe(0);
      expect(await onBehalfOf()).toBe('flag-agent');

      const profileDir = tempDir();
      try {
        const set = await runCli(['config', 'set', 'livekit_agent_identity', 'profile-agent'], { env, cwd: profileDir.path });
        expect(set.exitCode, set.stderr).toBe(0);
        const fromProfile = await runCli([...START, '--test-mode', '-q'], { env, cwd: profileDir.path });
        expect(fromProfile.exitCode, fromProfile.stderr).toBe(0);
        expect(await onBehalfOf()).toBe('profile-agent');
      } finally {
        profileDir.cleanup();
      }

      // A bad value names where it came from; nothing is created.
      const count = creates(emulator).length;
      const avatar = await runCli(START, { env: { ...env, LIVEKIT_AGENT_IDENTITY: 'tavus-avatar-agent' }, cwd: dir.path });
      expect(avatar.exitCode).toBe(2);
      expect(avatar.stderr).toContain('The agent identity from LIVEKIT_AGENT_IDENTITY cannot be tavus-avatar-agent');
      expect(creates(emulator)).toHaveLength(count);

      // A Daily conversation ignores the variable (only the flag is LiveKit-only).
      const daily = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--test-mode', '-q'], { env: { ...env, LIVEKIT_AGENT_IDENTITY: 'env-agent' }, cwd: dir.path });
      expect(daily.exitCode, daily.stderr).toBe(0);
    } finally {
      dir.cleanup();
    }
  });

  it.each([[[]], [['--wait']]])('a secret the LiveKit server rejects is exit 3 naming the fix, and nothing is created (%j)', async (extra) => {
    const result = await runCli([...START, ...extra], { env: { ...env, LIVEKIT_API_SECRET: 'not-the-server-secret-0123456789-abcdef' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/rejected the key and secret \(401.*no conversation was created/);
    expect(result.stderr).toMatch(/Set LIVEKIT_API_KEY and LIVEKIT_API_SECRET/);
    expect(result.stderr).not.toMatch(/✓/);
    expect(result.stdout).toBe('');
    expect(creates(emulator)).toHaveLength(0);
    expect(emulator.requests.map((r) => r.path)).toContain('/twirp/livekit.RoomService/ListRooms');
  });

  it('refuses a persona that is not echo + livekit with the command that creates one, and creates nothing', async () => {
    const result = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'r', '--persona', 'pcb7a34da5fe'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/tavus-ten persona create --echo-livekit/);
    expect(creates(emulator)).toHaveLength(0);
  });

  it('a LiveKit server on this machine written as an IPv4-mapped IPv6 address counts as loopback', async () => {
    const mapped = env.LIVEKIT_URL!.replace('127.0.0.1', '[::ffff:127.0.0.1]');
    const result = await runCli([...START, '--json'], { env: { ...env, LIVEKIT_URL: mapped } });
    expect(result.exitCode, result.stderr).toBe(0);
    const [sent] = creates(emulator);
    expect((sent!.body as { properties: Record<string, unknown> }).properties.livekit_ws_url).toBe(mapped);
    expect(emulator.state.conversations.get(JSON.parse(result.stdout).conversation_id)!.status).toBe('active');
  });

  it.each([
    ['no LIVEKIT_URL', { LIVEKIT_URL: '' }, [], /LIVEKIT_URL/],
    ['no secret', { LIVEKIT_API_SECRET: '' }, [], /LIVEKIT_API_SECRET/],
    // Against Tavus itself (nothing is sent either way): its cloud cannot reach these.
    ['a localhost URL', { LIVEKIT_URL: 'wss://localhost:7880', TAVUS_API_BASE_URL: 'https://tavusapi.com' }, [], /cannot reach/],
    ['a private address', { LIVEKIT_URL: 'wss://192.168.1.10', TAVUS_API_BASE_URL: 'https://tavusapi.com' }, [], /cannot reach/],
    ['a private address, even with the emulator', { LIVEKIT_URL: 'wss://192.168.1.10' }, [], /cannot reach/],
    ['ws:// to a public server', { LIVEKIT_URL: 'ws://ten-demo.livekit.cloud' }, [], /unencrypted ws:\/\//],
    ['a --join-timeout that is not a duration', {}, ['--transport', 'livekit', '--join-timeout', 'soon'], /--join-timeout/],
    ['a malformed URL', { LIVEKIT_URL: 'not a url' }, [], /not a URL/],
    ['an empty room', {}, ['--room', '  '], /--room/],
    ['no room', {}, ['--room'], /--room/],
    ['--room without --transport livekit', {}, ['--transport', 'daily'], /--room goes with --transport livekit/],
    ['an unknown transport', {}, ['--transport', 'zoom'], /--transport/],
  ])('%s is exit 2 before any request', async (_name, extraEnv, extraArgs, message) => {
    const args =
      extraArgs[0] === '--room' && extraArgs.length === 1
        ? ['conversation', 'start', '--transport', 'livekit', '--persona', ECHO_PERSONA]
        : extraArgs[0] === '--room'
          ? ['conversation', 'start', '--transport', 'livekit', '--persona', ECHO_PERSONA, ...extraArgs]
          : extraArgs[0] === '--transport'
            ? ['conversation', 'start', '--room', 'ten-room', '--persona', ECHO_PERSONA, ...extraArgs]
            : START;
    const result = await runCli(args, { env: { ...env, ...extraEnv } });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });

  it('--wait ends the LiveKit conversation on Ctrl-C', async () => {
    const child = startCli([...START, '--wait', '--poll-interval', '50'], { env });
    const conversation = await waitFor(() => [...emulator.state.conversations.values()][0], 'the conversation');
    await waitFor(
      () => emulator.requests.some((r) => r.method === 'GET' && r.path === `/v2/conversations/${conversation.conversation_id}`),
      'a poll',
    );
    child.kill('SIGINT');
    const done = await child;
    expect(done.exitCode).toBe(130);
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${conversation.conversation_id}/end`)).toBe(true);
  });
});

describe('what conversation start --transport livekit verifies', () => {
  // A separate LiveKit stand-in, so the emulated Tavus and the "server" can disagree.
  let server: Emulator;
  let serverEnv: Record<string, string>;
  beforeAll(async () => {
    server = await startEmulator({ livekit: LIVEKIT, seed: false });
    serverEnv = { ...env, LIVEKIT_URL: server.url.replace(/^http:/, 'ws:') };
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());
  const asked = (rpc: string) => [...emulator.requests, ...server.requests].filter((r) => r.path === `/twirp/livekit.RoomService/${rpc}`);

  it('the avatar is in the room: the join time is printed, --json says what was verified, and a missing agent is a warning', async () => {
    const result = await runCli([...START, '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.verification).toEqual({ credentials: 'accepted', avatar: 'joined', join_ms: expect.any(Number), agent_identity: 'ten-agent', agent_in_room: false });
    expect(printed.status).toBe('active');
    expect(asked('ListRooms')).toHaveLength(1);
    expect(asked('ListParticipants').at(-1)!.body).toEqual({ room: 'ten-room' });
    expect(result.stderr).toMatch(/Your agent \(ten-agent\) is not in room ten-room: the avatar publishes on its behalf/);

    const human = await runCli(START, { env });
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/✓ The avatar joined room ten-room after \d+\.\d s\./);
    expect(human.stderr).toMatch(/LiveKit server ws:\/\/127\.0\.0\.1:\d+ is local: fine with the Tavus emulator/);
  });

  it('the server refuses the avatar (Tavus ends the conversation): exit 1 with the reason and the next step, never ✓', async () => {
    // The emulated Tavus judges the avatar's token against another secret than the one the CLI and the server share.
    const tavus = await startEmulator({ livekit: { apiKey: LIVEKIT.apiKey, apiSecret: 'the-tavus-side-sees-another-secret-0123456789' } });
    try {
      const result = await runCli([...START, '--json'], { env: { ...serverEnv, ...emulatorEnv(tavus) } });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!).error;
      expect(error.code).toBe('check_failed');
      expect(error.message).toMatch(/The avatar did not join room ten-room: conversation c\w+ ended \(livekit_join_failed: .*signature/);
      expect(error.hint).toMatch(/tavus-ten doctor --mode livekit.*conversation get c\w+ --events/);
      const [conversation] = tavus.state.conversations.values();
      expect(conversation!.status).toBe('ended');
    } finally {
      await tavus.close();
    }
  });

  it('the avatar never appears within --join-timeout: exit 1, and the conversation is ended so it stops billing', async () => {
    // The server's room never shows the avatar the emulated Tavus admitted (it is a different server).
    const result = await runCli([...START, '--join-timeout', '1'], { env: serverEnv, timeoutMs: 20_000 });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/did not join room ten-room within 1 s; conversation (c\w+) was ended so it stops billing/);
    expect(result.stderr).toMatch(/Raise --join-timeout/);
    expect(result.stderr).not.toMatch(/✓ (Started|The avatar)/);
    const [conversation] = emulator.state.conversations.values();
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${conversation!.conversation_id}/end`)).toBe(true);
    expect(conversation!.status).toBe('ended');
    expect(server.requests.filter((r) => r.path.endsWith('/ListParticipants')).length).toBeGreaterThan(1);
  });

  it('--no-verify asks the LiveKit server nothing and says so under --json', async () => {
    const result = await runCli([...START, '--no-verify', '--json'], { env: { ...env, LIVEKIT_API_SECRET: 'not-the-server-secret-0123456789-abcdef' } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).verification).toEqual({ credentials: 'skipped', avatar: 'skipped' });
    expect(asked('ListRooms')).toHaveLength(0);
    expect(asked('ListParticipants')).toHaveLength(0);
    expect(creates(emulator)).toHaveLength(1);
  });

  it('--test-mode: the key pair is checked, the avatar is not expected', async () => {
    const result = await runCli([...START, '--test-mode', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).verification).toEqual({ credentials: 'accepted', avatar: 'not_expected' });
    expect(asked('ListParticipants')).toHaveLength(0);
  });
});

describe("the README's TEN LiveKit recipe", () => {
  it('runs word for word in a shell: the persona is created once, and the avatar is sent to the room', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve, dirname } = await import('node:path');
    const { execa } = await import('execa');
    const { BIN, cliEnv } = await import('../helpers/cli.js');
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const block = /The two lines that put a Tavus avatar[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const lines = block.trim().split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    expect(lines).toHaveLength(2);

    // `tavus-ten` on PATH is the built bin, as after `npm install -g tavus-ten`.
    const { mkdtempSync, writeFileSync, chmodSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const binDir = mkdtempSync(resolve(tmpdir(), 'tt-recipe-'));
    writeFileSync(resolve(binDir, 'tavus-ten'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(resolve(binDir, 'tavus-ten'), 0o755);
    const script = `set -e\n${lines.join('\n')}\n${lines.join('\n')}\n`; // twice: the persona must not be created twice
    const result = await execa('sh', ['-c', script], {
      env: cliEnv({ ...env, PATH: `${binDir}:${dirname(process.execPath)}:${process.env.PATH}`, TAVUS_TEN_CONFIG_DIR: resolve(binDir, 'cfg') }),
      extendEnv: false,
      reject: false,
      cwd: binDir,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const personaCreates = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
    expect(personaCreates).toHaveLength(1);
    expect(personaCreates[0]!.body).toEqual({ persona_name: 'TEN avatar', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
    const conversationCreates = creates(emulator);
    expect(conversationCreates).toHaveLength(2);
    for (const create of conversationCreates) {
      expect(create.body).toMatchObject({
        persona_id: expect.stringMatching(/^p[0-9a-f]{11}$/),
        replica_id: 'r90bbd427f71',
        properties: { livekit_ws_url: env.LIVEKIT_URL },
      });
    }
  });
});
