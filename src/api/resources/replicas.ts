// Typed calls for /v2/replicas (read-only here: replicas are trained in Tavus's dashboard).
import { defineResource, type Page, type ResourceContext } from '../types.js';
import { paginate } from '../paginate.js';
import { listResponseSchema, ReplicaSchema } from '../schemas.js';
import type { Replica } from '../schemas.js';

export interface ReplicaListQuery {
  limit?: number;
  page?: number;
  replica_type?: 'user' | 'system';
  verbose?: boolean;
}

export interface ReplicasApi {
  list(query?: ReplicaListQuery): Promise<Page<Replica>>;
  get(id: string): Promise<Replica>;
  /** Every replica, page after page (limit and page are chosen here). */
  all(query?: Omit<ReplicaListQuery, 'limit' | 'page'>): AsyncIterable<Replica>;
}

const ReplicaListSchema = listResponseSchema(ReplicaSchema);

export function createReplicasApi({ request, contextFor, emptyAnswer }: ResourceContext): ReplicasApi {
  const listPage = async (query: ReplicaListQuery) => {
    const { data } = await request({ method: 'GET', path: '/replicas', query: { ...query }, schema: ReplicaListSchema });
    return data ?? { data: [] };
  };

  return {
    async list(query = {}) {
      const page = await listPage(query);
      return { data: page.data, total_count: page.total_count ?? page.data.length };
    },

    async get(id) {
      const path = `/replicas/${encodeURIComponent(id)}`;
      const { status, data } = await request({ method: 'GET', path, schema: ReplicaSchema });
      if (data === undefined) throw emptyAnswer(status, contextFor('GET', path));
      return data;
    },

    all(query = {}) {
      return paginate((page, limit) => listPage({ ...query, page, limit }));
    },
  };
}

/** Replica (Tavus's face): /v2/replicas, also answered at /v2/faces. */
export const replicaResource = defineResource<ReplicasApi>({
  noun: 'replica',
  paths: ['replicas', 'faces'],
  mayExist: {
    create: null,
    patch: null,
  },
  calls: createReplicasApi,
});
