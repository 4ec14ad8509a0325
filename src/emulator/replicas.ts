// /v2/replicas: list (replica_type, verbose, replica_ids, model_name), get, create (training:
// replica-training.ts), rename (PATCH …/name) and delete (200, `hard` accepted).
import { isoTime } from './ids.js';
import { newestFirst, paginate } from './pagination.js';
import { createReplica } from './replica-training.js';
import { emptyReply, errorReply, jsonReply, ReplyError } from './reply.js';
import type { Route } from './route.js';
import type { StoredReplica } from './types.js';
import { badRequestText, requireObjectBody } from './validation.js';
import type { World } from './world.js';

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes'].includes(value.toLowerCase());
}

/** GET /v2/replicas/{id}: the spec's example says `Invalid replica_id` here. */
export function findReplica(world: World, id: string): StoredReplica {
  const replica = world.state.replicas.get(id);
  if (!replica) throw new ReplyError(errorReply(400, 'Invalid replica_id'));
  return replica;
}

/**
 * A replica the account may change: stock (system) replicas are Tavus's, so a rename or delete of one is
 * refused exactly as an id the account does not own would be (400 Invalid replica_id), as for stock personas.
 */
function ownReplica(world: World, id: string): StoredReplica {
  const replica = findReplica(world, id);
  if (replica.replica_type === 'system') throw new ReplyError(errorReply(400, 'Invalid replica_id'));
  return replica;
}

/** List items omit updated_at and error_message; replica_type only with verbose. */
function listItem(replica: StoredReplica, verbose: boolean): Record<string, unknown> {
  const { updated_at: _updated, error_message: _error, replica_type, ...item } = replica;
  return verbose ? { ...item, replica_type } : item;
}

export function replicaDetail(replica: StoredReplica, verbose: boolean): Record<string, unknown> {
  const { replica_type, ...rest } = replica;
  return verbose ? { ...rest, replica_type } : rest;
}

export function listReplicas(world: World, query: Record<string, string>) {
  // An unknown replica_type matches nothing rather than being refused (the spec states no error).
  const type = query.replica_type;
  const ids = query.replica_ids?.split(',').map((id) => id.trim()).filter(Boolean);
  const model = query.model_name;
  const matches = newestFirst(world.state.replicas.values()).filter(
    (r) =>
      (type === undefined || r.replica_type === type) &&
      (ids === undefined || ids.includes(r.replica_id)) &&
      (model === undefined || r.model_name === model),
  );
  const page = paginate(matches, query, world.settings.maxPageSize);
  return { data: page.data.map((r) => listItem(r, isTrue(query.verbose))), total_count: page.total_count };
}

export const replicaRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/v2/replicas',
    handle: ({ world, query }) => jsonReply(200, listReplicas(world, query)),
  },
  {
    method: 'GET',
    pattern: '/v2/replicas/:id',
    handle: ({ world, params, query }) => jsonReply(200, replicaDetail(findReplica(world, params.id ?? ''), isTrue(query.verbose))),
  },
  {
    method: 'POST',
    pattern: '/v2/replicas',
    handle: ({ world, body }) => jsonReply(200, createReplica(world, body)),
  },
  {
    method: 'PATCH',
    pattern: '/v2/replicas/:id/name',
    handle: ({ world, params, body }) => {
      const replica = ownReplica(world, params.id ?? '');
      const name = requireObjectBody(body).replica_name;
      if (typeof name !== 'string' || name.trim() === '') {
        throw new ReplyError(errorReply(400, badRequestText('replica_name', 'Missing data for required field.')));
      }
      replica.replica_name = name;
      replica.updated_at = isoTime(world.now());
      return emptyReply(200);
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/replicas/:id',
    handle: ({ world, params }) => {
      const replica = ownReplica(world, params.id ?? '');
      world.state.replicas.delete(replica.replica_id);
      world.state.trainings.delete(replica.replica_id);
      return emptyReply(200);
    },
  },
];
