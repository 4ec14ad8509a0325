// Graph → room: text-to-speech `pcm_frame`s played into this extension's own LiveKit audio track.
// Frames arrive faster than real time; they wait in order in a queue and go to rtc-node's AudioSource,
// which plays them out in real time (its capture waits while its buffer is full, so nothing piles up
// and nothing is skipped). Frames at another rate are resampled by rtc-node's AudioResampler. flush()
// drops everything queued, in JavaScript and in the AudioSource, when the user interrupts.
import { AudioFrame as RoomAudioFrame, AudioResampler, AudioSource, LocalAudioTrack, type LocalParticipant, TrackPublishOptions, TrackSource } from "@livekit/rtc-node";

/** What the AudioSource may hold ahead of playout, in ms: bounds both the pile-up and what a flush must drop. */
const SOURCE_QUEUE_MS = 200;

/** Audio handed to the AudioSource per capture, at most (ms). */
const CHUNK_MS = 60;

/** The first capture of an utterance carries up to this much (ms): a cushion while the next captures' round trips run. */
const PREROLL_MS = 150;

export interface Pcm {
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
  sampleRate: number;
  channels: number;
}

export class Speaker {
  private readonly source: AudioSource;
  private track: LocalAudioTrack | undefined;
  private queue: Pcm[] = [];
  private resampler: AudioResampler | undefined;
  /** Bumped by flush: work started before it is dropped. */
  private generation = 0;
  private pumping = false;
  private closed = false;
  /** Within an utterance (the pump has not run dry since its first capture). */
  private speaking = false;

  constructor(
    private readonly outputRate: number,
    private readonly onError: (message: string) => void,
  ) {
    this.source = new AudioSource(outputRate, 1, SOURCE_QUEUE_MS);
  }

  /** Publishes the track (source microphone, as a person's voice, which Tavus's avatar listens to). */
  async publish(participant: LocalParticipant, name: string): Promise<void> {
    this.track = LocalAudioTrack.createAudioTrack(name, this.source);
    await participant.publishTrack(this.track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
  }

  push(pcm: Pcm): void {
    if (this.closed || pcm.samples.length === 0) return;
    this.queue.push(pcm);
    if (!this.pumping) {
      // Started on the next turn, so frames arriving together are queued (and resampled) together.
      this.pumping = true;
      setImmediate(() => void this.pump());
    }
  }

  /** Drops queued speech now; speech pushed afterwards plays normally. */
  flush(): void {
    this.generation++;
    this.queue = [];
    this.resampler?.close();
    this.resampler = undefined;
    this.source.clearQueue();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    await this.track?.close().catch(() => undefined);
    await this.source.close();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const generation = this.generation;
        // Up to CHUNK_MS per capture: each capture is a round trip to rtc-node's native side, which on a
        // busy machine takes longer than one 10-20 ms TTS frame lasts, and the track would run dry.
        const parts: RoomAudioFrame[] = [];
        let samples = 0;
        const target = ((this.speaking ? CHUNK_MS : PREROLL_MS) * this.outputRate) / 1000;
        while (this.queue.length > 0 && samples < target) {
          for (const frame of this.convert(this.queue.shift()!)) {
            parts.push(frame);
            samples += frame.samplesPerChannel;
          }
        }
        if (this.queue.length === 0 && this.resampler) {
          // Speech paused: the resampler's tail plays now rather than at the next utterance.
          for (const frame of this.resampler.flush()) if (frame.samplesPerChannel > 0) parts.push(frame);
          this.resampler.close();
          this.resampler = undefined;
        }
        const chunk = join(parts, this.outputRate);
        if (chunk.samplesPerChannel === 0) continue;
        this.speaking = true;
        await this.source.captureFrame(chunk);
        // A flush while this capture waited for room: drop what it added too.
        if (generation !== this.generation) this.source.clearQueue();
      }
    } catch (error) {
      if (!this.closed) this.onError(`livekit_rtc: could not play text-to-speech audio: ${(error as Error).message}`);
    } finally {
      this.pumping = false;
      this.speaking = false;
    }
  }

  /** Mono at the output rate. */
  private convert(pcm: Pcm): RoomAudioFrame[] {
    const mono = pcm.channels === 1 ? pcm.samples : downmix(pcm.samples, pcm.channels);
    const frame = new RoomAudioFrame(mono, pcm.sampleRate, 1, mono.length);
    if (pcm.sampleRate === this.outputRate) return [frame];
    if (!this.resampler || this.resampler.inputRate !== pcm.sampleRate) {
      this.resampler?.close();
      this.resampler = new AudioResampler(pcm.sampleRate, this.outputRate, 1);
    }
    return this.resampler.push(frame).filter((out) => out.samplesPerChannel > 0);
  }
}

/** One frame of the parts, in order. */
function join(parts: RoomAudioFrame[], sampleRate: number): RoomAudioFrame {
  if (parts.length === 1) return parts[0]!;
  // (Also the empty case: a frame of no samples, which the caller skips.)
  const samples = new Int16Array(parts.reduce((total, part) => total + part.samplesPerChannel, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part.data.subarray(0, part.samplesPerChannel), at);
    at += part.samplesPerChannel;
  }
  return new RoomAudioFrame(samples, sampleRate, 1, samples.length);
}

function downmix(samples: Int16Array, channels: number): Int16Array {
  const mono = new Int16Array(Math.floor(samples.length / channels));
  for (let i = 0; i < mono.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += samples[i * channels + c]!;
    mono[i] = Math.round(sum / channels);
  }
  return mono;
}
