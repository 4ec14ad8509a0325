// `tavus-ten serve --transport livekit` end to end: the built CLI between the emulator (Tavus) and the real
// LiveKit server on 127.0.0.1. What a caller gets, what the emulator received, which rooms the LiveKit
// server has, and what Ctrl-C leaves behind (nothing). Skipped (or failed under .ci/run) without the server.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { creates, useEmulator } from '../helpers/emulator.js';
import { livekitTierAvailable, startLivekitServer, type LivekitServer } from '../helpers/livekit-server.js';
import { post, startServe, type RunningServe } from '../helpers/serve.js';
import { participantsOf } from '../helpers/livekit-room.js';
import { waitFor } from '../helpers/wait.js';

const ECHO_PERSONA = 'pb87e71797da';
const FULL_PERSONA = 'pcb7a34da5fe';
const START = '/api/tavus/livekit/start';
const stopPath = (room: string) => `/api/tavus/livekit/${encodeURIComponent(room)}/stop`;

describe.runIf(livekitTierAvailable())('serve --transport livekit (real LiveKit server)', () => {
  let livekit: LivekitServer;
  let rooms: RoomServiceClient;
  const running: RunningServe[] = [];
  const dir = tempDir('tavus-ten-serve-livekit-');

  // The LiveKit server first (the emulator needs its key pair); stopped after the emulator closes.
  beforeAll(async () => {
    livekit = await startLivekitServer();
    rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
  }, 60_000);
  afterAll(async () => {
    await livekit?.stop();
    dir.cleanup();
  });
  // The emulated avatar really joins the room (@livekit/rtc-node), as Tavus's would.
  const { emulator, env } = useEmulator(
    () => ({ livekit: { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret }, livekitJoin: true }),
    () => ({ TAVUS_PERSONA_ID: ECHO_PERSONA, LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret }),
  );
  afterEach(async () => {
    for (const serve of running.splice(0)) if (serve.child.exitCode === null) await serve.stop();
  });

  async function serve(args: string[] = [], extraEnv: Record<string, string> = {}): Promise<RunningServe> {
    const started = await startServe(['--transport', 'livekit', ...args], { env: { ...env, ...extraEnv } });
    running.push(started);
    return started;
  }

  const waitForAvatar = (room: string) =>
    waitFor(async () => (await participantsOf(livekit, room)).includes('tavus-avatar-agent'), `the avatar in ${room}`, 15_000);
  const roomNames = async () => (await rooms.listRooms()).map((room) => room.name);
  /** The LiveKit server's own verdict on a join token (what its clients call when a join fails). */
  const serverAccepts = async (token: string) => (await fetch(`${livekit.httpUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`)).status;

  it("start creates the room, starts the avatar in it and answers TEN's shape with a token the server accepts", async () => {
    const server = await serve();
    const result = await post(server.url, START, { room_name: 'e2e-room-1', user_identity: 'alice', greeting: 'Hello from LiveKit' });
    expect(result.status, result.text).toBe(200);
    expect(result.json).toMatchObject({ code: '0', msg: 'success' });
    const data = result.json.data;
    expect(data).toMatchObject({ room_name: 'e2e-room-1', livekit_url: livekit.url, user_identity: 'alice', agent: 'not_configured' });
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['room_name', 'user_token', 'livekit_url', 'conversation_id']));

    // The room exists on the LiveKit server, and the server accepts the user's token.
    expect(await roomNames()).toContain('e2e-room-1');
    expect(await serverAccepts(data.user_token)).toBe(200);
    const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);
    const user = await verifier.verify(data.user_token);
    expect(user.sub).toBe('alice');
    expect(user.video).toMatchObject({ roomJoin: true, room: 'e2e-room-1' });
    expect(user.video?.roomCreate ?? false).toBe(false);
    expect(user.video?.roomAdmin ?? false).toBe(false);
    // Valid for the conversation's max duration (900 s) plus the shared 600 s margin, no longer.
    expect(user.exp! - user.nbf!).toBe(900 + 600);

    // Tavus got the avatar's token for that room, the LiveKit URL and the safe timeouts.
    const [sent] = creates(emulator);
    const body = sent!.body as { persona_id: string; custom_greeting: string; properties: Record<string, unknown> };
    expect(body.persona_id).toBe(ECHO_PERSONA);
    expect(body.custom_greeting).toBe('Hello from LiveKit');
    expect(body.properties).toMatchObject({
      max_call_duration: 900,
      participant_absent_timeout: 120,
      participant_left_timeout: 30,
      livekit_ws_url: livekit.url,
    });
    const avatar = await verifier.verify(body.properties.livekit_room_token as string);
    expect(avatar).toMatchObject({ sub: 'tavus-avatar-agent', kind: 'agent' });
    expect(avatar.video).toMatchObject({ roomJoin: true, room: 'e2e-room-1' });
    // The start answered once the avatar was in the room (conversation start's join check).
    expect(await participantsOf(livekit, 'e2e-room-1')).toContain('tavus-avatar-agent');
    expect(emulator.state.conversations.get(data.conversation_id)!.status).toBe('active');
    expect(server.stderr()).toMatch(/The avatar joined room e2e-room-1 after \d+\.\d s/);
    expect(server.stderr()).toMatch(/room e2e-room-1: conversation c[0-9a-f]+ created/);
  });

  it('LIVEKIT_AGENT_IDENTITY (environment or .env) names the agent the avatar publishes on behalf of, as --agent-identity does', async () => {
    const server = await serve([], { LIVEKIT_AGENT_IDENTITY: 'my-ten-agent' });
    const result = await post(server.url, START, { room_name: 'e2e-agent-identity', user_identity: 'alice' });
    expect(result.status, result.text).toBe(200);
    const body = creates(emulator).at(-1)!.body as { properties: Record<string, unknown> };
    const avatar = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(body.properties.livekit_room_token as string);
    expect(avatar.attributes).toEqual({ 'lk.publish_on_behalf': 'my-ten-agent' });
  });

  it('stop ends the conversation and deletes the room; a second stop says the same; a room it never started is 404', async () => {
    const server = await serve();
    const { json } = await post(server.url, START, {});
    const room = json.data.room_name as string;
    expect(room).toMatch(/^tavus-session-[0-9a-f]{8}$/);
    expect(await roomNames()).toContain(room);
    await waitForAvatar(room);

    const stopped = await post(server.url, stopPath(room));
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.json.data).toMatchObject({ room_name: room, conversation_id: json.data.conversation_id, room: 'deleted', status: 'stopped' });
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${json.data.conversation_id}/end`)).toBe(true);
    expect(emulator.state.conversations.get(json.data.conversation_id)!.status).toBe('ended');
    expect(emulator.state.conversations.get(json.data.conversation_id)!.shutdownReason).toBe('end_conversation_endpoint_hit');
    expect(await roomNames()).not.toContain(room);
    expect(await participantsOf(livekit, room)).toEqual([]);

    const again = await post(server.url, stopPath(room));
    expect(again.status).toBe(200);
    expect(again.json.data).toEqual(stopped.json.data);

    const unknown = await post(server.url, stopPath('someone-elses-room'));
    expect(unknown.status).toBe(404);
    expect(unknown.json.msg).toContain('someone-elses-room');
  });

  it('a room this server already runs a session in is 409; bad bodies are 400 naming the field, with nothing sent', async () => {
    const server = await serve();
    expect((await post(server.url, START, { room_name: 'busy-room' })).status).toBe(200);
    const busy = await post(server.url, START, { room_name: 'busy-room' });
    expect(busy.status).toBe(409);
    expect(busy.json.data.error).toBe('room_in_use');
    expect(creates(emulator)).toHaveLength(1);

    emulator.reset();
    for (const [body, field] of [
      [{ room_name: 'has space' }, 'room_name'],
      [{ room_name: '' }, 'room_name'],
      [{ user_identity: 'tavus-avatar-agent' }, 'user_identity'],
      [{ greeting: 42 }, 'greeting'],
    ] as const) {
      const result = await post(server.url, START, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.json.msg).toContain(field);
    }
    expect((await post(server.url, START, '[1]')).status).toBe(400);
    expect(creates(emulator)).toHaveLength(0);
    expect(await roomNames()).not.toContain('has space');
    // The Daily routes are not this mode's.
    const daily = await post(server.url, '/api/tavus/conversation/create', {});
    expect(daily.status).toBe(404);
    expect(daily.json.data.hint).toContain('/api/tavus/livekit/start');
  });

  it("a start Tavus refuses answers Tavus's words with the cap's status, deletes the room it made, and frees the name", async () => {
    const server = await serve();
    emulator.seedConversations(3, 'active');
    const refused = await post(server.url, START, { room_name: 'e2e-capped' });
    expect(refused.status).toBe(429);
    expect(refused.json.msg).toBe('User has reached maximum concurrent conversations');
    expect(refused.json.data.hint).toContain('conversation end --all-active');
    expect(await roomNames()).not.toContain('e2e-capped');

    emulator.reset();
    const again = await post(server.url, START, { room_name: 'e2e-capped' });
    expect(again.status, again.text).toBe(200);
    expect(await roomNames()).toContain('e2e-capped');
  });

  it('an avatar that never joins: 502 after --join-timeout, the conversation ended and the room deleted', async () => {
    // This emulator judges the avatar's token but never joins the room (no livekitJoin).
    const absent = await startEmulator({ livekit: { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret } });
    try {
      const server = await serve(['--join-timeout', '2'], { TAVUS_API_BASE_URL: absent.url, TAVUS_API_KEY: absent.apiKey });
      const result = await post(server.url, START, { room_name: 'e2e-no-avatar' });
      expect(result.status, result.text).toBe(502);
      expect(result.json).toMatchObject({ code: '10113', data: { error: 'avatar_not_joined' } });
      expect(result.json.msg).toMatch(/did not join room e2e-no-avatar within 2 s/);
      const [conversation] = [...absent.state.conversations.values()];
      expect(conversation!.status).toBe('ended');
      expect(absent.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${conversation!.conversation_id}/end`)).toBe(true);
      expect(await roomNames()).not.toContain('e2e-no-avatar');
    } finally {
      await absent.close();
    }
  });

  it('Ctrl-C ends every conversation and deletes every room the server started, then exits 0', async () => {
    const server = await serve();
    const first = (await post(server.url, START, {})).json.data;
    const second = (await post(server.url, START, { room_name: 'e2e-ctrl-c' })).json.data;
    await post(server.url, stopPath(first.room_name));
    const third = (await post(server.url, START, {})).json.data;
    expect(await roomNames()).toEqual(expect.arrayContaining(['e2e-ctrl-c', third.room_name]));
    await waitForAvatar('e2e-ctrl-c');
    await waitForAvatar(third.room_name);

    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.stderr()).toMatch(/Stopped 2 sessions this server started/);
    for (const data of [second, third]) {
      expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${data.conversation_id}/end`)).toBe(true);
      expect(emulator.state.conversations.get(data.conversation_id)!.shutdownReason).toBe('end_conversation_endpoint_hit');
    }
    const left = await roomNames();
    expect(left).not.toContain('e2e-ctrl-c');
    expect(left).not.toContain(third.room_name);
  });

  it('Ctrl-C with a conversation Tavus will not end: the rest is stopped, the failure named with how to finish it, exit 1', async () => {
    const server = await serve();
    const stuck = (await post(server.url, START, { room_name: 'e2e-stuck' })).json.data;
    const fine = (await post(server.url, START, { room_name: 'e2e-fine' })).json.data;
    await waitForAvatar('e2e-stuck');
    await waitForAvatar('e2e-fine');
    const endPath = `/v2/conversations/${stuck.conversation_id}/end`;
    emulator.inject({ fault: { kind: 'status', status: 500, body: { message: 'boom' } }, method: 'POST', path: endPath, times: Infinity });

    expect(await server.stop('SIGINT')).toBe(1);
    // Tavus was asked and refused (the room's deletion may end it later: not the server's doing); the other session stopped in full.
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === endPath)).toBe(true);
    expect(emulator.state.conversations.get(stuck.conversation_id)!.shutdownReason).not.toBe('end_conversation_endpoint_hit');
    expect(emulator.state.conversations.get(fine.conversation_id)!.shutdownReason).toBe('end_conversation_endpoint_hit');
    // What the shutdown printed: the stuck room named with Tavus's words and the command to finish, no ✓ for it.
    const notEnded = new RegExp(`^\\d\\d:\\d\\d:\\d\\d room e2e-stuck: conversation ${stuck.conversation_id} NOT ended, room deleted$`, 'm').exec(server.stderr());
    expect(notEnded, server.stderr()).not.toBeNull();
    const shutdown = server.stderr().slice(notEnded!.index);
    expect(shutdown).toContain(`! Room e2e-stuck: ending conversation ${stuck.conversation_id}: Tavus had a server error (500 Internal Server Error: boom). Still to do: tavus-ten conversation end ${stuck.conversation_id}.\n`);
    expect(shutdown).toMatch(/✓ Stopped 1 session this server started .*: room e2e-fine /);
    expect(shutdown).not.toMatch(/✓.*e2e-stuck/);
    expect(shutdown).toMatch(/\nError: Could not stop 1 session this server started\.\nHint: Each is named above with how to stop it\.\n$/);
    emulator.clearFaults();
  });

  it('Ctrl-C while a start is on the wire: the caller hears the server is shutting down, and what the start made is undone', async () => {
    const server = await serve();
    emulator.inject({ fault: { kind: 'delay', ms: 1500 }, method: 'POST', path: '/v2/conversations' });
    const inFlight = post(server.url, START, { room_name: 'e2e-in-flight' });
    await waitFor(() => creates(emulator).length === 1, 'the create request');
    expect(await server.stop('SIGINT')).toBe(0);
    // The create finished; the join check stopped at the signal, so the start undid itself.
    const answer = await inFlight;
    expect(answer.status, answer.text).toBe(503);
    expect(answer.json.data.error).toBe('shutting_down');
    const [conversation] = [...emulator.state.conversations.values()];
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${conversation!.conversation_id}/end`)).toBe(true);
    expect(conversation!.status).toBe('ended');
    expect(server.stderr()).toMatch(/room e2e-in-flight: conversation c[0-9a-f]+ ended, room deleted/);
    // An avatar still connecting when the room was deleted brings it back (LiveKit creates rooms on join)
    // and leaves at once, the conversation being over: nobody stays, and LiveKit closes the empty room.
    await waitFor(async () => !(await participantsOf(livekit, 'e2e-in-flight')).includes('tavus-avatar-agent'), 'the avatar to leave', 15_000);
  });

  it('the page, its script and every answer hold neither the LiveKit secret nor the Tavus key', async () => {
    const server = await serve(['--verbose']);
    const page = await fetch(`${server.url}/`);
    const html = await page.text();
    expect(html).toContain('/assets/livekit-page.js');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${livekit.url} ${livekit.httpUrl}`);
    const texts = [html];
    for (const path of ['/assets/livekit-page.js', '/assets/app.css', '/health']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      texts.push(await response.text());
    }
    expect(texts[1]!.length).toBeGreaterThan(100_000); // livekit-client is in it, served from here
    const started = await post(server.url, START, {});
    texts.push(started.text, (await post(server.url, stopPath(started.json.data.room_name))).text);
    for (const text of texts) {
      expect(text).not.toContain(livekit.apiSecret);
      expect(text).not.toContain(emulator.apiKey);
    }
    // The avatar's token went to Tavus only.
    const avatarToken = (creates(emulator)[0]!.body as { properties: { livekit_room_token: string } }).properties.livekit_room_token;
    expect(started.text).not.toContain(avatarToken);
    expect(await server.stop()).toBe(0);
    expect(server.stdout() + server.stderr()).not.toContain(livekit.apiSecret);
    expect(server.stdout() + server.stderr()).not.toContain(avatarToken);
  });

  it('--json prints the page, start and stop URLs and the LiveKit URL as one document', async () => {
    const server = await serve(['--json']);
    expect(JSON.parse(server.stdout())).toEqual({
      url: `${server.url}/`,
      start_url: `${server.url}/api/tavus/livekit/start`,
      stop_url: `${server.url}/api/tavus/livekit/{room_name}/stop`,
      livekit_url: livekit.url,
    });
  });

  describe('--agent-command', () => {
    const script = join(dir.path, 'agent.sh');
    const record = (room: string) => join(dir.path, `agent-${room}.log`);
    beforeAll(() => {
      // Records its environment and the signals it gets; with IGNORE_TERM it outlives SIGTERM.
      writeFileSync(
        script,
        [
          '#!/bin/sh',
          'out="$RECORD_DIR/agent-$LIVEKIT_ROOM.log"',
          'echo "start room=$LIVEKIT_ROOM url=$LIVEKIT_URL key=$LIVEKIT_API_KEY secret_len=${#LIVEKIT_API_SECRET} conversation=$TAVUS_CONVERSATION_ID" >> "$out"',
          'if [ -n "$IGNORE_TERM" ]; then trap \'echo "TERM ignored" >> "$out"\' TERM; else trap \'echo "TERM" >> "$out"; exit 0\' TERM; fi',
          'echo "agent ready in $LIVEKIT_ROOM"',
          'echo "careless agent prints its secret: $LIVEKIT_API_SECRET" >&2',
          'while :; do sleep 0.1; done',
          '',
        ].join('\n'),
      );
      chmodSync(script, 0o755);
    });
    const lines = (room: string) => {
      try {
        return readFileSync(record(room), 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    };

    it('runs once per started room with its LIVEKIT_* variables, prefixes its output, and stops it on stop and on Ctrl-C', async () => {
      const server = await serve(['--agent-command', script], { RECORD_DIR: dir.path });
      const a = (await post(server.url, START, { room_name: 'agent-room-a' })).json.data;
      const b = (await post(server.url, START, { room_name: 'agent-room-b' })).json.data;
      expect(a.agent).toBe('started');
      await waitFor(() => lines('agent-room-a').length > 0 && lines('agent-room-b').length > 0, 'both agents to start');
      expect(lines('agent-room-a')[0]).toBe(
        `start room=agent-room-a url=${livekit.url} key=${livekit.apiKey} secret_len=${livekit.apiSecret.length} conversation=${a.conversation_id}`,
      );
      expect(lines('agent-room-b')[0]).toContain(`conversation=${b.conversation_id}`);
      await waitFor(() => server.stderr().includes('[agent agent-room-a] agent ready in agent-room-a'), 'the prefixed output');
      // What the agent prints goes through the server's secret mask.
      await waitFor(() => server.stderr().includes('[agent agent-room-a] careless agent prints its secret: ta…cdef'), 'the masked line');

      const stopped = await post(server.url, stopPath('agent-room-a'));
      expect(stopped.json.data.agent).toBe('stopped');
      expect(lines('agent-room-a')).toEqual([expect.stringMatching(/^start /), 'TERM']);
      expect(lines('agent-room-b')).toHaveLength(1);

      expect(await server.stop('SIGINT')).toBe(0);
      expect(lines('agent-room-b')).toEqual([expect.stringMatching(/^start /), 'TERM']);
      expect(lines('agent-room-a')).toHaveLength(2); // started once, stopped once
      expect(server.stderr()).toMatch(/\[agent agent-room-b\] exited/);
      expect(server.stdout() + server.stderr()).not.toContain(livekit.apiSecret);
    });

    it('an agent that ignores SIGTERM gets SIGKILL after --agent-stop-timeout', async () => {
      const server = await serve(['--agent-command', script, '--agent-stop-timeout', '1'], { RECORD_DIR: dir.path, IGNORE_TERM: '1' });
      await post(server.url, START, { room_name: 'agent-room-stubborn' });
      await waitFor(() => lines('agent-room-stubborn').length > 0, 'the agent to start');
      await waitFor(() => server.stderr().includes('agent ready in agent-room-stubborn'), 'the agent to set its trap');
      const stopped = await post(server.url, stopPath('agent-room-stubborn'));
      expect(stopped.json.data.agent).toBe('killed');
      expect(lines('agent-room-stubborn')).toContain('TERM ignored');
      expect(server.stderr()).toMatch(/\[agent agent-room-stubborn\] still running 1 s after SIGTERM: sending SIGKILL/);
    });
  });

  describe('refuses to start, with nothing sent', () => {
    it('exit 2 naming each missing LiveKit setting', async () => {
      const result = await runCli(['serve', '--port', '0', '--transport', 'livekit'], { env: { ...env, LIVEKIT_URL: '', LIVEKIT_API_SECRET: '' } });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/LIVEKIT_URL, LIVEKIT_API_SECRET|LIVEKIT_URL and LIVEKIT_API_SECRET/);
      expect(emulator.requests).toHaveLength(0);
    });

    it('exit 2 for LiveKit flags without --transport livekit, and for an unknown transport', async () => {
      const flag = await runCli(['serve', '--port', '0', '--agent-command', 'true'], { env });
      expect(flag.exitCode).toBe(2);
      expect(flag.stderr).toContain('--agent-command goes with --transport livekit');
      const verify = await runCli(['serve', '--port', '0', '--no-verify'], { env });
      expect(verify.exitCode).toBe(2);
      expect(verify.stderr).toContain('--no-verify goes with --transport livekit');
      const transport = await runCli(['serve', '--port', '0', '--transport', 'webrtc'], { env });
      expect(transport.exitCode).toBe(2);
      expect(transport.stderr).toContain('--transport');
      expect(emulator.requests).toHaveLength(0);
    });

    it('exit 3 when the LiveKit server rejects the key pair, before Tavus is asked anything', async () => {
      const result = await runCli(['serve', '--port', '0', '--transport', 'livekit'], {
        env: { ...env, LIVEKIT_API_SECRET: 'a-wrong-secret-that-is-long-enough-0123456789' },
      });
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toMatch(/rejected the key and secret \(401/);
      expect(emulator.requests).toHaveLength(0);
    });

    it('exit 2 when the persona is not echo + livekit (read, nothing created)', async () => {
      const result = await runCli(['serve', '--port', '0', '--transport', 'livekit', '--persona', FULL_PERSONA], { env });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('pipeline_mode echo');
      expect(creates(emulator)).toHaveLength(0);
    });
  });
});
