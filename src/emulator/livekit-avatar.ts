// The emulated avatar in a real LiveKit room (`mock --livekit-join`): joins with the conversation's
// room token through @livekit/rtc-node (optional, loaded only here), subscribes to the audio of the
// participant it publishes on behalf of, and publishes a face whose mouth follows that audio plus the
// audio itself, as Tavus's echo-mode avatar does. Leaves when told to.
import { drawFace, drawFaceBase, FACE_FPS, FACE_HEIGHT, FACE_WIDTH, mouthOpenness } from './avatar-face.js';

type Rtc = typeof import('@livekit/rtc-node');

/** Thrown when @livekit/rtc-node is not installed; `mock` turns it into exit 2. */
export class LivekitJoinUnavailable extends Error {
  constructor(cause: unknown) {
    super(
      'The emulated avatar joins LiveKit rooms with @livekit/rtc-node, which is not installed. ' +
        'Install it beside tavus-ten: npm install @livekit/rtc-node (globally: npm install -g @livekit/rtc-node).',
      { cause },
    );
    this.name = 'LivekitJoinUnavailable';
  }
}

let loading: Promise<Rtc> | undefined;

/** @livekit/rtc-node, imported once; rejects with LivekitJoinUnavailable when it is missing. */
export function loadRtcNode(): Promise<Rtc> {
  loading ??= (async () => {
    // rtc-node's logger writes debug lines to stdout unless NODE_ENV is production; stdout is the
    // emulator host's data channel (`mock` prints the variables there). The level is read on import.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      return await import('@livekit/rtc-node');
    } catch (error) {
      loading = undefined;
      throw new LivekitJoinUnavailable(error);
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
  })();
  return loading;
}

export interface AvatarJoinInput {
  /** properties.livekit_ws_url */
  url: string;
  /** properties.livekit_room_token (a secret: never put it in an event or an error). */
  token: string;
  /** The identity in the token's `lk.publish_on_behalf` attribute, whose audio the avatar lip-syncs; none: it only shows its face. */
  publishOnBehalf?: string;
  /** The server dropped the avatar (room deleted, removed, connection lost); not called after leave(). */
  onLost?: (reason: string) => void;
  /** Someone else is in the room (`true`: there at the join, or arrived; `false`: left), by identity. */
  onParticipant?: (identity: string, present: boolean) => void;
}

export interface AvatarSession {
  /** The identity the server admitted (the token's). */
  identity: string;
  room: string;
  /** Disconnects and stops publishing; resolves once the server has been told. Safe to call twice. */
  leave(): Promise<void>;
}

/**
 * Connects and starts publishing. Rejects with the server's refusal as an Error whose message has
 * the token removed (LiveKit echoes it back in its 401 text).
 */
export async function joinAsAvatar(input: AvatarJoinInput): Promise<AvatarSession> {
  const rtc = await loadRtcNode();
  const room = new rtc.Room();
  const videoSource = new rtc.VideoSource(FACE_WIDTH, FACE_HEIGHT);
  const audioSource = new rtc.AudioSource(48_000, 1);

  // The loudest the agent got since the last frame: the mouth follows speech, and shuts in silence.
  let peak = 0;
  const readers = new Set<ReadableStreamDefaultReader<InstanceType<Rtc['AudioFrame']>>>();
  // Listening before connecting: the tracks already in the room are subscribed during connect().
  room.on(rtc.RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    if (track.kind !== rtc.TrackKind.KIND_AUDIO || !input.publishOnBehalf || participant.identity !== input.publishOnBehalf) return;
    const reader = new rtc.AudioStream(track, { sampleRate: 48_000, numChannels: 1 }).getReader();
    readers.add(reader);
    void (async () => {
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          peak = Math.max(peak, mouthOpenness(read.value.data));
          await audioSource.captureFrame(read.value);
        }
      } catch {
        // The track went away or we left: nothing more to mirror.
      } finally {
        readers.delete(reader);
      }
    })();
  });

  const base = drawFaceBase();
  let ticker: NodeJS.Timeout | undefined;
  const stop = async () => {
    clearInterval(ticker);
    for (const reader of readers) await reader.cancel().catch(() => undefined);
    await videoSource.close().catch(() => undefined);
    await audioSource.close().catch(() => undefined);
  };

  try {
    await room.connect(input.url, input.token, { autoSubscribe: true, dynacast: false });
  } catch (error) {
    await stop();
    throw new Error(withoutToken(error instanceof Error ? error.message : String(error), input.token));
  }
  const local = room.localParticipant!;
  room.on(rtc.RoomEvent.ParticipantConnected, (participant) => input.onParticipant?.(participant.identity, true));
  room.on(rtc.RoomEvent.ParticipantDisconnected, (participant) => input.onParticipant?.(participant.identity, false));
  for (const participant of room.remoteParticipants.values()) input.onParticipant?.(participant.identity, true);
  await local.publishTrack(
    rtc.LocalVideoTrack.createVideoTrack('tavus-avatar-video', videoSource),
    new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_CAMERA }),
  );
  await local.publishTrack(
    rtc.LocalAudioTrack.createAudioTrack('tavus-avatar-audio', audioSource),
    new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_MICROPHONE }),
  );
  ticker = setInterval(() => {
    const frame = drawFace(base, peak);
    peak = 0;
    videoSource.captureFrame(new rtc.VideoFrame(frame, FACE_WIDTH, FACE_HEIGHT, rtc.VideoBufferType.RGBA), BigInt(Math.round(performance.now() * 1000)));
  }, 1000 / FACE_FPS);

  let leaving: Promise<void> | undefined;
  room.on(rtc.RoomEvent.Disconnected, (reason) => {
    if (leaving) return;
    leaving = stop();
    input.onLost?.(rtc.DisconnectReason[reason] ?? String(reason));
  });

  return {
    identity: local.identity,
    room: room.name ?? '',
    leave() {
      leaving ??= (async () => {
        await stop();
        await room.disconnect();
      })();
      return leaving;
    },
  };
}

/** LiveKit's refusal quotes the token; the reason is recorded in events and printed, the token must not be. */
export function withoutToken(message: string, token: string): string {
  const scrubbed = token ? message.split(token).join('<token>') : message;
  return scrubbed.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>');
}
