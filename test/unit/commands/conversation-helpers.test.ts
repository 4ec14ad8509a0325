// Pure pieces of the conversation commands: bounded batches, elapsed times, abortable pauses.
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/errors.js';
import { settleEach, uniqueIds } from '../../../src/commands/common/batch.js';
import { formatElapsed } from '../../../src/durations.js';
import { pause } from '../../../src/commands/common/pause.js';

describe('settleEach', () => {
  it('keeps order, settles failures without stopping the rest, and never exceeds the limit', async () => {
    let running = 0;
    let most = 0;
    const results = await settleEach([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 8 - n));
      running--;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(most).toBe(3);
    expect(results.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual([10, 20, 30, 'four', 50, 60, 70]);
    expect(results.map((r) => r.item)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing new once the signal aborts, and leaves those out', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await settleEach(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort();
        return n;
      },
      controller.signal,
    );
    expect(started).toEqual([1, 2]);
    expect(results.map((r) => r.item)).toEqual([1, 2]);
  });

  it('copes with an empty list', async () => {
    expect(await settleEach([], 8, async () => 1)).toEqual([]);
  });

  it('uniqueIds drops repeats, keeping the first order', () => {
    expect(uniqueIds(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0s'],
    [59_999, '59s'],
    [60_000, '1m00s'],
    [125_000, '2m05s'],
    [3_720_000, '1h02m'],
  ])('%i ms is %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

describe('pause', () => {
  it('rejects with the signal’s interruption (SIGTERM → exit 143)', async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort(new InterruptedError('SIGTERM'));
    await expect(waiting).rejects.toMatchObject({ code: 'interrupted', exitCode: 143 });
  });
});
