// The emulator's clock: real time, optionally sped up (`mock --time-scale N`), plus whatever tests
// advanced it by, so timeouts of minutes or hours can be driven without sleeping.

export interface EmulatorClock {
  /** Emulated time in ms since the epoch. */
  now(): number;
  /** How many emulated seconds pass per real second (1 = real time). */
  readonly timeScale: number;
  /** Jumps emulated time forward by `seconds` (>= 0, may be fractional). Throws RangeError otherwise. */
  advance(seconds: number): void;
  /** Real ms until emulated time reaches `atMs` (0 when already there). */
  realMsUntil(atMs: number): number;
}

export interface ClockOptions {
  /** Where real time comes from, in ms; default Date.now. */
  source?: () => number;
  /** Default 1. Must be a finite number > 0. */
  timeScale?: number;
}

export function createClock(options: ClockOptions = {}): EmulatorClock {
  const source = options.source ?? Date.now;
  const timeScale = options.timeScale ?? 1;
  if (!(Number.isFinite(timeScale) && timeScale > 0)) throw new RangeError(`timeScale must be a number above 0, got ${String(timeScale)}`);
  const origin = source();
  let advancedMs = 0;
  const now = () => origin + (source() - origin) * timeScale + advancedMs;
  return {
    now,
    timeScale,
    advance(seconds) {
      if (!(Number.isFinite(seconds) && seconds >= 0)) throw new RangeError(`seconds must be a number >= 0, got ${String(seconds)}`);
      advancedMs += seconds * 1000;
    },
    realMsUntil: (atMs) => Math.max(0, (atMs - now()) / timeScale),
  };
}
