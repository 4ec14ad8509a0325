// The `document` command group (aliases `documents`, `doc`): the knowledge base personas and
// conversations read. create (create.ts), list, get, delete, recrawl.
import type { Command } from 'commander';
import * as z from 'zod/mini';
import type { TavusDocument } from '../../api/client.js';
import { TavusTenError } from '../../errors.js';
import { DOCUMENT_STATUSES } from '../../api/resources/documents.js';
import type { Runtime } from '../../context.js';
import { optionalText, numberFlag, resourceId } from '../../flags.js';
import { collect } from '../common/collect.js';
import { deleteIds } from '../common/delete-ids.js';
import { follow, POLL_INTERVAL_OPTION } from '../common/follow.js';
import { PAGING_OPTIONS, printList, readPagingOptions } from '../common/list.js';
import { addCommands, defineCommand, examples, option } from '../kit.js';
import { documentCreate } from './create.js';
import { DOCUMENT_COLUMNS, documentProgress, showDocument } from './show.js';

export function registerDocumentCommands(program: Command, runtime: Runtime): void {
  const document = program.command('document');
  examples(document, [
    'tavus-ten document create https://example.com/handbook.pdf --name handbook --wait',
    'tavus-ten document list --all --json',
    'tavus-ten apply setup.json      # documents, objectives, guardrails and personas in one file',
  ]);
  addCommands(document, runtime, [documentCreate, documentList, documentGet, documentDelete, documentRecrawl]);
}

const documentList = defineCommand({
  names: ['list', 'ls'],
  description: 'list knowledge-base documents',
  options: {
    ...PAGING_OPTIONS,
    status: option('--status <status>', `only documents in this state (${DOCUMENT_STATUSES.join(', ')})`, z.optional(z.enum(DOCUMENT_STATUSES)), {
      fix: `Use one of: ${DOCUMENT_STATUSES.join(', ')}.`,
    }),
    name: option('--name <text>', 'only documents whose name contains this (or whose id is this)', z.optional(z.string())),
    tag: option('--tag <tag>', 'only documents with this tag (repeatable: any of them)', z.optional(z.array(z.string())), { collect }),
  },
  examples: ['tavus-ten document list', 'tavus-ten document list --status ready --all -q', 'tavus-ten document list --tag hr --json'],
  handler: async (ctx, opts) => {
    const name = optionalText(opts.name, '--name', 1000);
    const tags = opts.tag?.map((tag) => optionalText(tag, '--tag', 200)!).join(',');
    const paging = readPagingOptions(opts);
    const client = await ctx.client();
    const query = { status: opts.status, name_or_uuid: name, tags };
    await printList<TavusDocument>(ctx, {
      paging,
      noun: 'documents',
      fetchPage: (q) => client.documents.list({ ...query, ...q }),
      fetchAll: () => client.documents.all(query),
      id: (d) => d.document_id,
      columns: DOCUMENT_COLUMNS,
    });
  },
});

const documentGet = defineCommand({
  names: ['get'],
  description: 'show one document and its processing state',
  args: [{ name: '<id>', description: 'document id' }],
  examples: ['tavus-ten document get d8-5c71baca86fc', 'tavus-ten document get d8-5c71baca86fc --json | jq .status'],
  handler: async (ctx, _opts, [id]) => {
    showDocument(ctx, await (await ctx.client()).documents.get(resourceId(id, 'document id')));
  },
});

const documentDelete = defineCommand({
  names: ['delete', 'rm'],
  description: 'delete documents (asks first on a terminal; --yes otherwise)',
  args: [{ name: '<ids...>', description: 'one or more document ids' }],
  examples: ['tavus-ten document delete d8-5c71baca86fc', 'tavus-ten document delete d8-5c71baca86fc d1-0123456789ab --yes --json'],
  handler: (ctx, _opts, [ids]) =>
    deleteIds(ctx, ids, { noun: 'document', idField: 'document_id', remove: (client, id) => client.documents.delete(id) }),
});

const documentRecrawl = defineCommand({
  names: ['recrawl'],
  description: "fetch a crawled website's pages again",
  args: [{ name: '<id>', description: 'a crawled website document (ready or error; at most once an hour)' }],
  options: {
    crawlDepth: option('--crawl-depth <n>', 'for this recrawl only: link depth (1-10)', z.optional(z.string())),
    crawlMaxPages: option('--crawl-max-pages <n>', 'for this recrawl only: at most this many pages (1-100)', z.optional(z.string())),
    wait: option('--wait', 'follow the recrawl until ready (exit 0) or error (exit 1)', z.optional(z.boolean())),
    pollInterval: POLL_INTERVAL_OPTION,
  },
  examples: ['tavus-ten document recrawl d8-5c71baca86fc --wait', 'tavus-ten document recrawl d8-5c71baca86fc --crawl-max-pages 50'],
  handler: async (ctx, opts, [rawId]) => {
    const id = resourceId(rawId, 'document id');
    const depth = numberFlag(opts.crawlDepth, '--crawl-depth', { max: 10 });
    const maxPages = numberFlag(opts.crawlMaxPages, '--crawl-max-pages', { max: 100 });
    const crawl = depth !== undefined || maxPages !== undefined ? { ...(depth ? { depth } : {}), ...(maxPages ? { max_pages: maxPages } : {}) } : undefined;
    const client = await ctx.client();
    let doc = await client.documents.recrawl(id, crawl).catch((error: unknown) => {
      // Tavus's 400 for a document made from a single file: say how to crawl it anyway.
      if (!crawl && error instanceof TavusTenError && error.status === 400 && /not created with crawl configuration/i.test(error.message)) {
        throw new TavusTenError(error.code, error.exitCode, error.message, {
          status: error.status,
          hint: `Document ${id} was made without --crawl-depth or --crawl-max-pages, so there is nothing to recrawl: pass them to crawl its URL now (\`tavus-ten document recrawl ${id} --crawl-depth 1\`), or create it again with them.`,
        });
      }
      throw error;
    });
    if (opts.wait === true) doc = await follow(ctx, { what: `document ${id}`, first: doc, fetch: () => client.documents.get(id), progress: documentProgress, pollMs: opts.pollInterval });
    else if (!ctx.output.json && !ctx.output.quiet) ctx.output.success(`Recrawling document ${id}.`);
    showDocument(ctx, doc);
    if (doc.status === 'error') {
      ctx.output.error({ code: 'check_failed', message: `Document ${id} failed its recrawl${doc.error_message ? `: ${doc.error_message}` : '.'}`, status: null });
      return 1;
    }
  },
});
