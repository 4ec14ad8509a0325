// Measured by bench/livekit-rtc.mjs. Added latency of the bridge each way, as the difference between two
// listeners of the same tone bursts on the same clock:
// - room → graph: a participant publishes 50 ms bursts every 500 ms; a second participant listens
//   directly (the baseline: LiveKit's own path) while livekit_rtc forwards them to the stand-in graph.
//   Added = burst onset at the graph − onset at the direct listener.
// - graph → room: the stand-in graph sends the same bursts (24 kHz pcm_frames, paced in real time) to
//   livekit_rtc, and a participant publishes them at the same moments (48 kHz); a listener hears both.
//   Added = onset via livekit_rtc − onset via the participant (resampling, queueing, the extension).
// CPU per room: this process's CPU over 10 s with the extension bridging both ways, minus the same
// 10 s with only the participants, as a share of one core.
import { AudioFrame as RoomFrame, AudioSource, AudioStream, LocalAudioTrack, TrackKind, TrackPublishOptions, TrackSource, RoomEvent, dispose, type RemoteTrack } from '@livekit/rtc-node';
import { ExtensionHost } from '../test/ten-runtime/host.js';
import { rms, tone } from '../test/helpers/audio.js';
import { joinParticipant } from '../test/helpers/livekit-participant.js';
import { EXTENSION_DIR, pcmFrame } from '../test/helpers/livekit-rtc.js';
import { livekitServerBinary, startLivekitServer } from '../test/helpers/livekit-server.js';

const SECONDS = Number(process.env.BENCH_LIVEKIT_SECONDS ?? 30);
const PERIOD_MS = 500;
const BURST_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!livekitServerBinary()) {
  console.log('livekit_rtc: skipped (goal —) — the LiveKit server is not built: run scripts/install-livekit-server.sh');
  process.exit(0);
}
await import(`${EXTENSION_DIR}/src/index.ts`).catch(() => import('../templates/ten/livekit_rtc/src/index.js'));

const server = await startLivekitServer();
const room = 'bench';
const host = await ExtensionHost.create({
  addon: 'livekit_rtc',
  propertyFile: `${EXTENSION_DIR}/property.json`,
  property: { room_url: server.url, api_key: server.apiKey, api_secret: server.apiSecret, room_name: room },
});
await host.start();

/** Onsets (performance.now()) of bursts in a stream of 10 ms frames. */
function onsetTracker(): { push: (samples: Int16Array, at: number) => void; onsets: number[] } {
  const onsets: number[] = [];
  let quiet = 0;
  return {
    onsets,
    push(samples, at) {
      if (rms(samples) > 0.05) {
        if (quiet >= 10) onsets.push(at);
        quiet = 0;
      } else quiet++;
    },
  };
}

// A listener hearing everyone, one onset tracker per identity.
const heard = new Map<string, ReturnType<typeof onsetTracker>>();
const listener = await joinParticipant(server, room, 'listener');
listener.room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, participant) => {
  if (track.kind !== TrackKind.KIND_AUDIO) return;
  const tracker = onsetTracker();
  heard.set(participant.identity, tracker);
  void (async () => {
    for await (const frame of new AudioStream(track, { sampleRate: 48000, numChannels: 1, frameSizeMs: 10 }) as unknown as AsyncIterable<RoomFrame>) tracker.push(frame.data, performance.now());
  })();
});

// The speaker: publishes bursts (its source holds little, so capture time ≈ send time).
const speaker = await joinParticipant(server, room, 'speaker');
const source = new AudioSource(48000, 1, 50);
await speaker.room.localParticipant!.publishTrack(LocalAudioTrack.createAudioTrack('mic', source), new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
const graphOnsets = onsetTracker();
host.on('audio_frame', (frame) => graphOnsets.push(new Int16Array(frame.getBuf()), performance.now()));

/** Every 10 ms for `seconds`: a burst frame or silence to the speaker (48 kHz) and, with `viaAgent`, to livekit_rtc (24 kHz). */
async function play(seconds: number, viaAgent: boolean, bursts: boolean): Promise<void> {
  const start = performance.now();
  for (let k = 0; k < seconds * 100; k++) {
    const wait = start + k * 10 - performance.now();
    if (wait > 0) await sleep(wait);
    const loud = bursts && (k * 10) % PERIOD_MS < BURST_MS;
    const high = loud ? tone(1000, 48000, 480, k * 480) : new Int16Array(480);
    await source.captureFrame(new RoomFrame(high, 48000, 1, 480)).catch(() => undefined);
    if (viaAgent) await host.sendAudioFrame(pcmFrame(loud ? tone(1000, 24000, 240, k * 240) : new Int16Array(240), 24000));
  }
}

function pairUp(reference: number[], measured: number[]): number[] {
  // Each reference onset with the first measured onset within 400 ms after it.
  return reference.map((at) => measured.find((m) => m >= at - 5 && m < at + 400)).flatMap((m, i) => (m === undefined ? [] : [m - reference[i]!]));
}
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

await sleep(3000);
// CPU: participants only, then with the extension bridging both ways.
const cpu = async (seconds: number, viaAgent: boolean) => {
  const before = process.cpuUsage();
  await play(seconds, viaAgent, true);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6 / seconds;
};
const idle = await cpu(10, false);
const active = await cpu(10, true);

for (const tracker of [...heard.values(), graphOnsets]) tracker.onsets.length = 0;
await play(SECONDS, true, true);
await sleep(1000);

const direct = heard.get('speaker')?.onsets ?? [];
const viaAgent = heard.get('ten-agent')?.onsets ?? [];
const inbound = pairUp(direct, graphOnsets.onsets);
const outbound = pairUp(direct, viaAgent);
const fmt = (values: number[]) => `median ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms`;
console.log(`livekit_rtc added latency, room → graph: ${fmt(inbound)} (goal < 20 ms) — ${inbound.length} of ${direct.length} bursts over ${SECONDS} s, against a participant listening directly`);
console.log(`livekit_rtc added latency, graph → room: ${fmt(outbound)} (goal < 20 ms) — ${outbound.length} of ${direct.length} bursts over ${SECONDS} s, against a participant publishing the same bursts`);
console.log(`livekit_rtc CPU per active room: ${((active - idle) * 100).toFixed(1)}% of one core (goal < 5%) — both directions streaming, 10 s, this process with the extension minus without`);

await host.stop();
await listener.leave();
await speaker.leave();
await server.stop();
await dispose();
