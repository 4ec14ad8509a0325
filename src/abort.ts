// Racing a promise against an AbortSignal: for work that may never settle on its own (undici's
// ProxyAgent looping on a proxy that ignores CONNECT, an SDK call without a signal), so that a
// timeout or Ctrl-C still wins. Shared by the API client's exchanges and the LiveKit server calls.

/**
 * Settles with `work`, or rejects with the signal's reason as soon as the signal aborts, whichever
 * comes first. What `work` does afterwards is not lost track of: a late value goes to `discard` (to
 * free it, e.g. a response body), a late rejection is swallowed.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, discard: (late: T) => void = () => undefined): Promise<T> {
  const dropLate = () =>
    void work.then(
      (late) => discard(late),
      () => undefined,
    );
  if (signal.aborted) {
    dropLate();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      dropLate();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
