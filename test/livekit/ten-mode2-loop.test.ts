// The whole Mode 2 loop offline: `tavus-ten mock --livekit-join` as Tavus, the real LiveKit server,
// livekit_rtc as the agent (on the stand-in of TEN's runtime), `tavus-ten conversation start
// --transport livekit` bringing the emulated avatar into the room, and a user who hears nothing of the
// avatar fed back and sees its mouth move while the agent's text-to-speech plays, and rest after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtensionHost } from '../ten-runtime/host.js';
import { runCli } from '../helpers/cli.js';
import { joinAs, watchVideo } from '../helpers/livekit-room.js';
import { EXTENSION_DIR, pcmFrame } from '../helpers/livekit-rtc.js';
import { livekitTierAvailable, startLivekitServer, type LivekitServer } from '../helpers/livekit-server.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { waitFor } from '../helpers/wait.js';

const ECHO_PERSONA = 'pb87e71797da';
const ROOM = 'mode2';

/** `seconds` of a 440 Hz voice whose loudness swings twice a second, at 24 kHz, as TTS pcm_frames of 20 ms. */
function speech(seconds: number): Int16Array[] {
  const frames: Int16Array[] = [];
  for (let start = 0; start < seconds * 24000; start += 480) {
    const frame = new Int16Array(480);
    for (let i = 0; i < 480; i++) {
      const t = (start + i) / 24000;
      frame[i] = Math.round(0.12 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 2 * t)) * 32767 * Math.sin(2 * Math.PI * 440 * t));
    }
    frames.push(frame);
  }
  return frames;
}

describe.runIf(livekitTierAvailable())('Mode 2, offline: livekit_rtc + mock --livekit-join + the real LiveKit server', () => {
  let server: LivekitServer;
  let mock: RunningMock;

  beforeAll(async () => {
    server = await startLivekitServer();
    await import(`${EXTENSION_DIR}/src/index.ts`);
    mock = await startMock(['--livekit-join'], { LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret });
  }, 30_000);
  afterAll(async () => {
    await mock?.stop();
    await server?.stop();
  });

  it("the user sees the avatar's mouth move with the agent's speech and rest after it; the avatar's audio never reaches the graph", async () => {
    const agent = await ExtensionHost.create({
      addon: 'livekit_rtc',
      propertyFile: `${EXTENSION_DIR}/property.json`,
      property: { room_url: server.url, api_key: server.apiKey, api_secret: server.apiSecret, room_name: ROOM },
    });
    await agent.start();
    const user = await joinAs(server, ROOM, 'user-1');
    const video = await watchVideo(user, 'tavus-avatar-agent');
    try {
      const env = { TAVUS_API_BASE_URL: mock.baseUrl, TAVUS_API_KEY: mock.apiKey, LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret };
      const started = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', ROOM, '--persona', ECHO_PERSONA, '--json'], { env, timeoutMs: 45_000 });
      expect(started.exitCode, started.stderr).toBe(0);
      const conversation = JSON.parse(started.stdout);
      expect(conversation.verification).toMatchObject({ avatar: 'joined', agent_identity: 'ten-agent', agent_in_room: true });
      await video.firstFrameAt;
      await waitFor(() => agent.cmds.some((cmd) => cmd.getName() === 'on_user_joined' && cmd.getPropertyString('user_id')[0] === 'user-1'), 'on_user_joined for the user');

      // The agent speaks for 4 s: TTS frames sent at once, as a fast TTS does; livekit_rtc paces them.
      const from = video.frames.length;
      for (const frame of speech(4)) await agent.sendAudioFrame(pcmFrame(frame, 24000));
      await waitFor(() => video.frames.length >= from + 60, '60 video frames while the agent speaks', 20_000);
      const speaking = video.frames.slice(from + 10, from + 60).map((f) => f.mouthLuma);
      expect(Math.min(...speaking)).toBeLessThan(90);
      expect(Math.max(...speaking) - Math.min(...speaking)).toBeGreaterThan(50);

      // After the speech the mouth shuts and stays shut.
      const quietFrom = await waitFor(() => {
        const at = video.frames.findIndex((_, i) => i > from + 60 && video.frames.slice(i, i + 10).length === 10 && video.frames.slice(i, i + 10).every((f) => f.mouthLuma > 140));
        return at >= 0 ? at : undefined;
      }, 'the mouth to rest', 20_000);
      await waitFor(() => video.frames.length >= quietFrom + 20, '20 frames of silence', 10_000);
      expect(Math.min(...video.frames.slice(quietFrom, quietFrom + 20).map((f) => f.mouthLuma))).toBeGreaterThan(140);

      // The avatar mirrors the agent's audio into the room; livekit_rtc never feeds it back to the graph.
      expect(agent.audioFrames.some((frame) => frame.getPropertyString('remote_user_id')[0] === 'tavus-avatar-agent')).toBe(false);
      expect(agent.cmds.some((cmd) => cmd.getPropertyString('user_id')[0] === 'tavus-avatar-agent')).toBe(false);

      const ended = await runCli(['conversation', 'end', conversation.conversation_id], { env });
      expect(ended.exitCode, ended.stderr).toBe(0);
    } finally {
      video.stop();
      await user.disconnect();
      await agent.stop();
    }
  }, 90_000);
});
