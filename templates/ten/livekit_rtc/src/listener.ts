// Room → graph: each remote participant's audio track (never the avatar's) read as mono 16-bit PCM at
// the graph's rate, in 10 ms frames (rtc-node's AudioStream resamples), and sent on as TEN `pcm_frame`
// audio frames carrying the fields TEN's extensions read: `stream_id` (integer) and `remote_user_id`.
import type { AudioFrame as RoomAudioFrame, RemoteTrack } from "@livekit/rtc-node";
import { AudioStream } from "@livekit/rtc-node";
import { AudioFrame, AudioFrameDataFmt, type TenEnv } from "ten-runtime-nodejs";
import { streamIdOf } from "./ids.js";

const FRAME_MS = 10;

export class Listener {
  private readonly readers = new Map<string, ReadableStreamDefaultReader<RoomAudioFrame>>();

  constructor(
    private readonly tenEnv: TenEnv,
    private readonly sampleRate: number,
  ) {}

  /** Starts forwarding one subscribed audio track of `identity`; ends when the track or the room goes. */
  listen(track: RemoteTrack, identity: string): void {
    const key = `${identity}/${track.sid ?? ""}`;
    if (this.readers.has(key)) return;
    const stream = new AudioStream(track, { sampleRate: this.sampleRate, numChannels: 1, frameSizeMs: FRAME_MS });
    const reader = stream.getReader();
    this.readers.set(key, reader);
    const streamId = streamIdOf(identity);
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          await this.tenEnv.sendAudioFrame(toPcmFrame(value, streamId, identity));
        }
      } catch (error) {
        this.tenEnv.logWarn(`livekit_rtc: audio from ${identity} stopped: ${(error as Error).message}`);
      } finally {
        this.readers.delete(key);
      }
    })();
  }

  /** Stops forwarding `identity`'s tracks (all tracks when identity is undefined). */
  stop(identity?: string): void {
    for (const [key, reader] of this.readers) {
      if (identity === undefined || key.startsWith(`${identity}/`)) {
        this.readers.delete(key);
        void reader.cancel().catch(() => undefined);
      }
    }
  }
}

/** One room frame as a TEN `pcm_frame` (interleaved 16-bit). */
export function toPcmFrame(frame: RoomAudioFrame, streamId: number, identity: string): AudioFrame {
  const out = AudioFrame.Create("pcm_frame");
  const bytes = new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  out.allocBuf(bytes.byteLength);
  const buf = out.lockBuf();
  new Uint8Array(buf).set(bytes);
  out.unlockBuf(buf);
  out.setSampleRate(frame.sampleRate);
  out.setNumberOfChannels(frame.channels);
  out.setBytesPerSample(2);
  out.setSamplesPerChannel(frame.samplesPerChannel);
  out.setDataFmt(AudioFrameDataFmt.INTERLEAVE);
  out.setLineSize(bytes.byteLength);
  out.setTimestamp(Date.now());
  // From JSON so TEN stores an integer (setPropertyNumber would store a float64, and Python's
  // get_property_int("stream_id") would refuse it).
  out.setPropertyFromJson("stream_id", String(streamId));
  out.setPropertyString("remote_user_id", identity);
  return out;
}
