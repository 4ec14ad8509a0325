// The emulated avatar in a real LiveKit room: time from `conversation start --transport livekit` (against
// `tavus-ten mock --livekit-join`) to the avatar's first video frame at a user in the room (median of 10),
// and the CPU the avatar costs per minute while it lip-syncs a speaking agent (the mock process's CPU time
// over 20 s with one avatar, minus the same process idle). Needs the LiveKit server
// (scripts/install-livekit-server.sh, or LIVEKIT_SERVER_BIN) and the dev dependency @livekit/rtc-node.
import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessToken } from 'livekit-server-sdk';
import { median, report, timeCommand, node } from './harness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/tavus-ten.js');
const RUNS = 10;
const CPU_WINDOW_MS = 20_000;

function serverBinary() {
  if (process.env.LIVEKIT_SERVER_BIN) return existsSync(process.env.LIVEKIT_SERVER_BIN) ? process.env.LIVEKIT_SERVER_BIN : undefined;
  try {
    return execFileSync('bash', [join(root, 'scripts/install-livekit-server.sh'), '--check'], { encoding: 'utf8' }).trim().split('\n').pop();
  } catch {
    return undefined;
  }
}

const freePort = (udp) =>
  new Promise((resolve, reject) => {
    if (udp) {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
      return;
    }
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** CPU seconds (user + system) the process has used so far, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

const binary = serverBinary();
if (!binary) {
  report('livekit avatar', 'skipped: the LiveKit server is not built (scripts/install-livekit-server.sh)', '—');
  process.exit(0);
}

const apiKey = 'APIbench';
const apiSecret = 'bench-livekit-secret-0123456789abcdefgh';
const [port, tcpPort, udpPort] = [await freePort(), await freePort(), await freePort(true)];
const config = `port: ${port}\nbind_addresses: ["127.0.0.1"]\nrtc:\n  tcp_port: ${tcpPort}\n  udp_port: ${udpPort}\n  use_external_ip: false\n  node_ip: 127.0.0.1\nkeys:\n  ${apiKey}: ${apiSecret}\nlogging:\n  level: error\n`;
const livekit = spawn(binary, ['--config-body', config], { stdio: 'ignore' });
const mock = spawn(node, [bin, 'mock', '--livekit-join'], { stdio: ['ignore', 'pipe', 'ignore'] });
process.env.NODE_ENV ??= 'production'; // rtc-node logs debug lines to stdout otherwise (read on import)
const rtc = await import('@livekit/rtc-node');
const rooms = [];
try {
  const wsUrl = `ws://127.0.0.1:${port}`;
  for (let ready = false; !ready; ) ready = await fetch(`http://127.0.0.1:${port}`).then((r) => r.ok, () => new Promise((r) => setTimeout(() => r(false), 100)));
  let printed = '';
  mock.stdout.on('data', (chunk) => (printed += chunk));
  while (!/TAVUS_API_KEY=\S+\n/.test(printed)) await new Promise((r) => setTimeout(r, 50));
  const [, baseUrl, tavusKey] = /TAVUS_API_BASE_URL=(\S+)\nexport TAVUS_API_KEY=(\S+)\n/.exec(printed);
  const dir = mkdtempSync(join(tmpdir(), 'tt-bench-lk-'));
  const env = { ...process.env, CI: 'true', TAVUS_API_BASE_URL: baseUrl, TAVUS_API_KEY: tavusKey, TAVUS_TEN_CONFIG_DIR: dir, LIVEKIT_URL: wsUrl, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret };

  const joinRoom = async (room, identity) => {
    const token = new AccessToken(apiKey, apiSecret, { identity });
    token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
    const joined = new rtc.Room();
    await joined.connect(wsUrl, await token.toJwt(), { autoSubscribe: true, dynacast: false });
    rooms.push(joined);
    return joined;
  };
  /** Resolves with the time the user's first frame of the avatar's video arrived. */
  const firstFrame = (room) =>
    new Promise((resolve) =>
      room.on(rtc.RoomEvent.TrackSubscribed, async (track, _publication, participant) => {
        if (participant.identity !== 'tavus-avatar-agent' || track.kind !== rtc.TrackKind.KIND_VIDEO) return;
        const reader = new rtc.VideoStream(track).getReader();
        await reader.read();
        resolve(performance.now());
        void reader.cancel();
      }),
    );

  // Start → first frame, RUNS times (after one warm-up), each in its own room with a user waiting.
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const user = await joinRoom(`bench-${i}`, 'user');
    const frame = firstFrame(user);
    const started = performance.now();
    await timeCommand([node, bin, 'conversation', 'start', '--transport', 'livekit', '--room', `bench-${i}`, '--persona', 'pb87e71797da', '-q'], { env, cwd: dir });
    const at = await frame;
    if (i > 0) times.push(at - started);
    await timeCommand([node, bin, 'conversation', 'end', '--all-active', '--yes'], { env, cwd: dir });
    await user.disconnect();
  }

  // CPU: the mock process idle, then with one avatar lip-syncing an agent that speaks a tone.
  const measure = async () => {
    const before = cpuSeconds(mock.pid);
    await new Promise((r) => setTimeout(r, CPU_WINDOW_MS));
    return ((cpuSeconds(mock.pid) - before) * 60_000) / CPU_WINDOW_MS;
  };
  const idle = await measure();
  const agent = await joinRoom('bench-cpu', 'ten-agent');
  const source = new rtc.AudioSource(48_000, 1, 100);
  await agent.localParticipant.publishTrack(rtc.LocalAudioTrack.createAudioTrack('voice', source), new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_MICROPHONE }));
  let speaking = true;
  let sample = 0;
  const voice = (async () => {
    while (speaking) {
      const data = new Int16Array(480);
      for (let i = 0; i < 480; i++, sample++) data[i] = Math.round(0.1 * 32767 * (0.5 + 0.5 * Math.sin((2 * Math.PI * 2 * sample) / 48_000)) * Math.sin((2 * Math.PI * 440 * sample) / 48_000));
      await source.captureFrame(new rtc.AudioFrame(data, 48_000, 1, 480));
    }
  })();
  await timeCommand([node, bin, 'conversation', 'start', '--transport', 'livekit', '--room', 'bench-cpu', '--persona', 'pb87e71797da', '-q'], { env, cwd: dir });
  const busy = await measure();
  speaking = false;
  await voice;

  const ms = median(times);
  report('LiveKit avatar, start → first video frame at the user', `${(ms / 1000).toFixed(2)} s`, '—', `median of ${RUNS} (min ${(Math.min(...times) / 1000).toFixed(2)} s, max ${(Math.max(...times) / 1000).toFixed(2)} s), mock --livekit-join and livekit-server on 127.0.0.1`);
  report('LiveKit avatar, CPU', `${(busy - idle).toFixed(1)} CPU-s per minute (${(((busy - idle) / 60) * 100).toFixed(0)}% of one core)`, '—', `320×240 at 15 fps lip-syncing a speaking agent; the mock process idle uses ${idle.toFixed(1)} CPU-s per minute`);
} finally {
  for (const room of rooms) await room.disconnect().catch(() => undefined);
  mock.kill('SIGINT');
  livekit.kill('SIGTERM');
  await rtc.dispose();
}
