// Why a replica cannot join a conversation yet, in the words every command uses for it.
import type { Replica } from '../../api/client.js';
import { withoutFinalPeriod } from '../../io/sentence.js';

type ReplicaStatus = Pick<Replica, 'status' | 'training_progress' | 'error_message'>;

/**
 * `is still training (status started, 40/100)` or `failed training (the reason)`, to follow the
 * replica's name; undefined when it can talk (completed, or Tavus gave no status).
 */
export function replicaNotReady(replica: ReplicaStatus): string | undefined {
  const status = replica.status;
  if (status === undefined || status === null || status === 'completed') return undefined;
  if (status === 'error') return `failed training${replica.error_message ? ` (${withoutFinalPeriod(replica.error_message)})` : ''}`;
  return `is still training (status ${status}${replica.training_progress ? `, ${replica.training_progress}` : ''})`;
}
