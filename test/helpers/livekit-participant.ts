// A test participant in a real LiveKit room (rtc-node): joins with a token from livekit-server-sdk,
// can publish a tone as its microphone, and records what it hears from one other participant, each
// 10 ms frame stamped with its arrival time.
import { AudioFrame, AudioSource, AudioStream, LocalAudioTrack, Room, RoomEvent, TrackKind, TrackPublishOptions, TrackSource, type RemoteTrack } from '@livekit/rtc-node';
import type { LivekitServer } from './livekit-server.js';
import { tone } from './audio.js';
import { joinToken } from './livekit-room.js';

export interface HeardFrame {
  samples: Int16Array;
  /** performance.now() when it arrived. */
  at: number;
}

export interface Participant {
  room: Room;
  identity: string;
  /** Frames heard from `listenTo`, in arrival order. */
  heard: HeardFrame[];
  /** Publishes a continuous tone until leave(). */
  publishTone(hz: number, sampleRate?: number): Promise<void>;
  leave(): Promise<void>;
}

/** Joins `room`; with `listenTo`, records that participant's audio at `listenRate` Hz mono. */
export async function joinParticipant(server: LivekitServer, roomName: string, identity: string, options: { listenTo?: string; listenRate?: number } = {}): Promise<Participant> {
  const room = new Room();
  const heard: HeardFrame[] = [];
  let stopped = false;
  const readers: ReadableStreamDefaultReader[] = [];
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant) => {
    if (track.kind !== TrackKind.KIND_AUDIO || participant.identity !== options.listenTo) return;
    const reader = new AudioStream(track, { sampleRate: options.listenRate ?? 48000, numChannels: 1, frameSizeMs: 10 }).getReader();
    readers.push(reader);
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done || stopped) break;
        heard.push({ samples: new Int16Array(value.data), at: performance.now() });
      }
    })();
  });
  await room.connect(server.url, await joinToken(server, roomName, identity), { autoSubscribe: true, dynacast: false });
  let source: AudioSource | undefined;
  let track: LocalAudioTrack | undefined;
  return {
    room,
    identity,
    heard,
    async publishTone(hz, sampleRate = 48000) {
      source = new AudioSource(sampleRate, 1);
      track = LocalAudioTrack.createAudioTrack('mic', source);
      await room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
      const chunk = sampleRate / 100;
      void (async () => {
        // captureFrame waits while the source's buffer is full, which paces this loop in real time.
        for (let offset = 0; !stopped; offset += chunk) {
          await source!.captureFrame(new AudioFrame(tone(hz, sampleRate, chunk, offset), sampleRate, 1, chunk)).catch(() => undefined);
        }
      })();
    },
    async leave() {
      stopped = true;
      for (const reader of readers) await reader.cancel().catch(() => undefined);
      await track?.close().catch(() => undefined);
      await source?.close().catch(() => undefined);
      await room.disconnect();
    },
  };
}
