// The shared shape of every `list` command: --limit/--page for one page, --all for every page,
// printed as a JSON array, ids, or a table.
import * as z from '../../zod.js';
import { option } from '../kit.js';
import type { Page } from '../../api/client.js';
import type { Context } from '../../context.js';
import type { Column } from '../../io/table.js';
import { checkedBy, numberFlag } from '../../flags.js';
import { UsageError } from '../../errors.js';

export const MAX_PAGE_SIZE = 100;

/** The paging options as defineCommand options (src/commands/kit.ts); readPagingOptions checks they go together. */
export const PAGING_OPTIONS = {
  limit: option('--limit <n>', `items per page (1-${MAX_PAGE_SIZE}; Tavus's default is 10)`, checkedBy((value) => numberFlag(value, '--limit', { max: MAX_PAGE_SIZE }))),
  page: option('--page <n>', 'page number, from 1', checkedBy((value) => numberFlag(value, '--page'))),
  all: option('--all', 'fetch every page', z.optional(z.boolean())),
};

export interface PagingOptions {
  limit?: number;
  page?: number;
  all: boolean;
}

export function readPagingOptions(opts: { limit?: number; page?: number; all?: boolean }): PagingOptions {
  const paging = { limit: opts.limit, page: opts.page, all: opts.all === true };
  if (paging.all && paging.page !== undefined) {
    throw new UsageError('--all and --page cannot be used together.', { hint: '--all already fetches every page.' });
  }
  return paging;
}

export interface ListSpec<T> {
  paging: PagingOptions;
  fetchPage: (q: { limit?: number; page?: number }) => Promise<Page<T>>;
  fetchAll: () => AsyncIterable<T>;
  /** Applied client-side after fetching (e.g. --name). */
  filter?: (item: T) => boolean;
  columns: Column<T>[];
  id: (item: T) => string;
  /** What to call the items in messages ("personas"). */
  noun: string;
  /** --show-secrets: keys stored in the items printed in full under --json (masked otherwise, by Output). */
  showSecrets?: boolean;
}

export async function printList<T>(ctx: Context, spec: ListSpec<T>): Promise<void> {
  // Every page as JSON: written as the pages arrive, so memory stays flat however long the list.
  if (spec.paging.all && ctx.output.json) return ctx.output.printJsonArray(kept(spec.fetchAll(), spec.filter), { showSecrets: spec.showSecrets });
  let items: T[] = [];
  let total: number | undefined;
  if (spec.paging.all) {
    for await (const item of spec.fetchAll()) items.push(item);
  } else {
    const page = await spec.fetchPage({ limit: spec.paging.limit, page: spec.paging.page });
    items = page.data;
    total = page.total_count;
  }
  const fetched = items.length;
  if (spec.filter) items = items.filter(spec.filter);

  const { output } = ctx;
  if (output.json) return output.printJson(items, { showSecrets: spec.showSecrets });
  if (output.quiet) return output.printIds(items.map(spec.id));
  if (items.length === 0) {
    const page = spec.paging.page ?? 1;
    // An empty page after the first is the end of the list, not an empty account.
    if (fetched === 0 && page > 1 && total !== undefined && total > 0) {
      // A client-side filter (--name) narrows the noun's words, not Tavus's total: count the plain noun.
      output.info(pastTheEnd(spec.filter ? spec.noun.split(' ')[0]! : spec.noun, page, total, spec.paging.limit));
    } else output.info(`No ${spec.noun} found.`);
    return;
  }
  output.printTable(items, spec.columns);
  if (total !== undefined && total > items.length && !spec.filter) {
    const page = spec.paging.page ?? 1;
    output.info(
      output.chalk.dim(`Showing ${items.length} of ${total} ${spec.noun} (page ${page}). Use --all for every page, or --page ${page + 1}.`),
    );
  }
}

/** `Page 99 is past the end: there are 5 replicas, on 1 page of 10. Use --page 1, or --all.` */
export function pastTheEnd(noun: string, page: number, total: number, limit: number | undefined): string {
  const perPage = limit ?? TAVUS_DEFAULT_PAGE_SIZE;
  const pages = Math.ceil(total / perPage);
  return (
    `Page ${page} is past the end: there ${total === 1 ? 'is' : 'are'} ${total} ${total === 1 ? singular(noun) : noun}, ` +
    `on ${pages} page${pages === 1 ? '' : 's'} of ${perPage}. Use --page ${pages === 1 ? '1' : `1 to ${pages}`}, or --all.`
  );
}

/** Tavus's page size when --limit is not given. */
const TAVUS_DEFAULT_PAGE_SIZE = 10;

function singular(noun: string): string {
  return noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, '');
}

async function* kept<T>(items: AsyncIterable<T>, filter: ((item: T) => boolean) | undefined): AsyncIterable<T> {
  for await (const item of items) if (!filter || filter(item)) yield item;
}
