// Work on many ids at once with a bounded number in flight (Tavus publishes no rate limit, and
// hundreds of parallel requests would only earn 429s), stopping cleanly when interrupted.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `work` for each item, at most `limit` at a time, and settles every one (a failure does not
 * stop the others). Once `signal` aborts no new item starts; the ones not started are left out of
 * the result, in-flight ones finish. Results keep the items' order.
 */
export async function settleEach<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<Array<{ item: T } & Settled<R>>> {
  const results: Array<({ item: T } & Settled<R>) | undefined> = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      const item = items[index]!;
      try {
        results[index] = { item, ok: true, value: await work(item) };
      } catch (error) {
        results[index] = { item, ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results.filter((result): result is { item: T } & Settled<R> => result !== undefined);
}

/** Ids given on the command line, each once, in the order given. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
