// Walks Tavus's page/limit lists as one stream of items, in page order. With `total_count`
// the remaining pages are fetched a few at a time; without it, one after another.

export interface PageResult<T> {
  data: T[];
  /** Every match, not just this page; may be missing. */
  total_count?: number | null;
}

export type FetchPage<T> = (page: number, pageSize: number) => Promise<PageResult<T>>;

export interface PaginateOptions {
  /** Items asked for per page; a shorter page means it was the last. Default 100. */
  pageSize?: number;
  /** Pages requested but not yet handed out, at most. Default 4. */
  concurrency?: number;
}

export async function* paginate<T>(fetchPage: FetchPage<T>, options: PaginateOptions = {}): AsyncGenerator<T, void, undefined> {
  const pageSize = options.pageSize ?? 100;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));

  const first = await fetchPage(1, pageSize);
  yield* first.data;
  if (first.data.length < pageSize) return;

  const total = typeof first.total_count === 'number' ? first.total_count : undefined;
  if (total === undefined) {
    for (let page = 2; ; page++) {
      const result = await fetchPage(page, pageSize);
      yield* result.data;
      if (result.data.length < pageSize) return;
    }
  }

  const lastPage = Math.ceil(total / pageSize);
  const pending: Promise<PageResult<T>>[] = [];
  let nextPage = 2;
  const launch = () => {
    const promise = fetchPage(nextPage++, pageSize);
    // Pages abandoned after a short page (or an early break) must not become unhandled rejections;
    // the page being awaited still rejects where it is awaited.
    promise.catch(() => undefined);
    pending.push(promise);
  };

  while (pending.length < concurrency && nextPage <= lastPage) launch();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    if (result.data.length < pageSize) {
      yield* result.data;
      return;
    }
    // Refill before yielding, so the next fetch overlaps with the consumer's work.
    if (nextPage <= lastPage) launch();
    yield* result.data;
  }
}
