// Typed calls for /v2/replicas: list, get, and training a new one (create: never retried, a second
// try would train, and bill, a second replica), rename (PATCH …/name), delete.
import { z } from '../../zod.js';
import { asPage, defineResource, requestData, type Page, type ResourceContext } from '../types.js';
import { paginate } from '../paginate.js';
import { listResponseSchema, ReplicaSchema } from '../schemas.js';
import type { Replica } from '../objects.js';
import { lazySchema } from '../lazy-schema.js';

export interface ReplicaListQuery {
  limit?: number;
  page?: number;
  replica_type?: 'user' | 'system';
  verbose?: boolean;
}

/** `POST /replicas`: train from a video or from an image (which needs a voice). */
export const ReplicaCreateBodySchema = lazySchema(() => z.strictObject({
  replica_name: z.optional(z.string().check(z.minLength(1))),
  train_video_url: z.optional(z.string()),
  train_image_url: z.optional(z.string()),
  consent_video_url: z.optional(z.string()),
  voice_name: z.optional(z.string()),
  auto_fix_training_image: z.optional(z.boolean()),
  callback_url: z.optional(z.string()),
  model_name: z.optional(z.string()),
  properties: z.optional(z.looseObject({ background_green_screen: z.optional(z.boolean()) })),
}));
export type ReplicaCreateBody = z.infer<typeof ReplicaCreateBodySchema>;

export const ReplicaCreatedSchema = lazySchema(() => z.looseObject({ replica_id: z.string(), status: z.nullish(z.string()) }));
export type ReplicaCreated = z.infer<typeof ReplicaCreatedSchema>;

export interface ReplicasApi {
  list(query?: ReplicaListQuery): Promise<Page<Replica>>;
  get(id: string): Promise<Replica>;
  /** Starts training; answers `{replica_id, status: "started"}`. Never retried. */
  create(body: ReplicaCreateBody): Promise<ReplicaCreated>;
  rename(id: string, name: string): Promise<void>;
  /** `hard` also removes the training footage (irrevocable). */
  delete(id: string, options?: { hard?: boolean }): Promise<void>;
  /** Every replica, page after page (limit and page are chosen here). */
  all(query?: Omit<ReplicaListQuery, 'limit' | 'page'>): AsyncIterable<Replica>;
}

const ReplicaListSchema = lazySchema(() => listResponseSchema(ReplicaSchema));

export function createReplicasApi(resources: ResourceContext): ReplicasApi {
  const { request } = resources;
  const listPage = async (query: ReplicaListQuery) => {
    const { data } = await request({ method: 'GET', path: '/replicas', query: { ...query }, schema: ReplicaListSchema });
    return data ?? { data: [] };
  };

  return {
    async list(query = {}) {
      return asPage(await listPage(query));
    },

    async get(id) {
      const { data } = await requestData(resources, { method: 'GET', path: `/replicas/${encodeURIComponent(id)}`, schema: ReplicaSchema });
      return data;
    },

    all(query = {}) {
      return paginate((page, limit) => listPage({ ...query, page, limit }), { keyOf: (item) => item.replica_id });
    },

    async create(body) {
      const { data } = await requestData(resources, { method: 'POST', path: '/replicas', body, retry: false, schema: ReplicaCreatedSchema });
      return data;
    },

    async rename(id, name) {
      await request({ method: 'PATCH', path: `/replicas/${encodeURIComponent(id)}/name`, body: { replica_name: name }, retry: false });
    },

    async delete(id, options = {}) {
      await request({ method: 'DELETE', path: `/replicas/${encodeURIComponent(id)}`, query: { hard: options.hard ? true : undefined } });
    },
  };
}

/** Replica (Tavus's face): /v2/replicas, also answered at /v2/faces. */
export const replicaResource = defineResource<ReplicasApi>({
  noun: 'replica',
  paths: ['replicas', 'faces'],
  mayExist: {
    create: 'The replica may be training anyway (a second create would train, and bill, another): check with `tavus-ten replica list --type user`.',
    patch: null,
  },
  calls: createReplicasApi,
});
