// Typed calls for /v2/guardrails. A set is created with a `name`; the list answers only ids and
// times, so finding a set by name reads each set (`get`). Changes are JSON Patches on the set's
// document (`/data/0/guardrail_prompt`); a 304 means nothing changed.
import { z } from '../../zod.js';
import { asPage, defineResource, requestData, type Page, type ResourceContext } from '../types.js';
import { patchSet, readSetItems } from '../item-sets.js';
import { paginate } from '../paginate.js';
import { listResponseSchema } from '../schemas.js';
import type { JsonPatchOp } from '../objects.js';
import { lazySchema } from '../lazy-schema.js';

const optionalText = lazySchema(() => z.nullish(z.string()));

export const GuardrailSchema = lazySchema(() => z.looseObject({
  guardrail_name: z.string(),
  guardrail_prompt: optionalText,
  modality: optionalText,
  callback_url: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
}));
export type Guardrail = z.infer<typeof GuardrailSchema>;

export const GuardrailBodySchema = lazySchema(() => z.strictObject({
  guardrail_name: z.string().check(z.regex(/^[A-Za-z0-9_]+$/, 'guardrail_name may hold only letters, digits and "_", e.g. "no_prices"')),
  guardrail_prompt: z.string().check(z.minLength(1, 'guardrail_prompt is empty')),
  modality: z.optional(z.enum(['verbal', 'visual'])),
  callback_url: z.optional(z.url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })),
}));

export const GuardrailsCreateBodySchema = lazySchema(() => z.strictObject({
  name: z.optional(z.string().check(z.minLength(1, 'name is empty'))),
  data: z.array(GuardrailBodySchema).check(z.minLength(1, 'data needs at least one guardrail')),
}));
export type GuardrailsCreateBody = z.infer<typeof GuardrailsCreateBodySchema>;

export const GuardrailsCreatedSchema = lazySchema(() => z.looseObject({ guardrails_id: z.string(), guardrails_name: optionalText, status: optionalText, created_at: optionalText }));
export type GuardrailsCreated = z.infer<typeof GuardrailsCreatedSchema>;

export const GuardrailsListItemSchema = lazySchema(() => z.looseObject({ guardrails_id: z.string(), created_at: optionalText, updated_at: optionalText }));
export type GuardrailsListItem = z.infer<typeof GuardrailsListItemSchema>;

export interface GuardrailsSet {
  guardrails_id: string;
  /** The set's name as created (`name`), answered as `guardrails_name`; null when it had none. */
  guardrails_name: string | null;
  data: Guardrail[];
  created_at?: string | null;
  updated_at?: string | null;
}

export interface GuardrailsApi {
  list(query?: { limit?: number; page?: number }): Promise<Page<GuardrailsListItem>>;
  all(): AsyncIterable<GuardrailsListItem>;
  get(id: string): Promise<GuardrailsSet>;
  /** Every set, each read in full (the list carries no names). */
  sets(): Promise<GuardrailsSet[]>;
  /** Never retried. */
  create(body: GuardrailsCreateBody): Promise<GuardrailsCreated>;
  update(id: string, patch: JsonPatchOp[]): Promise<{ changed: boolean }>;
  delete(id: string): Promise<void>;
}

const GuardrailsListSchema = lazySchema(() => listResponseSchema(GuardrailsListItemSchema));

export function createGuardrailsApi(resources: ResourceContext): GuardrailsApi {
  const { request } = resources;
  const path = (id: string) => `/guardrails/${encodeURIComponent(id)}`;
  const listPage = async (query: { limit?: number; page?: number }) => {
    const { data } = await request({ method: 'GET', path: '/guardrails', query: { ...query }, schema: GuardrailsListSchema });
    return data ?? { data: [] };
  };
  const all = () => paginate((page, limit) => listPage({ page, limit }));
  const get = async (id: string): Promise<GuardrailsSet> => {
    const { status, data } = await requestData(resources, { method: 'GET', path: path(id) });
    const { items, top } = readSetItems(data, GuardrailSchema, { status, method: 'GET', path: path(id), resources });
    const name = top.guardrails_name ?? top.name;
    return {
      guardrails_id: typeof top.guardrails_id === 'string' ? top.guardrails_id : id,
      guardrails_name: typeof name === 'string' ? name : null,
      data: items,
      created_at: top.created_at as string | undefined,
      updated_at: top.updated_at as string | undefined,
    };
  };

  return {
    async list(query = {}) {
      return asPage(await listPage(query));
    },
    all,
    get,
    async sets() {
      const ids: string[] = [];
      for await (const item of all()) ids.push(item.guardrails_id);
      const sets: GuardrailsSet[] = [];
      // One at a time: Tavus publishes no rate limit, and an account holds a handful of sets.
      for (const id of ids) sets.push(await get(id));
      return sets;
    },
    async create(body) {
      const { data } = await requestData(resources, { method: 'POST', path: '/guardrails', body, retry: false, schema: GuardrailsCreatedSchema });
      return data;
    },
    update: (id, patch) => patchSet(resources, path(id), patch),
    async delete(id) {
      await request({ method: 'DELETE', path: path(id) });
    },
  };
}

/** Guardrails set: /v2/guardrails. */
export const guardrailsResource = defineResource<GuardrailsApi>({
  noun: 'guardrails',
  paths: ['guardrails'],
  mayExist: {
    create: 'The guardrails set may have been created anyway: check with `tavus-ten guardrails list` before trying again.',
    patch: (id) => `The change may have been applied anyway: check with \`tavus-ten guardrails get ${id}\`.`,
  },
  calls: createGuardrailsApi,
});
