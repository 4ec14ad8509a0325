// The `document` command group (alias `documents`): the knowledge base personas and conversations read.
// create (create.ts), list, get, delete, recrawl.
import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { TavusDocument } from '../../api/client.js';
import { DOCUMENT_STATUSES } from '../../api/documents.js';
import type { Runtime } from '../../context.js';
import { action, examples } from '../../program.js';
import { deleteIds } from '../common/delete-ids.js';
import { DEFAULT_FOLLOW_POLL_MS, follow } from '../common/follow.js';
import { addPagingOptions, printList, readPagingOptions } from '../common/list.js';
import { oneOf, optionalText, parseFlag, positiveInt, resourceId } from '../common/parse.js';
import { registerDocumentCreate } from './create.js';
import { DOCUMENT_COLUMNS, documentProgress, showDocument } from './show.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerDocumentCommands(program: Command, runtime: Runtime): void {
  const document = program.command('document');
  examples(document, [
    'tavus-ten document create https://example.com/handbook.pdf --name handbook --wait',
    'tavus-ten document list --all --json',
    'tavus-ten apply setup.json      # documents, objectives, guardrails and personas in one file',
  ]);
  registerDocumentCreate(document, runtime);

  examples(
    addPagingOptions(document.command('list').alias('ls').description('list knowledge-base documents'))
      .option('--status <status>', `only documents in this state (${DOCUMENT_STATUSES.join(', ')})`)
      .option('--name <text>', 'only documents whose name contains this (or whose id is this)')
      .option('--tag <tag>', 'only documents with this tag (repeatable: any of them)', collect),
    ['tavus-ten document list', 'tavus-ten document list --status ready --all -q', 'tavus-ten document list --tag hr --json'],
  ).action(
    action(runtime, async (ctx, opts) => {
      const status = oneOf(opts.status, '--status', DOCUMENT_STATUSES);
      const name = optionalText(opts.name, '--name', 1000);
      const tags = (opts.tag as string[] | undefined)?.map((tag) => optionalText(tag, '--tag', 200)!).join(',');
      const paging = readPagingOptions(opts);
      const client = await ctx.client();
      const query = { status, name_or_uuid: name, tags };
      await printList<TavusDocument>(ctx, {
        paging,
        noun: 'documents',
        fetchPage: (q) => client.documents.list({ ...query, ...q }),
        fetchAll: () => client.documents.all(query),
        id: (d) => d.document_id,
        columns: DOCUMENT_COLUMNS,
      });
    }),
  );

  examples(document.command('get').argument('<id>', 'document id').description('show one document and its processing state'), [
    'tavus-ten document get d8-5c71baca86fc',
    'tavus-ten document get d8-5c71baca86fc --json | jq .status',
  ]).action(
    action(runtime, async (ctx, _opts, id: string) => {
      showDocument(ctx, await (await ctx.client()).documents.get(resourceId(id, 'document id')));
    }),
  );

  examples(
    document
      .command('delete')
      .alias('rm')
      .argument('<ids...>', 'one or more document ids')
      .description('delete documents (asks first on a terminal; --yes otherwise)'),
    ['tavus-ten document delete d8-5c71baca86fc', 'tavus-ten document delete d8-5c71baca86fc d1-0123456789ab --yes --json'],
  ).action(
    action(runtime, async (ctx, _opts, ids: string[]) => {
      const client = await ctx.client();
      return deleteIds(ctx, ids, { noun: 'document', idField: 'document_id', remove: (id) => client.documents.delete(id) });
    }),
  );

  examples(
    document
      .command('recrawl')
      .argument('<id>', 'a crawled website document (ready or error; at most once an hour)')
      .description("fetch a crawled website's pages again")
      .option('--crawl-depth <n>', 'for this recrawl only: link depth (1-10)')
      .option('--crawl-max-pages <n>', 'for this recrawl only: at most this many pages (1-100)')
      .option('--wait', 'follow the recrawl until ready (exit 0) or error (exit 1)')
      .addOption(new Option('--poll-interval <ms>', 'how often --wait checks').hideHelp()),
    ['tavus-ten document recrawl d8-5c71baca86fc --wait', 'tavus-ten document recrawl d8-5c71baca86fc --crawl-max-pages 50'],
  ).action(
    action(runtime, async (ctx, opts, rawId: string) => {
      const id = resourceId(rawId, 'document id');
      const depth = positiveInt(opts.crawlDepth, '--crawl-depth', 10);
      const maxPages = positiveInt(opts.crawlMaxPages, '--crawl-max-pages', 100);
      const crawl = depth !== undefined || maxPages !== undefined ? { ...(depth ? { depth } : {}), ...(maxPages ? { max_pages: maxPages } : {}) } : undefined;
      const pollMs = opts.pollInterval === undefined ? DEFAULT_FOLLOW_POLL_MS : parseFlag(z.coerce.number().int().min(10).max(60_000), opts.pollInterval, '--poll-interval', 'Pass milliseconds from 10 to 60000.');
      const client = await ctx.client();
      let doc = await client.documents.recrawl(id, crawl);
      if (opts.wait === true) doc = await follow(ctx, { what: `document ${id}`, first: doc, fetch: () => client.documents.get(id), progress: documentProgress, pollMs });
      else if (!ctx.output.json && !ctx.output.quiet) ctx.output.success(`Recrawling document ${id}.`);
      showDocument(ctx, doc);
      if (doc.status === 'error') {
        ctx.output.error({ code: 'check_failed', message: `Document ${id} failed its recrawl${doc.error_message ? `: ${doc.error_message}` : '.'}`, status: null });
        return 1;
      }
    }),
  );
}
