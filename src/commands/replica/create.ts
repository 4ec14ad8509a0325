// `replica create`: train a replica from a video (with its consent statement, or a separate consent
// video) or from an image and a stock voice. Never retried: a second try would train, and bill, a second
// replica. `--wait` follows training to `completed`, or exits 1 with Tavus's error_message.
import * as z from '../../zod.js';
import type { Replica, ReplicaCreateBody } from '../../api/client.js';
import { UsageError, type ErrorJson } from '../../errors.js';
import type { Context } from '../../context.js';
import { defineCommand, option } from '../kit.js';
import { printDryRun } from '../common/dry-run.js';
import { goneWithMockHint } from '../common/mock-gone.js';
import { follow, POLL_INTERVAL_OPTION } from '../common/follow.js';
import { httpUrl, optionalText, parseFlag } from '../../flags.js';

const text = z.optional(z.string());

export const replicaCreate = defineCommand({
  names: ['create'],
  description: 'train a new replica from a video (or an image and a voice); --wait follows training',
  options: {
    trainVideoUrl: option('--train-video-url <url>', 'a direct download link to the training video (it opens with the consent statement unless --consent-video-url is given)', text),
    consentVideoUrl: option('--consent-video-url <url>', 'a separate video holding only the consent statement', text),
    trainImageUrl: option('--train-image-url <url>', 'train from an image instead of a video (needs --voice-name)', text),
    voiceName: option('--voice-name <slug>', "a stock replica's voice, e.g. anna (required with --train-image-url)", text),
    name: option('--name <name>', 'replica_name', text),
    model: option('--model <name>', "model_name, e.g. phoenix-4 (Tavus's default) or phoenix-3", text),
    callbackUrl: option('--callback-url <url>', 'Tavus POSTs {replica_id, status} here when training completes or fails', text),
    wait: option('--wait', 'follow training until completed (exit 0) or error (exit 1)', z.optional(z.boolean())),
    dryRun: option('--dry-run', 'print the request (key masked) and send nothing', z.optional(z.boolean())),
    pollInterval: POLL_INTERVAL_OPTION,
  },
  examples: [
    'tavus-ten replica create --train-video-url https://example.com/me.mp4 --name "Me" --wait',
    'tavus-ten replica create --train-image-url https://example.com/me.png --voice-name anna -q',
    'tavus-ten replica create --train-video-url https://example.com/me.mp4 --consent-video-url https://example.com/consent.mp4 --dry-run',
  ],
  handler: (ctx, opts) => createCommand(ctx, opts),
});

/** The create body the flags describe; exit 2 naming the flag for anything Tavus would refuse. Pure. */
export function replicaBodyFromFlags(opts: Record<string, unknown>): ReplicaCreateBody {
  const video = httpUrl(opts.trainVideoUrl, '--train-video-url', 'https://example.com/train.mp4');
  const image = httpUrl(opts.trainImageUrl, '--train-image-url', 'https://example.com/face.jpg');
  if (!video && !image) {
    throw new UsageError('Nothing to train from: pass --train-video-url or --train-image-url.', {
      hint: 'e.g. --train-video-url https://example.com/training.mp4 (a direct download link, such as a presigned S3 URL).',
    });
  }
  if (video && image) throw new UsageError('--train-video-url and --train-image-url cannot be used together.', { hint: 'Train from one video or one image.' });
  const voice = opts.voiceName === undefined ? undefined : parseFlag(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9_-]+$/, 'expected a voice slug such as anna')), opts.voiceName, '--voice-name', 'Pass a stock voice slug, e.g. --voice-name anna.');
  if (image && !voice) throw new UsageError('--train-image-url needs --voice-name.', { hint: 'Pick a stock voice, e.g. --voice-name anna.' });
  const consent = httpUrl(opts.consentVideoUrl, '--consent-video-url', 'https://example.com/consent.mp4');
  if (consent && image) throw new UsageError('--consent-video-url goes with --train-video-url, not with an image.', { hint: 'Drop --consent-video-url.' });
  const body: ReplicaCreateBody = {};
  if (video) body.train_video_url = video;
  if (image) body.train_image_url = image;
  if (consent) body.consent_video_url = consent;
  if (voice) body.voice_name = voice;
  const name = optionalText(opts.name, '--name', 1000);
  if (name) body.replica_name = name;
  const model = opts.model === undefined ? undefined : parseFlag(z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a model name such as phoenix-4')), opts.model, '--model', 'Pass e.g. --model phoenix-4.');
  if (model) body.model_name = model;
  const callback = httpUrl(opts.callbackUrl, '--callback-url');
  if (callback) body.callback_url = callback;
  return body;
}

async function createCommand(ctx: Context, opts: Record<string, unknown> & { pollInterval: number }): Promise<number | void> {
  const { output } = ctx;
  const body = replicaBodyFromFlags(opts);
  const pollMs = opts.pollInterval;
  if (opts.dryRun === true) {
    await printDryRun(ctx, { method: 'POST', path: '/replicas', body });
    return;
  }
  const client = await ctx.client();
  const created = await client.replicas.create(body);
  const id = created.replica_id;
  if (opts.wait !== true) {
    if (output.json) output.printJson(created);
    else if (output.quiet) output.printIds([id]);
    else {
      output.success(`Training replica ${id} (${created.status ?? 'started'}).`);
      output.printFields([['id', id], ['status', created.status]]);
      output.info(output.chalk.dim(ctx.global.mock ? goneWithMockHint(`replica ${id}`) : `Follow it with \`tavus-ten replica get ${id}\`; only completed replicas can talk.`));
    }
    return;
  }
  output.info(`Training replica ${id}.`);
  const done: Replica = await follow(ctx, {
    what: `replica ${id}`,
    first: { replica_id: id, status: created.status ?? 'started', training_progress: null } as Replica,
    fetch: () => client.replicas.get(id),
    progress: trainingProgress,
    pollMs,
  });
  if (output.json) output.printJson(done);
  else if (output.quiet) output.printIds([id]);
  if (done.status === 'error') {
    const error: ErrorJson = {
      code: 'check_failed',
      message: `Replica ${id} failed training${done.error_message ? `: ${done.error_message}` : '.'}`,
      status: null,
      hint: 'Check the training video and consent statement, then train again with `tavus-ten replica create`.',
    };
    output.error(error);
    return 1;
  }
  if (!output.json && !output.quiet) output.success(`Replica ${id} is trained (completed): use it with --replica ${id}.`);
}

/** `training_progress` is text such as "40/100". */
export function trainingProgress(replica: Replica): { status: string; percent?: number; done: boolean } {
  const status = replica.status ?? 'started';
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(replica.training_progress ?? '');
  const percent = match && Number(match[2]) > 0 ? Math.round((Number(match[1]) / Number(match[2])) * 100) : undefined;
  return { status, percent, done: status === 'completed' || status === 'error' };
}
