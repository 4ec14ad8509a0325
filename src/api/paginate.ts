// Walks Tavus's page/limit lists as one stream of items, in page order. With `total_count`
// the remaining pages are fetched a few at a time; without it, one after another.
import { ApiError, ExitCode } from '../errors.js';

export interface PageResult<T> {
  data: T[];
  /** Every match, not just this page; may be missing. */
  total_count?: number | null;
}

export type FetchPage<T> = (page: number, pageSize: number) => Promise<PageResult<T>>;

/** Page N came back identical to page N-1: something in the way ignores the page number. */
export class RepeatedPageError extends ApiError {
  constructor(readonly page: number) {
    super(
      'unexpected_response',
      ExitCode.failure,
      `The API answered page ${page} with the same items as page ${page - 1}, so tavus-ten stopped fetching pages.`,
      {
        status: null,
        method: 'GET',
        url: '',
        hint: 'A cache or proxy may be ignoring the page number; check the API base URL (--base-url, TAVUS_API_BASE_URL) and any proxy.',
      },
    );
  }
}

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
    // Without a total, a server (or a cache in front of it) that ignores `page` would hand out the same
    // full page forever: stop at the first repeat rather than run until memory runs out.
    let previous = JSON.stringify(first.data);
    for (let page = 2; ; page++) {
      const result = await fetchPage(page, pageSize);
      const seen = JSON.stringify(result.data);
      if (result.data.length > 0 && seen === previous) throw new RepeatedPageError(page);
      previous = seen;
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
