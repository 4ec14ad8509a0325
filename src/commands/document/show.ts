// How a document is shown (fields, table columns) and how far its processing is, for every document verb.
import type { TavusDocument } from '../../api/client.js';
import type { Context } from '../../context.js';
import type { Column } from '../../io/table.js';
import type { Progress } from '../common/follow.js';

export const DOCUMENT_COLUMNS: Column<TavusDocument>[] = [
  { header: 'id', value: (d) => d.document_id },
  { header: 'name', value: (d) => d.document_name },
  { header: 'status', value: (d) => d.status },
  { header: 'tags', value: (d) => d.tags?.join(',') },
  { header: 'url', value: (d) => d.document_url },
  { header: 'created', value: (d) => d.created_at },
];

export function showDocument(ctx: Context, document: TavusDocument): void {
  const { output } = ctx;
  if (output.json) return output.printJson(document);
  if (output.quiet) return output.printIds([document.document_id]);
  output.printFields([
    ['id', document.document_id],
    ['name', document.document_name],
    ['status', document.status],
    ['progress', document.progress == null ? undefined : `${document.progress}%`],
    ['error', document.error_message],
    ['url', document.document_url],
    ['tags', document.tags?.length ? document.tags.join(', ') : undefined],
    ['crawl', document.crawl_config ? JSON.stringify(document.crawl_config) : undefined],
    ['crawled', document.crawl_count == null ? undefined : `${document.crawl_count} time(s), last ${document.last_crawled_at ?? '-'}`],
    ['created', document.created_at],
    ['updated', document.updated_at],
  ]);
}

/** `ready` and `error` are final; `progress` is a percentage while processing. */
export function documentProgress(document: TavusDocument): Progress {
  const status = document.status ?? 'started';
  return { status, percent: document.progress ?? undefined, done: status === 'ready' || status === 'error' };
}
