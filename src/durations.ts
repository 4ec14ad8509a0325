// Durations written for people, in one place. Three formats on purpose, each where it reads best:
// a wait or timeout ("30 s", "2 min"), a measured timing ("850 ms", "1.2 s"), a clock ("2m05s").

/** A wait or a timeout, rounded: `800 ms`, `30 s`, `2 min` (from 120 s on). `ms` in milliseconds. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 120) return `${totalSeconds} s`;
  return `${Math.round(totalSeconds / 60)} min`;
}

/** A measured timing (a check, a run): `850 ms`, `1.2 s`. `ms` in milliseconds. */
export function formatTiming(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Time elapsed, as a clock shows it: `5s`, `2m05s`, `1h02m`. `ms` in milliseconds; negative is 0s. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}
