// Typed calls for /v2/documents (the knowledge base). Tavus pages this list from 0, unlike every
// other list: callers here count pages from 1 (as --page does) and the call sends page - 1.
// Update is a plain object of document_name and tags, not a JSON Patch. Creates are never retried.
import { z } from '../../zod.js';
import { asPage, defineResource, requestData, type Page, type ResourceContext } from '../types.js';
import { paginate } from '../paginate.js';
import { listResponseSchema } from '../schemas.js';
import { lazySchema } from '../lazy-schema.js';

const optionalText = lazySchema(() => z.nullish(z.string()));

/** Tavus's processing states; an unknown one is kept as text. */
export const DOCUMENT_STATUSES = ['started', 'processing', 'ready', 'error', 'recrawling'] as const;

export const CrawlSchema = lazySchema(() => z.strictObject({
  depth: z.optional(z.int().check(z.gte(1, 'depth is from 1 to 10'), z.lte(10, 'depth is from 1 to 10'))),
  max_pages: z.optional(z.int().check(z.gte(1, 'max_pages is from 1 to 100'), z.lte(100, 'max_pages is from 1 to 100'))),
}));
export type Crawl = z.infer<typeof CrawlSchema>;

export const DocumentSchema = lazySchema(() => z.looseObject({
  document_id: z.string(),
  document_name: optionalText,
  document_url: optionalText,
  status: optionalText,
  progress: z.nullish(z.number()),
  error_message: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  callback_url: optionalText,
  tags: z.nullish(z.array(z.string())),
  crawl_config: z.nullish(z.looseObject({ depth: z.nullish(z.number()), max_pages: z.nullish(z.number()) })),
  crawled_urls: z.nullish(z.array(z.string())),
  last_crawled_at: optionalText,
  crawl_count: z.nullish(z.number()),
}));
export type TavusDocument = z.infer<typeof DocumentSchema>;

/** `POST /documents`: a URL to a file or a website; `crawl` follows links from a website. */
export const DocumentCreateBodySchema = lazySchema(() => z.strictObject({
  document_url: z.url({ protocol: /^https?$/, error: 'document_url must be an http(s) URL' }),
  document_name: z.optional(z.string().check(z.minLength(1, 'document_name is empty'), z.maxLength(1000))),
  callback_url: z.optional(z.url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })),
  tags: z.optional(z.array(z.string().check(z.minLength(1, 'a tag is empty')))),
  crawl: z.optional(CrawlSchema),
}));
export type DocumentCreateBody = z.infer<typeof DocumentCreateBodySchema>;

export interface DocumentListQuery {
  limit?: number;
  /** From 1, as everywhere in tavus-ten; sent to Tavus as page - 1. */
  page?: number;
  sort?: 'ascending' | 'descending';
  status?: string;
  name_or_uuid?: string;
  /** Comma-separated. */
  tags?: string;
}

export interface DocumentsApi {
  list(query?: DocumentListQuery): Promise<Page<TavusDocument>>;
  all(query?: Omit<DocumentListQuery, 'limit' | 'page'>): AsyncIterable<TavusDocument>;
  get(id: string): Promise<TavusDocument>;
  /** Never retried: a second try could make a second document. */
  create(body: DocumentCreateBody): Promise<TavusDocument>;
  /** Only the fields given are sent. */
  update(id: string, fields: { document_name?: string; tags?: string[] }): Promise<TavusDocument | undefined>;
  delete(id: string): Promise<void>;
  /** 202 with the document, status `recrawling`. `crawl` overrides the stored settings for this run. */
  recrawl(id: string, crawl?: Crawl): Promise<TavusDocument>;
}

const DocumentListSchema = lazySchema(() => listResponseSchema(DocumentSchema));

export function createDocumentsApi(resources: ResourceContext): DocumentsApi {
  const { request } = resources;
  const listPage = async ({ page, ...query }: DocumentListQuery) => {
    const { data } = await request({
      method: 'GET',
      path: '/documents',
      query: { ...query, page: page === undefined ? undefined : page - 1 },
      schema: DocumentListSchema,
    });
    return data ?? { data: [] };
  };
  const path = (id: string) => `/documents/${encodeURIComponent(id)}`;

  return {
    async list(query = {}) {
      return asPage(await listPage(query));
    },
    all(query = {}) {
      return paginate((page, limit) => listPage({ ...query, page, limit }));
    },
    async get(id) {
      const { data } = await requestData(resources, { method: 'GET', path: path(id), schema: DocumentSchema });
      return data;
    },
    async create(body) {
      const { data } = await requestData(resources, { method: 'POST', path: '/documents', body, retry: false, schema: DocumentSchema });
      return data;
    },
    async update(id, fields) {
      const { data } = await request({ method: 'PATCH', path: path(id), body: fields, schema: z.optional(DocumentSchema) });
      return data;
    },
    async delete(id) {
      await request({ method: 'DELETE', path: path(id) });
    },
    async recrawl(id, crawl) {
      const { data } = await requestData(resources, { method: 'POST', path: `${path(id)}/recrawl`, body: crawl ? { crawl } : undefined, retry: false, schema: DocumentSchema });
      return data;
    },
  };
}

/** Knowledge-base document: /v2/documents. */
export const documentResource = defineResource<DocumentsApi>({
  noun: 'document',
  paths: ['documents'],
  mayExist: {
    create: 'The document may have been created anyway: check with `tavus-ten document list` before trying again.',
    patch: (id) => `The change may have been applied anyway: check with \`tavus-ten document get ${id}\`.`,
  },
  calls: createDocumentsApi,
});
