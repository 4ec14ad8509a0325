// untilAborted (src/abort.ts): the race the API client's exchanges and the LiveKit server calls share.
import { describe, expect, it, vi } from 'vitest';
import { untilAborted } from '../../src/abort.js';

/** A promise settled from outside the test's body. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('untilAborted', () => {
  it('settles with the work when the signal stays quiet', async () => {
    const controller = new AbortController();
    await expect(untilAborted(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    const failure = new Error('refused');
    await expect(untilAborted(Promise.reject(failure), controller.signal)).rejects.toBe(failure);
  });

  it("rejects with the signal's reason as soon as it aborts, while the work never settles", async () => {
    const controller = new AbortController();
    const raced = untilAborted(new Promise<never>(() => undefined), controller.signal);
    const reason = new Error('Ctrl-C');
    controller.abort(reason);
    await expect(raced).rejects.toBe(reason);
  });

  it('rejects at once for a signal already aborted, and never calls the work back', async () => {
    const reason = new Error('timeout');
    const discard = vi.fn();
    const work = deferred<string>();
    await expect(untilAborted(work.promise, AbortSignal.abort(reason), discard)).rejects.toBe(reason);
    work.resolve('late');
    await flush();
    expect(discard).toHaveBeenCalledWith('late');
  });

  it('hands a late value to discard and swallows a late rejection (no unhandled rejection)', async () => {
    const controller = new AbortController();
    const discard = vi.fn();
    const late = deferred<string>();
    const raced = untilAborted(late.promise, controller.signal, discard);
    controller.abort(new Error('stop'));
    await expect(raced).rejects.toThrow('stop');
    late.resolve('body');
    await flush();
    expect(discard).toHaveBeenCalledExactlyOnceWith('body');

    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const failing = deferred<string>();
      const other = new AbortController();
      const lost = untilAborted(failing.promise, other.signal);
      other.abort(new Error('stop'));
      await expect(lost).rejects.toThrow('stop');
      failing.reject(new Error('late failure'));
      await flush();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('does not call discard when the work wins, and stops listening to the signal', async () => {
    const controller = new AbortController();
    const discard = vi.fn();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await expect(untilAborted(Promise.resolve('won'), controller.signal, discard)).resolves.toBe('won');
    controller.abort();
    await flush();
    expect(discard).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
