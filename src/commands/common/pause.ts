// The wait between two polls (conversation start --wait, the other commands' --wait), cut short by
// Ctrl-C.
import { interruptionOf } from '../../errors.js';

/** Waits `ms`, or rejects with the interruption as soon as the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(interruptionOf(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(interruptionOf(signal.reason));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
