// `document create`: add a file or a website to the knowledge base (`--crawl-depth`/`--crawl-max-pages`
// follow a website's links). Never retried. `--wait` follows processing until `ready` (exit 0) or
// `error` (exit 1 with Tavus's error code).
import * as z from '../../zod.js';
import type { TavusDocument } from '../../api/client.js';
import { DocumentCreateBodySchema, type DocumentCreateBody } from '../../api/resources/documents.js';
import type { ErrorJson } from '../../errors.js';
import type { Context } from '../../context.js';
import { collect } from '../common/collect.js';
import { defineCommand, option } from '../kit.js';
import { checkBody } from '../common/body-file.js';
import { printDryRun } from '../common/dry-run.js';
import { follow, POLL_INTERVAL_OPTION } from '../common/follow.js';
import { httpUrl, optionalText, numberFlag } from '../../flags.js';
import { documentProgress, showDocument } from './show.js';

const text = z.optional(z.string());

export const documentCreate = defineCommand({
  names: ['create'],
  description: 'add a document to the knowledge base; --wait follows processing until ready',
  args: [{ name: '<url>', description: 'a direct link to a file (.pdf, .txt, .docx, .csv…, at most 50 MB) or a website' }],
  options: {
    name: option('--name <name>', 'document_name (Tavus makes one up otherwise)', text),
    tag: option('--tag <tag>', 'a tag (repeatable): personas and conversations can use documents by tag', z.optional(z.array(z.string())), { collect: collect }),
    crawlDepth: option('--crawl-depth <n>', 'crawl a website: follow links this many levels deep (1-10)', text),
    crawlMaxPages: option('--crawl-max-pages <n>', 'crawl a website: at most this many pages (1-100)', text),
    callbackUrl: option('--callback-url <url>', 'Tavus POSTs status updates here while the document processes', text),
    wait: option('--wait', 'follow processing until ready (exit 0) or error (exit 1)', z.optional(z.boolean())),
    dryRun: option('--dry-run', 'print the request (key masked) and send nothing', z.optional(z.boolean())),
    pollInterval: POLL_INTERVAL_OPTION,
  },
  examples: [
    'tavus-ten document create https://example.com/handbook.pdf --name handbook --tag hr --wait',
    'tavus-ten document create https://docs.example.com/ --crawl-depth 2 --crawl-max-pages 20 -q',
  ],
  handler: (ctx, opts, [url]) => createCommand(ctx, opts, url),
});

function bodyFromFlags(opts: Record<string, unknown>, url: string): DocumentCreateBody {
  const body: Record<string, unknown> = { document_url: httpUrl(url, 'the document URL', 'https://example.com/handbook.pdf') };
  const name = optionalText(opts.name, '--name', 1000);
  if (name) body.document_name = name;
  const tags = (opts.tag as string[] | undefined)?.map((tag) => optionalText(tag, '--tag', 200)!);
  if (tags?.length) body.tags = tags;
  const depth = numberFlag(opts.crawlDepth, '--crawl-depth', { max: 10 });
  const maxPages = numberFlag(opts.crawlMaxPages, '--crawl-max-pages', { max: 100 });
  if (depth !== undefined || maxPages !== undefined) body.crawl = { ...(depth ? { depth } : {}), ...(maxPages ? { max_pages: maxPages } : {}) };
  const callback = httpUrl(opts.callbackUrl, '--callback-url');
  if (callback) body.callback_url = callback;
  return checkBody(DocumentCreateBodySchema, body, 'document create');
}

async function createCommand(ctx: Context, opts: Record<string, unknown> & { pollInterval: number }, url: string): Promise<number | void> {
  const { output } = ctx;
  const body = bodyFromFlags(opts, url);
  const pollMs = opts.pollInterval;
  if (opts.dryRun === true) {
    await printDryRun(ctx, { method: 'POST', path: '/documents', body });
    return;
  }
  const client = await ctx.client();
  const created = await client.documents.create(body);
  const id = created.document_id;
  let final: TavusDocument = created;
  if (opts.wait === true) {
    output.info(`Processing document ${id}.`);
    final = await follow(ctx, { what: `document ${id}`, first: created, fetch: () => client.documents.get(id), progress: documentProgress, pollMs });
  } else if (!output.json && !output.quiet) output.success(`Created document ${id} (${created.status ?? 'started'}).`);
  showDocument(ctx, final);
  if (final.status === 'error') {
    const error: ErrorJson = {
      code: 'check_failed',
      message: `Document ${id} failed processing${final.error_message ? `: ${final.error_message}` : '.'}`,
      status: null,
      hint: 'Check that the URL is a direct, public link to a supported file (or a website), then create it again.',
    };
    output.error(error);
    return 1;
  }
}
