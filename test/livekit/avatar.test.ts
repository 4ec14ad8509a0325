// The emulated avatar (startEmulator({ livekitJoin: true })) in a real LiveKit server's room: it joins
// with the conversation's token, lip-syncs the agent it publishes on behalf of, and leaves when the
// conversation ends; a refused token ends the conversation with the server's reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintAvatarToken } from '../../src/livekit/token.js';
import { livekitTierAvailable, startLivekitServer, type LivekitServer } from '../helpers/livekit-server.js';
import { joinAs, listenAudio, participantsOf, rtc, speakTone, watchVideo } from '../helpers/livekit-room.js';
import { useEmulator } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';

const ECHO_PERSONA = 'pb87e71797da';

describe.runIf(livekitTierAvailable())('the emulated avatar in a real LiveKit room', () => {
  let server: LivekitServer;
  beforeAll(async () => {
    server = await startLivekitServer();
  }, 30_000);
  afterAll(() => server?.stop());
  // Closed before the LiveKit server stops; no reset between tests, whose avatars may still be leaving their rooms.
  const { emulator } = useEmulator({ livekitJoin: true }, undefined, { reset: false });

  async function createConversation(
    room: string,
    credentials = { apiKey: server.apiKey, apiSecret: server.apiSecret },
    properties: Record<string, unknown> = {},
  ): Promise<string> {
    const token = await mintAvatarToken(credentials, { room, agentIdentity: 'ten-agent', ttlSeconds: 600 });
    const response = await fetch(`${emulator.url}/v2/conversations`, {
      method: 'POST',
      headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ persona_id: ECHO_PERSONA, properties: { ...properties, livekit_ws_url: server.url, livekit_room_token: token.token } }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { conversation_id: string }).conversation_id;
  }

  it('joins, shows a mouth that moves while the agent speaks and rests while it is silent, mirrors the audio, and leaves within a second of the end', async () => {
    const { RoomEvent } = await rtc();
    const agent = await joinAs(server, 'lipsync', 'ten-agent');
    const voice = await speakTone(agent);
    const user = await joinAs(server, 'lipsync', 'user-1');
    const video = await watchVideo(user, 'tavus-avatar-agent');
    const audio = await listenAudio(user, 'tavus-avatar-agent');
    try {
      const id = await createConversation('lipsync');
      const conversation = emulator.state.conversations.get(id)!;
      await waitFor(() => conversation.events.some((e) => e.event_type === 'system.replica_joined'), 'system.replica_joined', 15_000);
      expect(conversation.events.find((e) => e.event_type === 'system.replica_joined')!.properties).toMatchObject({ room: 'lipsync', identity: 'tavus-avatar-agent' });
      expect(await participantsOf(server, 'lipsync')).toContain('tavus-avatar-agent');
      await video.firstFrameAt;

      // Speaking: the mouth box goes dark (open) and light (shut) as the tone swells and fades.
      voice.setSpeaking(true);
      const speakingFrom = video.frames.length;
      const heardFrom = audio.levels.length;
      await waitFor(() => video.frames.length >= speakingFrom + 45, '45 frames while the agent speaks', 15_000);
      // The avatar's audio track carries the agent's speech (the tone peaks at 0.12 of full scale, RMS up to 0.085).
      expect(Math.max(...audio.levels.slice(heardFrom))).toBeGreaterThan(0.03);
      const speaking = video.frames.slice(speakingFrom + 8).map((f) => f.mouthLuma); // skip the first half-second of latency
      expect(Math.min(...speaking)).toBeLessThan(90);
      expect(Math.max(...speaking) - Math.min(...speaking)).toBeGreaterThan(50);

      // Silent: once shut (ten frames in a row), the mouth stays shut, frame after frame.
      voice.setSpeaking(false);
      const quietFrom = video.frames.length;
      const shutRun = (from: number) => video.frames.slice(from).findIndex((_, i, rest) => rest.slice(i, i + 10).length === 10 && rest.slice(i, i + 10).every((f) => f.mouthLuma > 140));
      const shutAt = await waitFor(() => (shutRun(quietFrom) >= 0 ? quietFrom + shutRun(quietFrom) + 10 : undefined), 'the mouth to shut', 10_000);
      await waitFor(() => video.frames.length >= shutAt + 20, '20 frames of silence', 10_000);
      const silent = video.frames.slice(shutAt, shutAt + 20).map((f) => f.mouthLuma);
      expect(Math.min(...silent)).toBeGreaterThan(140);
      expect(Math.max(...silent) - Math.min(...silent)).toBeLessThan(15);

      // Ending the conversation takes the avatar out of the room within a second.
      const left = new Promise<number>((resolve) =>
        user.on(RoomEvent.ParticipantDisconnected, (participant) => participant.identity === 'tavus-avatar-agent' && resolve(Date.now())),
      );
      const endedAt = Date.now();
      const end = await fetch(`${emulator.url}/v2/conversations/${id}/end`, { method: 'POST', headers: { 'x-api-key': emulator.apiKey } });
      expect(end.status).toBe(200);
      expect((await left) - endedAt).toBeLessThan(1000);
      expect(conversation.events.at(-1)).toMatchObject({ event_type: 'system.shutdown', properties: { shutdown_reason: 'end_conversation_endpoint_hit' } });
    } finally {
      audio.stop();
      video.stop();
      await voice.stop();
      await user.disconnect();
      await agent.disconnect();
    }
  }, 60_000);

  it('the people it sees in the room drive participant_left_timeout: when the agent leaves, the conversation ends and the avatar goes', async () => {
    const agent = await joinAs(server, 'left-room', 'ten-agent');
    let agentConnected = true;
    try {
      const id = await createConversation('left-room', undefined, { participant_left_timeout: 0 });
      const conversation = emulator.state.conversations.get(id)!;
      await waitFor(() => conversation.participants.includes('ten-agent'), 'the avatar to report the agent', 15_000);
      expect(conversation.status).toBe('active');
      await agent.disconnect();
      agentConnected = false;
      await waitFor(() => conversation.status === 'ended', 'the left timeout', 10_000);
      expect(conversation.shutdownReason).toBe('participant_left_timeout reached');
      await waitFor(async () => !(await participantsOf(server, 'left-room')).includes('tavus-avatar-agent'), 'the avatar to leave the room', 5_000);
      expect(await participantsOf(server, 'left-room')).toEqual([]);
    } finally {
      if (agentConnected) await agent.disconnect();
    }
  }, 40_000);

  it('a token the server refuses ends the conversation with livekit_join_failed and the server\'s reason (without the token)', async () => {
    const id = await createConversation('refused', { apiKey: server.apiKey, apiSecret: 'not-the-server-secret-0123456789-abcdef' });
    const conversation = emulator.state.conversations.get(id)!;
    await waitFor(() => conversation.status === 'ended', 'the conversation to end', 15_000);
    const shutdown = conversation.events.find((e) => e.event_type === 'system.shutdown')!;
    expect(shutdown.properties).toMatchObject({ livekit_error: 'join_refused', shutdown_reason: expect.stringMatching(/^livekit_join_failed: .*401/) });
    expect(String(shutdown.properties!.shutdown_reason)).not.toMatch(/eyJ/);
    expect(conversation.events.some((e) => e.event_type === 'system.replica_joined')).toBe(false);
    expect(await participantsOf(server, 'refused')).toEqual([]);
  }, 30_000);
});
