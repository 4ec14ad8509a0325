// Test signals and their measurement: tones and sweeps as 16-bit PCM, frequency by zero crossings,
// loudness by RMS. Pure functions; the livekit_rtc tests and the bench use them.

/** `count` samples of a sine at `hz`, starting at sample `offset` (so consecutive chunks join up). */
export function tone(hz: number, sampleRate: number, count: number, offset = 0, amplitude = 0.5): Int16Array {
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * (offset + i)) / sampleRate));
  return out;
}

/** A linear sweep from `fromHz` to `toHz` over `seconds`, as one buffer. */
export function sweep(fromHz: number, toHz: number, sampleRate: number, seconds: number, amplitude = 0.5): Int16Array {
  const count = Math.round(sampleRate * seconds);
  const out = new Int16Array(count);
  const k = (toHz - fromHz) / seconds;
  for (let i = 0; i < count; i++) {
    const t = i / sampleRate;
    out[i] = Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * (fromHz * t + (k * t * t) / 2)));
  }
  return out;
}

/** Frequency in Hz from the rising zero crossings (linear interpolation between samples). */
export function zeroCrossingHz(samples: Int16Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a < 0 && b >= 0) crossings.push(i - 1 + -a / (b - a));
  }
  if (crossings.length < 2) return 0;
  return ((crossings.length - 1) * sampleRate) / (crossings[crossings.length - 1]! - crossings[0]!);
}

/** Root mean square, as a fraction of full scale (0..1). */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length) / 32768;
}

/** Joins chunks into one buffer. */
export function concat(chunks: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
