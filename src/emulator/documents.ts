// /v2/documents (the knowledge base): create from a URL (optionally crawled), list (0-based `page`,
// `sort`, `status`, `name_or_uuid`, `tags`), get, update (a plain object of document_name and tags, not a
// JSON Patch), delete, and recrawl (202; 409 unless ready or error; 429 within the 1-hour cooldown).
// Processing follows the emulator clock (progression.ts); each status change is sent to callback_url.
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { isoTime } from './ids.js';
import { asksForFailure, DOCUMENT_READY_MS, documentProcessing } from './progression.js';
import { emptyReply, errorReply, jsonReply, messageReply, ReplyError, type Reply } from './reply.js';
import type { Route } from './route.js';
import type { DocumentJob, StoredDocument } from './types.js';
import type { World } from './world.js';

const RECRAWL_COOLDOWN_MS = 60 * 60 * 1000;
const CRAWL_LIMIT = 100;

const crawlSchema = z.strictObject({
  depth: z.int().min(1).max(10).optional(),
  max_pages: z.int().min(1).max(100).optional(),
});

const createSchema = z.looseObject({
  document_url: z.string().min(1),
  document_name: z.string().optional(),
  callback_url: z.string().optional(),
  tags: z.array(z.string()).optional(),
  crawl: crawlSchema.optional(),
});

const updateSchema = z.strictObject({
  document_name: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

/** Tavus's wording for a bad body: `Invalid request: <field> <problem>`. */
function invalid(error: z.ZodError): ReplyError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  const problem = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return new ReplyError(errorReply(400, `Invalid request: ${field} ${problem}`));
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

const notFound = (): ReplyError => new ReplyError(messageReply(404, 'Document not found'));

function newDocumentId(taken: { has(id: string): boolean }): string {
  for (;;) {
    const hex = randomBytes(7).toString('hex');
    const id = `d${hex[0]!.replace(/[a-f]/, '8')}-${hex.slice(1, 13)}`;
    if (!taken.has(id)) return id;
  }
}

function find(world: World, id: string): { document: StoredDocument; job: DocumentJob } {
  const found = world.state.documents.get(id);
  if (!found) throw notFound();
  return found;
}

export function createDocument(world: World, body: unknown): StoredDocument {
  const sent = parse(createSchema, body);
  if (sent.crawl && [...world.state.documents.values()].filter((d) => d.document.crawl_config).length >= CRAWL_LIMIT) {
    throw new ReplyError(errorReply(429, `Crawl document limit reached (${CRAWL_LIMIT}). Contact support@tavus.io to increase your limit.`));
  }
  const at = world.now();
  const document: StoredDocument = {
    document_id: newDocumentId(world.state.documents),
    document_name: sent.document_name ?? defaultName(sent.document_url),
    document_url: sent.document_url,
    status: 'started',
    progress: null,
    error_message: null,
    created_at: isoTime(at),
    updated_at: isoTime(at),
    callback_url: sent.callback_url ?? null,
    tags: sent.tags ?? [],
    crawl_config: sent.crawl ? { ...sent.crawl } : null,
    crawled_urls: null,
    last_crawled_at: null,
    crawl_count: sent.crawl ? 0 : null,
  };
  world.state.documents.set(document.document_id, { document, job: { startedAtMs: at, fails: asksForFailure(sent.document_url), reported: null } });
  advanceDocument(world, document, world.state.documents.get(document.document_id)!.job);
  return document;
}

function defaultName(url: string): string {
  try {
    const { hostname, pathname } = new URL(url);
    return pathname.split('/').filter(Boolean).pop() ?? hostname;
  } catch {
    return url;
  }
}

/** Brings one document up to the clock and reports a status change to its callback URL. */
function advanceDocument(world: World, document: StoredDocument, job: DocumentJob): void {
  if (document.status === 'ready' || document.status === 'error') {
    report(world, document, job);
    return;
  }
  const stage = documentProcessing(job.fails, document.status === 'recrawling' ? 'recrawling' : 'processing').at(world.now() - job.startedAtMs);
  const done = stage.status === 'ready' || stage.status === 'error';
  // When it happened on the clock, not when this sweep noticed (the clock may have jumped).
  const at = isoTime(done ? job.startedAtMs + DOCUMENT_READY_MS : world.now());
  if (stage.status !== document.status) {
    document.status = stage.status;
    document.updated_at = at;
  }
  document.progress = done || stage.status === 'started' ? null : stage.percent;
  if (stage.status === 'error') document.error_message = 'file_download_failed';
  if (stage.status === 'ready' && document.crawl_config) {
    document.crawled_urls = [document.document_url];
    document.crawl_count = (document.crawl_count ?? 0) + 1;
    document.last_crawled_at = at;
  }
  report(world, document, job);
}

function report(world: World, document: StoredDocument, job: DocumentJob): void {
  if (job.reported === document.status) return;
  job.reported = document.status;
  if (document.callback_url) world.callbacks.send(document.callback_url, 'document.status', structuredClone(document));
}

export function advanceDocuments(world: World): void {
  for (const { document, job } of world.state.documents.values()) advanceDocument(world, document, job);
}

function listDocuments(world: World, query: Record<string, string>): Record<string, unknown> {
  const limit = wholeNumber(query, 'limit', 10, 1);
  const page = wholeNumber(query, 'page', 0, 0);
  const sort = query.sort ?? 'ascending';
  if (sort !== 'ascending' && sort !== 'descending') throw new ReplyError(errorReply(400, 'Invalid request: sort must be ascending or descending'));
  const tags = query.tags?.split(',').map((t) => t.trim()).filter(Boolean);
  const needle = query.name_or_uuid?.toLowerCase();
  let items = [...world.state.documents.values()].map(({ document }) => document);
  if (query.status) items = items.filter((d) => d.status === query.status);
  if (tags?.length) items = items.filter((d) => tags.some((tag) => d.tags.includes(tag)));
  if (needle) items = items.filter((d) => d.document_id.toLowerCase() === needle || d.document_name.toLowerCase().includes(needle));
  if (sort === 'descending') items.reverse();
  // No cap unless a test sets one (pagination.ts): the spec states none.
  const capped = world.settings.maxPageSize === undefined ? limit : Math.min(limit, world.settings.maxPageSize);
  return { data: items.slice(page * capped, (page + 1) * capped), total_count: items.length, page, limit: capped };
}

function wholeNumber(query: Record<string, string>, name: string, fallback: number, min: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new ReplyError(errorReply(400, `Invalid request: ${name} must be ${min === 0 ? 'a non-negative' : 'a positive'} integer`));
  }
  return Number(raw);
}

function updateDocument(world: World, id: string, body: unknown): Reply {
  const { document } = find(world, id);
  const sent = parse(updateSchema, body);
  if (sent.document_name !== undefined) document.document_name = sent.document_name;
  if (sent.tags !== undefined) document.tags = [...sent.tags];
  document.updated_at = isoTime(world.now());
  return jsonReply(200, document);
}

function recrawl(world: World, id: string, body: unknown): Reply {
  const found = find(world, id);
  const { document, job } = found;
  const sent = parse(z.strictObject({ crawl: crawlSchema.optional() }), body);
  if (!sent.crawl && !document.crawl_config) throw new ReplyError(errorReply(400, 'Document was not created with crawl configuration'));
  if (document.status !== 'ready' && document.status !== 'error') {
    throw new ReplyError(errorReply(409, `Document must be in 'ready' or 'error' state to recrawl, current status: ${document.status}`));
  }
  const last = document.last_crawled_at ? Date.parse(document.last_crawled_at) : undefined;
  if (last !== undefined && world.now() - last < RECRAWL_COOLDOWN_MS) {
    const minutes = Math.ceil((RECRAWL_COOLDOWN_MS - (world.now() - last)) / 60_000);
    throw new ReplyError(errorReply(429, `Recrawl cooldown: please wait ${minutes} minutes before recrawling this document.`));
  }
  if (sent.crawl) document.crawl_config = { ...sent.crawl };
  document.status = 'recrawling';
  document.error_message = null;
  document.updated_at = isoTime(world.now());
  job.startedAtMs = world.now();
  job.fails = false;
  report(world, document, job);
  return jsonReply(202, document);
}

export const documentRoutes: Route[] = [
  { method: 'POST', pattern: '/v2/documents', handle: ({ world, body }) => jsonReply(200, createDocument(world, body)) },
  { method: 'GET', pattern: '/v2/documents', handle: ({ world, query }) => jsonReply(200, listDocuments(world, query)) },
  { method: 'GET', pattern: '/v2/documents/:id', handle: ({ world, params }) => jsonReply(200, find(world, params.id ?? '').document) },
  { method: 'PATCH', pattern: '/v2/documents/:id', handle: ({ world, params, body }) => updateDocument(world, params.id ?? '', body) },
  {
    method: 'DELETE',
    pattern: '/v2/documents/:id',
    handle: ({ world, params }) => {
      find(world, params.id ?? '');
      world.state.documents.delete(params.id ?? '');
      return emptyReply(204);
    },
  },
  { method: 'POST', pattern: '/v2/documents/:id/recrawl', handle: ({ world, params, body }) => recrawl(world, params.id ?? '', body) },
];
