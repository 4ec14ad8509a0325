// Typed calls for /v2/objectives. An objectives set has no name in Tavus's API: its identity is its
// objectives_id, and people recognise it by its objectives' names. The list answers one item per
// objective (each carrying its set's objectives_id); `sets()` regroups them into sets.
import { z } from '../../zod.js';
import { asPage, defineResource, requestData, type Page, type ResourceContext } from '../types.js';
import { patchSet, readSetItems } from '../item-sets.js';
import { paginate } from '../paginate.js';
import { listResponseSchema } from '../schemas.js';
import type { JsonPatchOp } from '../objects.js';
import { lazySchema } from '../lazy-schema.js';

const optionalText = lazySchema(() => z.nullish(z.string()));

/** One objective as Tavus answers it. */
export const ObjectiveSchema = lazySchema(() => z.looseObject({
  objectives_id: optionalText,
  objective_name: z.string(),
  objective_prompt: optionalText,
  confirmation_mode: optionalText,
  output_variables: z.nullish(z.array(z.string())),
  modality: optionalText,
  next_conditional_objectives: z.nullish(z.record(z.string(), z.string())),
  next_required_objective: optionalText,
  callback_url: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
}));
export type Objective = z.infer<typeof ObjectiveSchema>;

/** One objective in a create body (validated before sending: a bad field is exit 2 naming it). */
export const ObjectiveBodySchema = lazySchema(() => z.strictObject({
  objective_name: z.string().check(z.regex(/^\S+$/, 'objective_name must be a name without spaces, e.g. "ask_if_new_patient"')),
  objective_prompt: z.string().check(z.minLength(1, 'objective_prompt is empty')),
  confirmation_mode: z.optional(z.enum(['auto', 'manual'])),
  output_variables: z.optional(z.array(z.string())),
  modality: z.optional(z.enum(['verbal', 'visual'])),
  next_conditional_objectives: z.optional(z.record(z.string(), z.string())),
  next_required_objective: z.optional(z.string()),
  callback_url: z.optional(z.url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })),
}));

export const ObjectivesCreateBodySchema = lazySchema(() => z.strictObject({
  data: z.array(ObjectiveBodySchema).check(z.minLength(1, 'data needs at least one objective')),
}));
export type ObjectivesCreateBody = z.infer<typeof ObjectivesCreateBodySchema>;

export const ObjectivesCreatedSchema = lazySchema(() => z.looseObject({ objectives_id: z.string(), status: optionalText, created_at: optionalText }));
export type ObjectivesCreated = z.infer<typeof ObjectivesCreatedSchema>;

/** A set as tavus-ten works with it: its id and its objectives in Tavus's order (PATCH paths index them). */
export interface ObjectivesSet {
  objectives_id: string;
  data: Objective[];
  created_at?: string | null;
  updated_at?: string | null;
}

export interface ObjectivesApi {
  /** One page of objectives (one item per objective, not per set). */
  list(query?: { limit?: number; page?: number }): Promise<Page<Objective>>;
  all(): AsyncIterable<Objective>;
  /** Every set, regrouped from the list, in the order first seen. */
  sets(): Promise<ObjectivesSet[]>;
  get(id: string): Promise<ObjectivesSet>;
  /** Never retried. */
  create(body: ObjectivesCreateBody): Promise<ObjectivesCreated>;
  update(id: string, patch: JsonPatchOp[]): Promise<{ changed: boolean }>;
  delete(id: string): Promise<void>;
}

const ObjectiveListSchema = lazySchema(() => listResponseSchema(ObjectiveSchema));

export function createObjectivesApi(resources: ResourceContext): ObjectivesApi {
  const { request } = resources;
  const path = (id: string) => `/objectives/${encodeURIComponent(id)}`;
  const listPage = async (query: { limit?: number; page?: number }) => {
    const { data } = await request({ method: 'GET', path: '/objectives', query: { ...query }, schema: ObjectiveListSchema });
    return data ?? { data: [] };
  };
  const all = () => paginate((page, limit) => listPage({ page, limit }));

  return {
    async list(query = {}) {
      return asPage(await listPage(query));
    },
    all,
    async sets() {
      const byId = new Map<string, ObjectivesSet>();
      for await (const objective of all()) {
        const id = objective.objectives_id;
        if (!id) continue;
        const set = byId.get(id) ?? { objectives_id: id, data: [], created_at: objective.created_at, updated_at: objective.updated_at };
        set.data.push(objective);
        byId.set(id, set);
      }
      return [...byId.values()];
    },
    async get(id) {
      const { status, data } = await requestData(resources, { method: 'GET', path: path(id) });
      const { items, top } = readSetItems(data, ObjectiveSchema, { status, method: 'GET', path: path(id), resources });
      return { objectives_id: typeof top.objectives_id === 'string' ? top.objectives_id : id, data: items, created_at: top.created_at as string | undefined, updated_at: top.updated_at as string | undefined };
    },
    async create(body) {
      const { data } = await requestData(resources, { method: 'POST', path: '/objectives', body, retry: false, schema: ObjectivesCreatedSchema });
      return data;
    },
    update: (id, patch) => patchSet(resources, path(id), patch),
    async delete(id) {
      await request({ method: 'DELETE', path: path(id) });
    },
  };
}

/** Objectives set: /v2/objectives. */
export const objectivesResource = defineResource<ObjectivesApi>({
  noun: 'objectives',
  paths: ['objectives'],
  mayExist: {
    create: 'The objectives set may have been created anyway: check with `tavus-ten objectives list` before trying again.',
    patch: (id) => `The change may have been applied anyway: check with \`tavus-ten objectives get ${id}\`.`,
  },
  calls: createObjectivesApi,
});
