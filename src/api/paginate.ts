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

/** The walk went past what any real account holds, or the server sent items it had already sent. */
export class RunawayPagesError extends ApiError {
  constructor(message: string) {
    super('unexpected_response', ExitCode.failure, message, {
      status: null,
      method: 'GET',
      url: '',
      hint: 'Check the API base URL (--base-url, TAVUS_API_BASE_URL) and any proxy or cache in the way; without --all, --page and --limit still work.',
    });
  }
}

/** 1,000 pages of 100: far beyond any account, and a bound on a server that never stops. */
export const MAX_PAGES = 1000;

export interface PaginateOptions<T = unknown> {
  /** Items asked for per page; a shorter page means it was the last. Default 100. */
  pageSize?: number;
  /** Pages requested but not yet handed out, at most. Default 4. */
  concurrency?: number;
  /** What makes two items the same item (their id). Default: the whole item. */
  keyOf?: (item: T) => string;
  /** Default MAX_PAGES. */
  maxPages?: number;
}

export async function* paginate<T>(fetchPage: FetchPage<T>, options: PaginateOptions<T> = {}): AsyncGenerator<T, void, undefined> {
  const pageSize = options.pageSize ?? 100;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const maxPages = options.maxPages ?? MAX_PAGES;
  const keyOf = options.keyOf ?? ((item: T) => JSON.stringify(item));
  // A server that trusts its own total_count but sends the same items again would be walked to the
  // end of that count: a full page of nothing new stops the walk, naming what the server did.
  const seen = new Set<string>();
  const checkNew = (page: number, data: readonly T[]) => {
    if (data.length === 0) return;
    let fresh = 0;
    for (const item of data) {
      const key = keyOf(item);
      if (!seen.has(key)) fresh++;
      seen.add(key);
    }
    if (fresh === 0) {
      throw new RunawayPagesError(`The API answered page ${page} with only items it had already sent on earlier pages, so tavus-ten stopped fetching pages.`);
    }
  };
  const checkCeiling = (page: number) => {
    if (page > maxPages) {
      throw new RunawayPagesError(`The API kept sending full pages past page ${maxPages} (${maxPages * pageSize} items), so tavus-ten stopped fetching pages.`);
    }
  };

  const first = await fetchPage(1, pageSize);
  checkNew(1, first.data);
  yield* first.data;
  if (first.data.length < pageSize) return;

  const total = typeof first.total_count === 'number' ? first.total_count : undefined;
  if (total === undefined) {
    // Without a total, a server (or a cache in front of it) that ignores `page` would hand out the same
    // full page forever: stop at the first repeat rather than run until memory runs out.
    let previous = JSON.stringify(first.data);
    for (let page = 2; ; page++) {
      checkCeiling(page);
      const result = await fetchPage(page, pageSize);
      const text = JSON.stringify(result.data);
      if (result.data.length > 0 && text === previous) throw new RepeatedPageError(page);
      previous = text;
      checkNew(page, result.data);
      yield* result.data;
      if (result.data.length < pageSize) return;
    }
  }

  const lastPage = Math.min(Math.ceil(total / pageSize), maxPages);
  const pending: Promise<PageResult<T> & { page: number }>[] = [];
  let nextPage = 2;
  const launch = () => {
    const page = nextPage++;
    const promise = fetchPage(page, pageSize).then((result) => ({ ...result, page }));
    // Pages abandoned after a short page (or an early break) must not become unhandled rejections;
    // the page being awaited still rejects where it is awaited.
    promise.catch(() => undefined);
    pending.push(promise);
  };

  while (pending.length < concurrency && nextPage <= lastPage) launch();
  while (pending.length > 0) {
    const result = await pending.shift()!;
    checkNew(result.page, result.data);
    if (result.data.length >= pageSize && result.page === maxPages && Math.ceil(total / pageSize) > maxPages) checkCeiling(maxPages + 1);
    if (result.data.length < pageSize) {
      yield* result.data;
      return;
    }
    // Refill before yielding, so the next fetch overlaps with the consumer's work.
    if (nextPage <= lastPage) launch();
    yield* result.data;
  }
}
