// POST /v2/replicas and what follows: a new replica trains on the emulator clock (`started` with a
// growing `training_progress`, then `completed`, or `error` for media asking to fail), and when it is
// done its callback_url gets Tavus's documented body: `{replica_id, status: "ready"}`, or
// `{replica_id, status: "error", error_message}`.
import * as z from 'zod';
import { isoTime, newId } from './ids.js';
import { asksForFailure, replicaTraining } from './progression.js';
import { errorReply, ReplyError } from './reply.js';
import type { StoredReplica } from './types.js';
import { parseOrBadRequest, requireObjectBody } from './validation.js';
import type { World } from './world.js';

export const TRAINING_ERROR_MESSAGE =
  'Training failed: the consent statement could not be verified in the training video. See https://docs.tavus.io/sections/troubleshooting/consent-statement';

const MODELS = ['phoenix-3', 'phoenix-4'] as const;

const createSchema = z.looseObject({
  replica_name: z.string().optional(),
  train_video_url: z.string().optional(),
  train_image_url: z.string().optional(),
  consent_video_url: z.string().optional(),
  voice_name: z.string().optional(),
  auto_fix_training_image: z.boolean().optional(),
  callback_url: z.string().optional(),
  model_name: z.enum(MODELS).optional(),
  properties: z.looseObject({ background_green_screen: z.boolean().optional() }).optional(),
});

/** Voice slugs: the stock replicas' names, lower-cased (the spec: "case-insensitive, e.g. anna"). */
function voiceNames(world: World): Set<string> {
  return new Set([...world.state.replicas.values()].filter((r) => r.replica_type === 'system').map((r) => r.replica_name.split(/\s/)[0]!.toLowerCase()));
}

export function createReplica(world: World, body: unknown): { replica_id: string; status: 'started' } {
  const sent = parseOrBadRequest(createSchema, requireObjectBody(body));
  const video = sent.train_video_url?.trim() || undefined;
  const image = sent.train_image_url?.trim() || undefined;
  if (!video && !image) throw new ReplyError(errorReply(400, 'Either train_video_url or train_image_url must be provided.'));
  if (video && image) throw new ReplyError(errorReply(400, 'Provide only one of train_video_url or train_image_url.'));
  if (image && !sent.voice_name) throw new ReplyError(errorReply(400, 'voice_name is required when train_image_url is provided.'));
  if (sent.voice_name && !voiceNames(world).has(sent.voice_name.toLowerCase())) {
    throw new ReplyError(errorReply(400, `Invalid voice_name: ${sent.voice_name}`));
  }
  const at = world.now();
  const replica: StoredReplica = {
    replica_id: newId('r', world.state.replicas),
    replica_name: sent.replica_name ?? `Replica ${isoTime(at).slice(0, 10)}`,
    thumbnail_video_url: video ?? image ?? '',
    training_progress: '0/100',
    status: 'started',
    created_at: isoTime(at),
    updated_at: isoTime(at),
    error_message: null,
    replica_type: 'user',
    model_name: sent.model_name ?? 'phoenix-4',
  };
  world.state.replicas.set(replica.replica_id, replica);
  world.state.trainings.set(replica.replica_id, {
    startedAtMs: at,
    fails: asksForFailure(video, image, sent.consent_video_url),
    callbackUrl: sent.callback_url ?? null,
  });
  return { replica_id: replica.replica_id, status: 'started' };
}

/** Brings every training replica up to the clock; sends the callback of each that just finished. */
export function advanceTrainings(world: World): void {
  for (const [id, job] of world.state.trainings) {
    const replica = world.state.replicas.get(id);
    if (!replica) {
      world.state.trainings.delete(id);
      continue;
    }
    const stage = replicaTraining(job.fails).at(world.now() - job.startedAtMs);
    if (replica.status !== stage.status || replica.training_progress !== `${stage.percent}/100`) {
      replica.status = stage.status;
      replica.training_progress = `${stage.percent}/100`;
      replica.error_message = stage.status === 'error' ? TRAINING_ERROR_MESSAGE : null;
      replica.updated_at = isoTime(world.now());
    }
    if (stage.status === 'started') continue;
    world.state.trainings.delete(id);
    // Deleted above, so each job's final callback is sent once.
    if (job.callbackUrl) {
      const body =
        stage.status === 'completed'
          ? { replica_id: id, status: 'ready' }
          : { replica_id: id, status: 'error', error_message: TRAINING_ERROR_MESSAGE };
      world.callbacks.send(job.callbackUrl, 'replica.training', body);
    }
  }
}
