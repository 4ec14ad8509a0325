// Test participants in a real LiveKit room (@livekit/rtc-node): a "user" who watches the avatar and an
// "agent" who speaks a tone, for the livekit tier. Tokens come from livekit-server-sdk.
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import type { LivekitServer } from './livekit-server.js';
import { rms } from './audio.js';

import type { Track } from '@livekit/rtc-node';

type Rtc = typeof import('@livekit/rtc-node');
type RtcRoom = InstanceType<Rtc['Room']>;

export async function rtc(): Promise<Rtc> {
  return import('@livekit/rtc-node');
}

/** A join token for `identity` in `room`, signed with the server's key pair. */
export async function joinToken(server: Pick<LivekitServer, 'apiKey' | 'apiSecret'>, room: string, identity: string): Promise<string> {
  const token = new AccessToken(server.apiKey, server.apiSecret, { identity, ttl: 600 });
  token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
  return token.toJwt();
}

/** Connects `identity` to `room` (auto-subscribing); disconnect with room.disconnect(). */
export async function joinAs(server: LivekitServer, room: string, identity: string): Promise<RtcRoom> {
  const { Room } = await rtc();
  const joined = new Room();
  await joined.connect(server.url, await joinToken(server, room, identity), { autoSubscribe: true, dynacast: false });
  return joined;
}

/** Who the server says is in the room ([] when the room does not exist). */
export async function participantsOf(server: LivekitServer, room: string): Promise<string[]> {
  const service = new RoomServiceClient(server.httpUrl, server.apiKey, server.apiSecret);
  try {
    return (await service.listParticipants(room)).map((p) => p.identity);
  } catch {
    return [];
  }
}

/**
 * Publishes a microphone track that speaks a 440 Hz tone whose loudness swings twice a second (so a
 * lip-syncing mouth opens and closes) while `speaking` is true, and silence otherwise. 10 ms frames,
 * paced by a 100 ms source queue.
 */
export async function speakTone(room: RtcRoom): Promise<{ setSpeaking: (on: boolean) => void; stop: () => Promise<void> }> {
  const { AudioFrame, AudioSource, LocalAudioTrack, TrackPublishOptions, TrackSource } = await rtc();
  const source = new AudioSource(48_000, 1, 100);
  await room.localParticipant!.publishTrack(
    LocalAudioTrack.createAudioTrack('agent-voice', source),
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );
  let speaking = false;
  let running = true;
  let sample = 0;
  const loop = (async () => {
    while (running) {
      const data = new Int16Array(480);
      if (speaking) {
        for (let i = 0; i < data.length; i++, sample++) {
          const t = sample / 48_000;
          const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 2 * t);
          data[i] = Math.round(0.12 * envelope * 32767 * Math.sin(2 * Math.PI * 440 * t));
        }
      }
      await source.captureFrame(new AudioFrame(data, 48_000, 1, 480));
    }
  })();
  return {
    setSpeaking: (on) => {
      speaking = on;
    },
    stop: async () => {
      running = false;
      await loop.catch(() => undefined);
      await source.close();
    },
  };
}

export interface FrameSample {
  /** ms since the watcher started. */
  at: number;
  /** Mean luma (0–255) of a box inside the avatar's open mouth: high when shut (skin), low when open. */
  mouthLuma: number;
}

/**
 * Watches the first video track `identity` publishes in `room`, sampling the mouth region of every
 * frame. `firstFrameAt` resolves (ms since epoch) with the first frame.
 */
export async function watchVideo(room: RtcRoom, identity: string): Promise<{ frames: FrameSample[]; firstFrameAt: Promise<number>; stop: () => void }> {
  const { RoomEvent, TrackKind, VideoBufferType, VideoStream } = await rtc();
  const frames: FrameSample[] = [];
  const started = Date.now();
  let stopped = false;
  let reader: ReadableStreamDefaultReader<{ frame: InstanceType<Rtc['VideoFrame']> }> | undefined;
  let resolveFirst!: (at: number) => void;
  const firstFrameAt = new Promise<number>((resolve) => (resolveFirst = resolve));
  const watch = (track: Track) => {
    if (reader || stopped) return;
    reader = new VideoStream(track).getReader();
    void (async () => {
      for (let read = await reader!.read(); !read.done && !stopped; read = await reader!.read()) {
        if (frames.length === 0) resolveFirst(Date.now());
        const i420 = read.value.frame.convert(VideoBufferType.I420);
        const luma = i420.getPlane(0) as Uint8Array;
        // Scaled to whatever size arrived; the box is inside the mouth when open, on skin when shut (src/emulator/avatar-face.ts).
        const sx = i420.width / 320;
        const sy = i420.height / 240;
        let sum = 0;
        let count = 0;
        for (let y = Math.round(182 * sy); y < Math.round(196 * sy); y++) {
          for (let x = Math.round(145 * sx); x < Math.round(175 * sx); x++, count++) sum += luma[y * i420.width + x]!;
        }
        frames.push({ at: Date.now() - started, mouthLuma: sum / count });
      }
    })().catch(() => undefined);
  };
  for (const participant of room.remoteParticipants.values()) {
    if (participant.identity !== identity) continue;
    for (const publication of participant.trackPublications.values()) if (publication.track?.kind === TrackKind.KIND_VIDEO) watch(publication.track);
  }
  room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    if (participant.identity === identity && track.kind === TrackKind.KIND_VIDEO) watch(track);
  });
  return {
    frames,
    firstFrameAt,
    stop: () => {
      stopped = true;
      void reader?.cancel().catch(() => undefined);
    },
  };
}

/** The RMS level (0–1 of full scale) of each 10 ms frame of the first audio track `identity` publishes in `room`. */
export async function listenAudio(room: RtcRoom, identity: string): Promise<{ levels: number[]; stop: () => void }> {
  const { AudioStream, RoomEvent, TrackKind } = await rtc();
  const levels: number[] = [];
  let reader: ReadableStreamDefaultReader<InstanceType<Rtc['AudioFrame']>> | undefined;
  let stopped = false;
  const listen = (track: Track) => {
    if (reader || stopped) return;
    reader = new AudioStream(track, { sampleRate: 48_000, numChannels: 1 }).getReader();
    void (async () => {
      for (let read = await reader!.read(); !read.done && !stopped; read = await reader!.read()) {
        levels.push(rms(read.value.data));
      }
    })().catch(() => undefined);
  };
  for (const participant of room.remoteParticipants.values()) {
    if (participant.identity !== identity) continue;
    for (const publication of participant.trackPublications.values()) if (publication.track?.kind === TrackKind.KIND_AUDIO) listen(publication.track);
  }
  room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    if (participant.identity === identity && track.kind === TrackKind.KIND_AUDIO) listen(track);
  });
  return {
    levels,
    stop: () => {
      stopped = true;
      void reader?.cancel().catch(() => undefined);
    },
  };
}
