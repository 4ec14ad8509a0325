// The shared shape of every `list` command: --limit/--page for one page, --all for every page,
// printed as a JSON array, ids, or a table.
import { z } from 'zod';
import { option } from '../kit.js';
import type { Page } from '../../api/client.js';
import type { Context } from '../../context.js';
import type { Column } from '../../io/table.js';
import { checkedBy, positiveInt } from '../../flags.js';
import { UsageError } from '../../errors.js';

export const MAX_PAGE_SIZE = 100;

/** The paging options as defineCommand options (src/commands/kit.ts); readPagingOptions checks they go together. */
export const PAGING_OPTIONS = {
  limit: option('--limit <n>', `items per page (1-${MAX_PAGE_SIZE}; Tavus's default is 10)`, checkedBy((value) => positiveInt(value, '--limit', MAX_PAGE_SIZE))),
  page: option('--page <n>', 'page number, from 1', checkedBy((value) => positiveInt(value, '--page'))),
  all: option('--all', 'fetch every page', z.boolean().optional()),
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
}

export async function printList<T>(ctx: Context, spec: ListSpec<T>): Promise<void> {
  let items: T[] = [];
  let total: number | undefined;
  if (spec.paging.all) {
    for await (const item of spec.fetchAll()) items.push(item);
  } else {
    const page = await spec.fetchPage({ limit: spec.paging.limit, page: spec.paging.page });
    items = page.data;
    total = page.total_count;
  }
  if (spec.filter) items = items.filter(spec.filter);

  const { output } = ctx;
  if (output.json) return output.printJson(items);
  if (output.quiet) return output.printIds(items.map(spec.id));
  if (items.length === 0) {
    output.info(`No ${spec.noun} found.`);
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
