// `tavus-ten smoke`: for CI. Runs doctor's Tavus checks, creates a conversation — test_mode by default
// (no cost, no concurrency slot), a real one with --live — verifies it, and always ends what it
// started: on success, on failure, and on Ctrl-C or SIGTERM. Each step is timed; --json is the report.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import * as z from 'zod/mini';
import type { Conversation, ConversationCreateBody, TavusClient } from '../api/client.js';
import { shutdownReasonOf } from '../api/resources/conversations.js';
import { CheckFailedError, InterruptedError, interruptionOf, UsageError } from '../errors.js';
import type { Context, Runtime } from '../context.js';
import { SAFE_CONVERSATION_PROPERTIES } from '../conversations/defaults.js';
import { joinUrl } from '../conversations/join-url.js';
import { checkLivekitUrl } from '../livekit/url.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { mintAvatarToken } from '../livekit/token.js';
import { addCommands, defineCommand, option, type OptionValues } from './kit.js';
import { isTavusLocal } from './common/tavus-local.js';
import { CheckList, fail, pass, skip, type CheckResult, type Outcome } from './doctor/checks.js';
import { formatTiming } from '../durations.js';
import { checkJson, renderChecklist, summarize } from './doctor/report.js';
import { isEchoLivekit, runTavusChecks } from './doctor/tavus.js';
import { resourceId } from '../flags.js';
import { tavusTenCommand, type TargetFlags } from '../shell-command.js';

/** A live smoke conversation ends itself after this long even if every end call were lost. */
export const LIVE_MAX_CALL_DURATION_S = 120;
const ENDED_POLLS = 20;
const ENDED_POLL_INTERVAL_MS = 500;

export function registerSmokeCommand(program: Command, runtime: Runtime): void {
  addCommands(program, runtime, [smoke]);
}

/** Ids are checked in the handler (resourceId), as every command checks them. */
const SMOKE_OPTIONS = {
  persona: option('--persona <id>', 'persona to start the conversation with (env TAVUS_PERSONA_ID)', z.optional(z.string()), { setting: 'personaId' }),
  replica: option('--replica <id>', 'replica to start the conversation with (env TAVUS_REPLICA_ID)', z.optional(z.string()), { setting: 'replicaId' }),
  live: option(
    '--live',
    `create a real conversation (billed, holds a concurrency slot, at most ${LIVE_MAX_CALL_DURATION_S} s) and always end it`,
    z.optional(z.boolean()),
  ),
  livekitUrl: option('--livekit-url <url>', 'LiveKit server URL, for an echo + livekit persona (env LIVEKIT_URL)', z.optional(z.string()), { setting: 'livekitUrl' }),
  livekitApiKey: option('--livekit-api-key <key>', 'LiveKit API key (env LIVEKIT_API_KEY)', z.optional(z.string()), { setting: 'livekitApiKey' }),
  livekitApiSecret: option('--livekit-api-secret <secret>', 'LiveKit API secret (env LIVEKIT_API_SECRET; prefer the env)', z.optional(z.string()), {
    setting: 'livekitApiSecret',
  }),
};

const smoke = defineCommand({
  names: ['smoke'],
  description: 'for CI: start a free test_mode conversation, verify it, and end it',
  options: SMOKE_OPTIONS,
  examples: [
    'tavus-ten smoke --replica r90bbd427f71',
    'tavus-ten smoke --persona pcb7a34da5fe --json > smoke-report.json',
    'tavus-ten smoke --live          # a real conversation, ended before exit (also on Ctrl-C)',
  ],
  handler: (ctx, opts) => runSmoke(ctx, opts),
});

async function runSmoke(ctx: Context, opts: OptionValues<typeof SMOKE_OPTIONS>): Promise<void> {
  if (opts.persona !== undefined) resourceId(opts.persona, '--persona');
  if (opts.replica !== undefined) resourceId(opts.replica, '--replica');
  const { settings } = ctx;
  // --mock: the emulator's stock persona, as `conversation start --mock` and `serve --mock` do.
  if (ctx.global.mock && !settings.personaId.value && !settings.replicaId.value) {
    const { STOCK_PERSONA_ID } = await import('../emulator/seed.js');
    settings.personaId = { value: STOCK_PERSONA_ID, source: 'mock', origin: "the emulator's stock persona" };
    ctx.output.info(ctx.output.chalk.dim(`Using the emulator's stock persona ${STOCK_PERSONA_ID}; choose another with --persona.`));
  }
  const personaId = settings.personaId.value;
  const replicaId = settings.replicaId.value;
  if (!personaId && !replicaId) {
    throw new UsageError('smoke needs a replica or a persona to start the conversation with.', {
      hint: 'Pass --replica ID or --persona ID, or set TAVUS_REPLICA_ID / TAVUS_PERSONA_ID (see `tavus-ten replica list`).',
    });
  }
  const live = opts.live === true;
  const started = performance.now();
  const list = new CheckList();
  let conversation: Conversation | undefined;

  const facts = await runTavusChecks({ list, settings: { ...settings, ...(await ctx.tavus()) }, client: () => ctx.client(), offline: false, mode: 'any' });
  const body: ConversationCreateBody = {
    conversation_name: `tavus-ten smoke ${new Date(ctx.now()).toISOString()}`,
    ...(personaId ? { persona_id: personaId } : {}),
    ...(replicaId ? { replica_id: replicaId } : {}),
    ...(live ? {} : { test_mode: true }),
    properties: { ...SAFE_CONVERSATION_PROPERTIES, ...(live ? { max_call_duration: LIVE_MAX_CALL_DURATION_S } : {}) },
  };
  let ready = facts.ok;
  if (ready && facts.persona && isEchoLivekit(facts.persona)) {
    const token = await list.run('LiveKit', 'livekit.token', () => livekitProperties(ctx, body));
    ready = token.status !== 'fail';
    // The avatar would be refused by a server that rejects the key pair: a failure, even in test_mode.
    if (ready) ready = (await list.run('LiveKit', 'livekit.server', () => livekitServerAccepts(ctx))).status !== 'fail';
  }

  // Created with a client Ctrl-C does not abort: a create cut short may still exist and bill, so it is
  // always awaited and then ended. `finish` runs once, whatever happened; it is also registered with
  // main's interrupt cleanups, so nothing is left running however the command stops.
  const cleanup = await ctx.cleanupClient();
  let creating: Promise<Conversation> | undefined;
  let finishing: Promise<void> | undefined;
  const finish = (): Promise<void> =>
    (finishing ??= (async () => {
      const created = await creating?.catch(() => undefined);
      if (!created) return;
      await list.run('Conversation', 'conversation.end', async () => {
        await cleanup.conversations.end(created.conversation_id);
        return pass(`Ended ${created.conversation_id}.`);
      });
      await list.run('Conversation', 'conversation.ended', () => confirmEnded(cleanup, created.conversation_id, ctx.global));
    })());
  const unregister = ctx.onInterrupt(finish);
  let stopped: unknown;
  try {
    if (!ready) {
      list.add('Conversation', 'conversation.create', skip('Not attempted: a check above failed.'));
    } else {
      throwIfInterrupted(ctx.signal);
      await list.run('Conversation', 'conversation.create', async () => {
        const onSignal = () =>
          ctx.output.info('Waiting for Tavus to answer the create, so the conversation can be ended (Ctrl-C again to quit now).');
        ctx.signal.addEventListener('abort', onSignal, { once: true });
        try {
          creating = cleanup.conversations.create(body);
          conversation = await creating;
        } finally {
          ctx.signal.removeEventListener('abort', onSignal);
        }
        return pass(
          `Created ${conversation.conversation_id}${live ? ' (live: billed until it ends)' : ' (test_mode: no cost, no concurrency slot)'}.`,
        );
      });
      throwIfInterrupted(ctx.signal);
      const created = conversation;
      if (created) {
        await list.run('Conversation', 'conversation.verify', async () => verifyCreated(await ctx.client(), created, live, ctx.global));
      }
    }
  } catch (error) {
    stopped = error;
  }
  await finish();
  unregister();

  const steps = list.inOrder();
  printReport(ctx, steps, { live, stopped: stopped !== undefined, interrupted: stopped instanceof InterruptedError, conversationId: conversation?.conversation_id, durationMs: performance.now() - started });
  if (stopped !== undefined) throw stopped;
  const failed = steps.filter((step) => step.status === 'fail');
  if (failed.length > 0) {
    throw new CheckFailedError(`Smoke test failed at ${failed.map((step) => step.id).join(', ')}.`, {
      hint: failed[0]!.hint ?? 'See the failed step above.',
    });
  }
}

function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw interruptionOf(signal.reason);
}

/** An echo + livekit persona talks in a LiveKit room: mint the avatar's token for a throwaway room. */
async function livekitProperties(ctx: Context, body: ConversationCreateBody): Promise<Outcome> {
  const { livekitUrl, livekitApiKey, livekitApiSecret } = ctx.settings;
  // Tavus's cloud cannot reach a local LiveKit server; the emulator on this machine can.
  const verdict = checkLivekitUrl(livekitUrl.value, { allowLocal: (await isTavusLocal(ctx)) && isLoopbackUrl(livekitUrl.value) });
  if (!verdict.ok) return fail(`The persona is echo + livekit, so the conversation needs a LiveKit room: ${verdict.problem}`, verdict.fix);
  if (!livekitApiKey.value || !livekitApiSecret.value) {
    return fail('The persona is echo + livekit, so the conversation needs a LiveKit room: LIVEKIT_API_KEY or LIVEKIT_API_SECRET is not set.', 'Set both to the key pair of the LiveKit project at LIVEKIT_URL.');
  }
  const room = `tavus-ten-smoke-${randomUUID().slice(0, 8)}`;
  const minted = await mintAvatarToken(
    { apiKey: livekitApiKey.value, apiSecret: livekitApiSecret.value },
    { room, agentIdentity: 'tavus-ten-smoke', ttlSeconds: 600 },
  );
  // The avatar's token is Tavus's to use: masked wherever it might come back (an error echoing the request).
  ctx.output.addSecret(minted.token);
  body.properties = { ...body.properties, livekit_ws_url: livekitUrl.value!.trim(), livekit_room_token: minted.token };
  return pass(`Avatar token for room ${room} on ${livekitUrl.value}.`);
}

/** doctor's livekit.server check: the LiveKit server accepts LIVEKIT_API_KEY / LIVEKIT_API_SECRET. */
async function livekitServerAccepts(ctx: Context): Promise<Outcome> {
  const { livekitUrl, livekitApiKey, livekitApiSecret } = ctx.settings;
  const { apiOrigin, checkLivekitCredentials } = await import('../livekit/server.js');
  const verdict = await checkLivekitCredentials({
    origin: apiOrigin(livekitUrl.value!)!,
    credentials: { apiKey: livekitApiKey.value!, apiSecret: livekitApiSecret.value! },
    timeoutSeconds: ctx.settings.timeout.value,
    signal: ctx.signal,
  });
  return verdict.ok ? pass(verdict.message) : fail(verdict.message, verdict.hint);
}

async function verifyCreated(client: TavusClient, created: Conversation, live: boolean, target: TargetFlags): Promise<Outcome> {
  const id = created.conversation_id;
  const found = await client.conversations.get(id, { verbose: live });
  if (found.conversation_id !== id) {
    return fail(`Asked for ${id}, Tavus answered with ${found.conversation_id}.`, 'Check TAVUS_API_BASE_URL: something other than Tavus may be answering.');
  }
  if (!live) return pass(`${id} exists and is ${found.status ?? 'known to Tavus'} (test_mode conversations are created ended).`);
  if (found.status !== 'active') {
    const reason = shutdownReasonOf(found);
    return fail(
      `${id} is ${found.status ?? 'in an unknown state'} right after creation${reason ? ` (${reason})` : ''}.`,
      `See what happened with \`${tavusTenCommand(['conversation', 'get', id, '--events'], target)}\`.`,
    );
  }
  const url = joinUrl(found) ?? joinUrl(created);
  return pass(`${id} is active${url ? `: ${url}` : ''}.`);
}

/** Ending is asynchronous on Tavus's side: poll until the conversation says ended. */
async function confirmEnded(client: TavusClient, id: string, target: TargetFlags): Promise<Outcome> {
  let status: string | null | undefined;
  for (let attempt = 1; attempt <= ENDED_POLLS; attempt++) {
    status = (await client.conversations.get(id)).status;
    if (status === 'ended') return pass(`${id} is ended.`);
    if (attempt < ENDED_POLLS) await delay(ENDED_POLL_INTERVAL_MS);
  }
  return fail(
    `${id} is still ${status ?? 'not ended'} ${formatTiming(ENDED_POLLS * ENDED_POLL_INTERVAL_MS)} after the end call.`,
    `End it by hand: \`${tavusTenCommand(['conversation', 'end', id], target)}\` (it also ends by itself after ${LIVE_MAX_CALL_DURATION_S} s).`,
  );
}

interface SmokeRun {
  live: boolean;
  /** Stopped early (Ctrl-C, SIGTERM, an unexpected error): never a pass, whatever the steps so far say. */
  stopped: boolean;
  /** By Ctrl-C or SIGTERM. */
  interrupted: boolean;
  conversationId: string | undefined;
  durationMs: number;
}

function printReport(ctx: Context, steps: CheckResult[], run: SmokeRun): void {
  const { output } = ctx;
  const ok = !run.stopped && steps.every((step) => step.status !== 'fail');
  if (output.json) {
    output.printJson({
      ok,
      live: run.live,
      interrupted: run.interrupted,
      conversation_id: run.conversationId ?? null,
      duration_ms: Math.round(run.durationMs),
      steps: steps.map((step) => ({ ...checkJson(step), duration_ms: step.durationMs })),
    });
    return;
  }
  if (output.quiet) {
    if (run.conversationId) output.printIds([run.conversationId]);
    return;
  }
  output.out(renderChecklist(steps, { chalk: output.chalk, durations: true }));
  const verdict = run.interrupted ? output.chalk.red('Smoke test interrupted') : run.stopped ? output.chalk.red('Smoke test stopped') : ok ? output.chalk.green('Smoke test passed') : output.chalk.red('Smoke test failed');
  output.out(`\n${verdict} after ${formatTiming(run.durationMs)}: ${summarize(steps, output.chalk)}.\n`);
}
