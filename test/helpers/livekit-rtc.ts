// Shared by the livekit_rtc tests and the bench: where the extension's source is, and TEN pcm_frames
// built the way a text-to-speech extension sends them.
import { fileURLToPath } from 'node:url';
import { AudioFrame, AudioFrameDataFmt } from '../ten-runtime/index.js';

/** templates/ten/livekit_rtc: what `ten init --mode livekit` copies into the app. */
export const EXTENSION_DIR = fileURLToPath(new URL('../../templates/ten/livekit_rtc', import.meta.url));

/** A mono 16-bit `pcm_frame` at `sampleRate`. */
export function pcmFrame(samples: Int16Array, sampleRate: number): AudioFrame {
  const frame = AudioFrame.Create('pcm_frame');
  frame.allocBuf(samples.byteLength);
  const buf = frame.lockBuf();
  new Int16Array(buf).set(samples);
  frame.unlockBuf(buf);
  frame.setSampleRate(sampleRate);
  frame.setNumberOfChannels(1);
  frame.setBytesPerSample(2);
  frame.setSamplesPerChannel(samples.length);
  frame.setDataFmt(AudioFrameDataFmt.INTERLEAVE);
  return frame;
}
