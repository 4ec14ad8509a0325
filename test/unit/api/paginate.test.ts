import { afterEach, describe, expect, it } from 'vitest';
import { paginate } from '../../../src/api/paginate.js';
import type { PageResult } from '../../../src/api/paginate.js';
import { createHarness, json, persona } from './harness.js';
import type { Harness } from './harness.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const items = (page: number, count: number) => Array.from({ length: count }, (_, index) => `p${page}-${index}`);

/** A fake list whose pages the test answers by hand, recording what was in flight. */
function controlledPages() {
  const requested = new Map<number, Deferred<PageResult<string>>>();
  let inFlight = 0;
  let maxInFlight = 0;
  const waiters: (() => void)[] = [];
  const fetchPage = (page: number, pageSize: number) => {
    expect(pageSize).toBe(2);
    const entry = deferred<PageResult<string>>();
    requested.set(page, entry);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    waiters.splice(0).forEach((wake) => wake());
    return entry.promise.finally(() => inFlight--);
  };
  /** Resolves once `page` has been requested. */
  const whenRequested = async (page: number) => {
    while (!requested.has(page)) await new Promise<void>((resolve) => waiters.push(resolve));
    return requested.get(page)!;
  };
  return { fetchPage, requested, whenRequested, maxInFlight: () => maxInFlight };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('paginate', () => {
  it('fetches the rest concurrently (at most 4) and yields in page order even when pages finish out of order', async () => {
    const pages = controlledPages();
    const done = collect(paginate(pages.fetchPage, { pageSize: 2, concurrency: 4 }));

    (await pages.whenRequested(1)).resolve({ data: items(1, 2), total_count: 13 }); // 7 pages
    await pages.whenRequested(5);
    expect([...pages.requested.keys()]).toEqual([1, 2, 3, 4, 5]);

    // Later pages finish first; nothing more starts until page 2, the head, is handed out.
    (await pages.whenRequested(5)).resolve({ data: items(5, 2) });
    (await pages.whenRequested(4)).resolve({ data: items(4, 2) });
    (await pages.whenRequested(3)).resolve({ data: items(3, 2) });
    expect(pages.requested.has(6)).toBe(false);
    (await pages.whenRequested(2)).resolve({ data: items(2, 2) });
    (await pages.whenRequested(6)).resolve({ data: items(6, 2) });
    (await pages.whenRequested(7)).resolve({ data: items(7, 1) });

    expect(await done).toEqual([1, 2, 3, 4, 5, 6, 7].flatMap((page) => items(page, page === 7 ? 1 : 2)));
    expect(pages.maxInFlight()).toBe(4);
    expect(pages.requested.has(8)).toBe(false);
  });

  it('never runs more than 4 pages ahead of the consumer', async () => {
    const requested: number[] = [];
    const iterator = paginate(
      async (page) => {
        requested.push(page);
        return { data: items(page, 2), total_count: 20 };
      },
      { pageSize: 2, concurrency: 4 },
    )[Symbol.asyncIterator]();
    let yielded = 0;
    for (;;) {
      const step = await iterator.next();
      if (step.done) break;
      yielded++;
      const pageBeingRead = Number(/^p(\d+)-/.exec(step.value)![1]);
      expect(Math.max(...requested)).toBeLessThanOrEqual(pageBeingRead + 4);
    }
    expect(yielded).toBe(20);
    expect(requested).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stops at a short page before the expected end', async () => {
    const pages = controlledPages();
    const done = collect(paginate(pages.fetchPage, { pageSize: 2, concurrency: 2 }));
    (await pages.whenRequested(1)).resolve({ data: items(1, 2), total_count: 10 });
    (await pages.whenRequested(2)).resolve({ data: items(2, 1) });
    (await pages.whenRequested(3)).reject(new Error('must not surface: page 3 comes after the end'));
    expect(await done).toEqual([...items(1, 2), ...items(2, 1)]);
  });

  it('without total_count, fetches one page after another until a short page', async () => {
    const pages = controlledPages();
    const done = collect(paginate(pages.fetchPage, { pageSize: 2 }));
    (await pages.whenRequested(1)).resolve({ data: items(1, 2) });
    const second = await pages.whenRequested(2);
    expect(pages.requested.has(3)).toBe(false);
    second.resolve({ data: items(2, 2), total_count: null });
    (await pages.whenRequested(3)).resolve({ data: [] });
    expect(await done).toEqual([...items(1, 2), ...items(2, 2)]);
    expect(pages.maxInFlight()).toBe(1);
  });

  it('one short first page is the whole list', async () => {
    let calls = 0;
    const all = await collect(paginate(async () => (calls++, { data: ['a'], total_count: 1 }), { pageSize: 2 }));
    expect(all).toEqual(['a']);
    expect(calls).toBe(1);
  });

  it('a failing page rejects after the pages before it were yielded', async () => {
    const seen: string[] = [];
    const iterate = async () => {
      for await (const item of paginate(
        async (page) => {
          if (page === 3) throw new Error('page 3 failed');
          return { data: items(page, 2), total_count: 8 };
        },
        { pageSize: 2 },
      )) {
        seen.push(item);
      }
    };
    await expect(iterate()).rejects.toThrow('page 3 failed');
    expect(seen).toEqual([...items(1, 2), ...items(2, 2)]);
  });
});

describe('resource all()', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.agent.close();
    h = undefined;
  });

  it('asks for pages of 100 and returns every persona in order', async () => {
    h = createHarness();
    const page = (n: number, count: number) => Array.from({ length: count }, (_, index) => persona(`p${n}-${index}`));
    h.tavus.intercept({ path: '/v2/personas', method: 'GET', query: { persona_type: 'user', page: '1', limit: '100' } }).reply(200, { data: page(1, 100), total_count: 250 }, json);
    // Page 3 answers at once, page 2 later: the order must still be 1, 2, 3.
    h.tavus.intercept({ path: '/v2/personas', method: 'GET', query: { persona_type: 'user', page: '2', limit: '100' } }).reply(200, { data: page(2, 100), total_count: 250 }, json).delay(20);
    h.tavus.intercept({ path: '/v2/personas', method: 'GET', query: { persona_type: 'user', page: '3', limit: '100' } }).reply(200, { data: page(3, 50), total_count: 250 }, json);

    const ids: string[] = [];
    for await (const item of h.client.personas.all({ persona_type: 'user' })) ids.push(item.persona_id);
    expect(ids).toHaveLength(250);
    expect(ids[0]).toBe('p1-0');
    expect(ids[100]).toBe('p2-0');
    expect(ids[249]).toBe('p3-49');
    expect(h.calls()).toHaveLength(3);
    h.agent.assertNoPendingInterceptors();
  });

  it('conversations.all passes the status filter', async () => {
    h = createHarness();
    h.tavus.intercept({ path: '/v2/conversations', method: 'GET', query: { status: 'active', page: '1', limit: '100' } }).reply(200, { data: [{ conversation_id: 'c1' }], total_count: 1 }, json);
    const ids: string[] = [];
    for await (const item of h.client.conversations.all({ status: 'active' })) ids.push(item.conversation_id);
    expect(ids).toEqual(['c1']);
  });
});

describe('a server that ignores the page number', () => {
  it('without total_count, a repeated full page stops the walk with an error instead of looping forever', async () => {
    let calls = 0;
    const sameForever = async (_page: number, pageSize: number): Promise<PageResult<string>> => {
      calls++;
      return { data: items(1, pageSize) };
    };
    const seen: string[] = [];
    const walk = (async () => {
      for await (const item of paginate(sameForever, { pageSize: 3 })) seen.push(item);
    })();
    await expect(walk).rejects.toMatchObject({ code: 'unexpected_response', exitCode: 1, message: expect.stringMatching(/page 2 with the same items as page 1/) });
    expect(calls).toBe(2);
    expect(seen).toEqual(items(1, 3));
  });
});
