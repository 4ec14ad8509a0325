// `conversation start`: check the persona and replica, create the conversation, print and open its
// URL, and with --wait stay attached until it ends. A conversation bills and holds a concurrency
// slot until it ends, so an interrupted start never leaves one behind.
import * as z from 'zod/mini';
import type { Conversation, ConversationCreateBody, Persona, Replica, TavusClient } from '../../api/client.js';
import { CheckFailedError, ExitCode, interruptionOf, TavusTenError, UsageError } from '../../errors.js';
import { absentTimeoutFlag, leftTimeoutFlag, maxCallDurationFlag, SAFE_CONVERSATION_PROPERTIES } from '../../conversations/defaults.js';
import { conversationLanguage } from '../../conversations/language.js';
import { unreachableFromTavus } from '../../conversations/reachable.js';
import type { Context } from '../../context.js';
import { defineCommand, option, type OptionValues } from '../kit.js';
import { describeSource, type Setting } from '../../settings/sources.js';
import { checkedBy, durationSeconds, httpUrl, livekitOnlyFlag, optionalText, resourceId } from '../../flags.js';
import { printDryRun } from '../common/dry-run.js';
import { pollIntervalOption } from '../common/poll-interval.js';
import { DEFAULT_JOIN_TIMEOUT_SECONDS } from './livekit-verify.js';
import { dailyTransport, livekitTransport, type Transport } from './transport.js';
import { formatElapsed } from '../../durations.js';
import { DEFAULT_POLL_MS, reportEnding, waitUntilEnded } from './wait.js';
import { endCommand, stillRunningHint } from './follow-up.js';
import { concurrencyHint, conversationMayExistHint } from '../../api/command-hints.js';
import { CONVERSATION_MAY_EXIST_HINT } from '../../api/resources/conversations.js';
import { replicaNotReady } from '../common/replica-status.js';

/** Where an id came from, for messages: `--persona`, `TAVUS_PERSONA_ID`, a profile… */
interface SourcedId {
  id: string;
  origin: string;
}

interface StartInput {
  persona?: SourcedId;
  replica?: SourcedId;
  body: ConversationCreateBody;
  preflight: boolean;
  dryRun: boolean;
  /** undefined: decide from the terminal (see shouldOpen). */
  open: boolean | undefined;
  wait: boolean | undefined;
  pollMs: number;
  /** Notes and warnings about the input, printed once every flag has been checked (a usage error comes alone). */
  notices: Array<(output: Context['output']) => void>;
}

const TRANSPORTS = ['daily', 'livekit'] as const;

const text = z.optional(z.string());
const flag = z.optional(z.boolean());
const seconds = (name: string) => checkedBy((value) => durationSeconds(value, name));

const START_OPTIONS = {
  persona: option('--persona <id>', 'persona (PAL) id (env TAVUS_PERSONA_ID, alias TAVUS_PAL_ID)', text, { setting: 'personaId' }),
  replica: option('--replica <id>', "replica (face) id; default: the persona's default replica (env TAVUS_REPLICA_ID, alias TAVUS_FACE_ID)", text, {
    setting: 'replicaId',
  }),
  name: option('--name <name>', 'conversation name (conversation_name)', checkedBy((value) => optionalText(value, '--name', 1000))),
  greeting: option('--greeting <text>', 'what the replica says first (custom_greeting)', checkedBy((value) => optionalText(value, '--greeting'))),
  context: option('--context <text>', 'extra context for this conversation (conversational_context)', checkedBy((value) => optionalText(value, '--context', 100_000))),
  callbackUrl: option('--callback-url <url>', 'URL Tavus POSTs conversation events to (callback_url)', checkedBy((value) => httpUrl(value, '--callback-url'))),
  language: option(
    '--language <language>',
    'conversation language, e.g. english or multilingual (properties.language)',
    checkedBy((value) => {
      const language = optionalText(value, '--language', 100);
      return language === undefined ? undefined : conversationLanguage(language);
    }),
  ),
  maxDuration: option(
    '--max-duration <seconds>',
    `end the call after this long (max_call_duration; default ${SAFE_CONVERSATION_PROPERTIES.max_call_duration}, at most 3600; 15m works too)`,
    checkedBy((value) => maxCallDurationFlag(value)),
  ),
  absentTimeout: option(
    '--absent-timeout <seconds>',
    `end it if nobody joins within this (participant_absent_timeout; default ${SAFE_CONVERSATION_PROPERTIES.participant_absent_timeout})`,
    checkedBy((value) => absentTimeoutFlag(value)),
  ),
  leftTimeout: option(
    '--left-timeout <seconds>',
    `end it this long after everyone left (participant_left_timeout; default ${SAFE_CONVERSATION_PROPERTIES.participant_left_timeout}; 0 ends it at once)`,
    checkedBy((value) => leftTimeoutFlag(value)),
  ),
  testMode: option('--test-mode', 'create it ended: the replica never joins, no cost, no concurrency slot (test_mode)', flag),
  requireAuth: option('--require-auth', 'the room needs a meeting token; the printed URL carries it (require_auth)', flag),
  audioOnly: option('--audio-only', 'audio only, no video (audio_only)', flag),
  open: option('--open', 'open the URL in a browser even when not interactive (BROWSER, else the system browser)', flag, { negation: 'never open a browser' }),
  wait: option('--wait', 'stay attached until the conversation ends; Ctrl-C or SIGTERM ends it first', flag, {
    negation: 'print and exit, even with --mock in a terminal',
  }),
  preflight: option('--no-preflight', 'skip checking the persona and replica before creating', flag),
  dryRun: option('--dry-run', 'print the request (key masked) and send nothing', flag),
  transport: option('--transport <type>', 'daily (Tavus hosts the room; default) or livekit (the avatar joins your LiveKit room)', z.optional(z.enum(TRANSPORTS)), {
    fix: `Use one of: ${TRANSPORTS.join(', ')}.`,
  }),
  room: option('--room <name>', 'LiveKit room the avatar joins (with --transport livekit; env LIVEKIT_ROOM)', text, { setting: 'livekitRoom' }),
  agentIdentity: option(
    '--agent-identity <id>',
    "your agent's participant identity in the room, which the avatar publishes on behalf of (env LIVEKIT_AGENT_IDENTITY; default ten-agent)",
    text,
    { setting: 'livekitAgentIdentity' },
  ),
  joinTimeout: option(
    '--join-timeout <seconds>',
    `LiveKit: how long to wait for the avatar to join the room (default ${DEFAULT_JOIN_TIMEOUT_SECONDS}; 1m works too)`,
    seconds('--join-timeout'),
  ),
  verify: option('--no-verify', 'LiveKit: skip checking that the server accepts the key pair and that the avatar joins', flag),
  livekitUrl: option('--livekit-url <url>', 'LiveKit server, wss://… reachable from Tavus (env LIVEKIT_URL)', text, { setting: 'livekitUrl' }),
  livekitApiKey: option('--livekit-api-key <key>', 'LiveKit API key (env LIVEKIT_API_KEY)', text, { setting: 'livekitApiKey' }),
  livekitApiSecret: option('--livekit-api-secret <secret>', 'LiveKit API secret (env LIVEKIT_API_SECRET; prefer the env: flags end up in shell history)', text, {
    setting: 'livekitApiSecret',
  }),
  pollInterval: pollIntervalOption(DEFAULT_POLL_MS),
};

type StartOptions = OptionValues<typeof START_OPTIONS>;

export const conversationStart = defineCommand({
  names: ['start', 'create'],
  description: 'start a conversation (Daily/CVI), print and open its URL; --wait stays attached and ends it on Ctrl-C',
  options: START_OPTIONS,
  examples: [
    'tavus-ten conversation start --mock                         # try it offline: opens the emulated room',
    'tavus-ten conversation start --persona pcb7a34da5fe --wait   # Ctrl-C ends it',
    'tavus-ten conversation start --replica r90bbd427f71 --greeting "Hi there!" --max-duration 10m',
    'ID=$(tavus-ten conversation start --persona pcb7a34da5fe --no-open -q)',
    'tavus-ten conversation start --persona pcb7a34da5fe --test-mode --json   # free: created already ended',
    'tavus-ten conversation start --persona pcb7a34da5fe --dry-run',
    'tavus-ten conversation start --transport livekit --room demo --persona pb87e71797da   # echo mode in your LiveKit room',
  ],
  handler: (ctx, opts) => runStart(ctx, opts),
});

async function runStart(ctx: Context, opts: StartOptions): Promise<number | void> {
  const input = await readStartInput(ctx, opts);
  const transport = await chooseTransport(ctx, opts, input);
  for (const notice of input.notices) notice(ctx.output);

  if (input.dryRun) {
    const body = withTransportFields(input.body, await transport.bodyFields(undefined));
    return printDryRun(ctx, { method: 'POST', path: '/conversations', body });
  }

  const client = await ctx.client();
  const checked: Checked = input.preflight
    ? await preflight(ctx, client, input, transport)
    : transport.needsPersona
      ? { persona: await lookUp('persona', input.persona!, () => client.personas.get(input.persona!.id)) }
      : {};
  const body = withTransportFields(input.body, await transport.bodyFields(checked.persona));
  const names: Names = { persona: checked.persona?.persona_name ?? undefined, replica: checked.replica?.replica_name ?? undefined };
  await transport.verifyBeforeCreate();
  if (ctx.signal.aborted) throw interruptionOf(ctx.signal.reason);

  // Created with a client Ctrl-C does not abort: a signal during the request must not lose the
  // conversation, which may exist (and bill) whether or not we read the answer.
  const startedAtMs = ctx.now();
  const created = await (await ctx.cleanupClient()).conversations.create(body).catch((error: unknown) => {
    throw withTargetedHint(ctx, error);
  });
  const id = created.conversation_id;
  const stopCleanup = ctx.onInterrupt(() => endOnExit(ctx, id), `Stopped before conversation ${id} was ended. ${stillRunningHint(ctx, id)}`);
  if (ctx.signal.aborted) throw interruptionOf(ctx.signal.reason);

  const verified = await transport.verifyAfterCreate(created, async () => {
    stopCleanup();
    await endOnExit(ctx, id);
  });
  const presented = transport.present(created);
  const joinUrl = presented.joinUrl;
  const json = presented.json || verified ? { ...presented.json, ...verified } : undefined;
  const wait = input.wait ?? (ctx.global.mock && ctx.prompter.canPrompt);
  // --mock --no-wait: the room page is served by this command's emulator, gone as it exits; not worth opening unasked.
  const pageGoesWithCommand = ctx.global.mock && !wait && !json?.livekit;
  const open = input.open ?? (ctx.prompter.canPrompt && created.status !== 'ended' && !pageGoesWithCommand);
  printStarted(ctx, created, { joinUrl, json, names, wait, body, notOpened: pageGoesWithCommand && !open && ctx.prompter.canPrompt });

  if (open && joinUrl) {
    const { openInBrowser } = await import('../../io/browser.js');
    ctx.output.info(ctx.output.chalk.dim(`Opening it in ${ctx.env.BROWSER?.trim() ? `$BROWSER (${ctx.env.BROWSER.trim().split(/\s+/)[0]})` : 'your browser'}…`));
    await openInBrowser(joinUrl, { env: ctx.env, output: ctx.output });
  }
  if (!wait) {
    stopCleanup();
    return;
  }

  let reason: string | undefined;
  try {
    const maxDurationS = body.properties?.max_call_duration ?? SAFE_CONVERSATION_PROPERTIES.max_call_duration;
    reason = await waitUntilEnded(ctx, { id, status: created.status, pollMs: input.pollMs, startedAtMs, maxDurationS });
  } catch (error) {
    // Interrupted: main.ts runs the cleanup. Anything else: end it here before giving up.
    if (ctx.signal.aborted) throw error;
    stopCleanup();
    const ended = await endOnExit(ctx, id).then(
      () => true,
      (endError: unknown) => {
        ctx.output.warn((endError as Error).message);
        return false;
      },
    );
    // The last word says what is left running, as the Ctrl-C path does.
    throw ended || !(error instanceof TavusTenError) ? error : withStillRunningHint(ctx, error, id);
  }
  stopCleanup();
  return reportEnding(ctx, id, formatElapsed(ctx.now() - startedAtMs), reason);
}

// ---------------------------------------------------------------- transport

/** Daily by default; LiveKit's settings and room are checked here, before anything is sent. */
async function chooseTransport(ctx: Context, opts: StartOptions, input: StartInput): Promise<Transport> {
  const name = opts.transport ?? 'daily';
  const [livekitOnly] = (
    [
      ['--room', opts.room],
      ['--agent-identity', opts.agentIdentity],
      ['--join-timeout', opts.joinTimeout],
    ] as const
  ).flatMap(([flag, value]) => (value === undefined ? [] : [flag]));
  if (name === 'daily') {
    if (livekitOnly) throw livekitOnlyFlag(livekitOnly);
    return dailyTransport(ctx);
  }
  const { agentIdentityFrom, resolveLivekitTarget } = await import('../../livekit/conversation.js');
  // --room, else LIVEKIT_ROOM (environment, .env, profile): what `ten init --mode livekit` writes.
  const room = ctx.settings.livekitRoom;
  const roomOrigin = room.source === 'flag' || !room.origin ? '--room' : room.origin;
  const { isTavusLocal } = await import('../common/tavus-local.js');
  const tavusIsLocal = await isTavusLocal(ctx);
  if (!input.persona) {
    throw new UsageError('A LiveKit conversation needs an echo + LiveKit persona: pass --persona ID (or set TAVUS_PERSONA_ID).', {
      hint: 'Create one with `tavus-ten persona create --echo-livekit --name "My TEN avatar" --if-missing -q`.',
    });
  }
  const { note, ...target } = resolveLivekitTarget(ctx.settings, room.value, { roomOrigin, tavusIsLocal });
  if (note) input.notices.push((output) => output.info(output.chalk.dim(note)));
  return livekitTransport(ctx, {
    target,
    maxDurationSeconds: input.body.properties?.max_call_duration ?? SAFE_CONVERSATION_PROPERTIES.max_call_duration,
    // --agent-identity, else LIVEKIT_AGENT_IDENTITY (environment, .env, profile): what `ten init --mode livekit`'s app joins as.
    agentIdentity: agentIdentityFrom(ctx.settings.livekitAgentIdentity),
    verify: opts.verify !== false,
    joinTimeoutMs: (opts.joinTimeout ?? DEFAULT_JOIN_TIMEOUT_SECONDS) * 1000,
    tavusIsLocal,
  });
}

/** A transport's fields join the body; its `properties` join the safe timeouts rather than replace them. */
function withTransportFields(body: ConversationCreateBody, fields: Partial<ConversationCreateBody>): ConversationCreateBody {
  return { ...body, ...fields, properties: { ...body.properties, ...fields.properties } };
}

// ---------------------------------------------------------------- input

async function readStartInput(ctx: Context, opts: StartOptions): Promise<StartInput> {
  const { settings } = ctx;
  let persona = sourcedId(settings.personaId, 'persona id');
  const replica = sourcedId(settings.replicaId, 'replica id');
  const notices: StartInput['notices'] = [];
  if (!persona && !replica && ctx.global.mock) {
    const { STOCK_PERSONA_ID } = await import('../../emulator/seed.js');
    persona = { id: STOCK_PERSONA_ID, origin: "the emulator's stock persona" };
    notices.push((output) => output.info(output.chalk.dim(`Using the emulator's stock persona ${STOCK_PERSONA_ID} (Life Coach); choose another with --persona.`)));
  }
  if (!persona && !replica) {
    throw new UsageError('A conversation needs a persona or a replica: pass --persona ID or --replica ID.', {
      hint: 'Or set TAVUS_PERSONA_ID / TAVUS_REPLICA_ID. List them with `tavus-ten persona list` and `tavus-ten replica list`; try it offline with --mock.',
    });
  }

  const properties: NonNullable<ConversationCreateBody['properties']> = {
    max_call_duration: opts.maxDuration ?? SAFE_CONVERSATION_PROPERTIES.max_call_duration,
    participant_absent_timeout: opts.absentTimeout ?? SAFE_CONVERSATION_PROPERTIES.participant_absent_timeout,
    participant_left_timeout: opts.leftTimeout ?? SAFE_CONVERSATION_PROPERTIES.participant_left_timeout,
  };
  if (opts.language !== undefined) properties.language = opts.language;
  const { callbackUrl } = opts;
  // --mock's emulator runs on this machine, so it reaches a local callback URL (and this check does not start it).
  const unreachable = callbackUrl === undefined || ctx.global.mock ? undefined : unreachableFromTavus(callbackUrl, (await ctx.tavus()).baseUrl.value);
  if (unreachable) {
    notices.push((output) => output.warn(`--callback-url: ${unreachable}, so no callback will arrive. Use a public URL (e.g. a tunnel to this machine).`));
  }

  const body: ConversationCreateBody = {
    ...(persona ? { persona_id: persona.id } : {}),
    ...(replica ? { replica_id: replica.id } : {}),
    ...defined({
      conversation_name: opts.name,
      custom_greeting: opts.greeting,
      conversational_context: opts.context,
      callback_url: callbackUrl,
    }),
    ...(opts.testMode === true ? { test_mode: true } : {}),
    ...(opts.requireAuth === true ? { require_auth: true } : {}),
    ...(opts.audioOnly === true ? { audio_only: true } : {}),
    properties,
  };

  return {
    persona,
    replica,
    body,
    preflight: opts.preflight !== false,
    dryRun: opts.dryRun === true,
    open: opts.open,
    wait: opts.wait,
    pollMs: opts.pollInterval,
    notices,
  };
}

function sourcedId(setting: Setting, what: string): SourcedId | undefined {
  if (setting.value === undefined) return undefined;
  const origin = describeSource(setting);
  return { id: resourceId(setting.value, `${what} (from ${origin})`), origin };
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------- preflight

interface Names {
  persona?: string;
  replica?: string;
}

interface Checked {
  persona?: Persona;
  replica?: Replica;
}

/** The persona exists, a replica is known and can talk: otherwise a clear error, and nothing created. */
async function preflight(ctx: Context, client: TavusClient, input: StartInput, transport: Transport): Promise<Checked> {
  const [persona, given] = await Promise.all([
    input.persona ? lookUp('persona', input.persona, () => client.personas.get(input.persona!.id)) : undefined,
    input.replica ? lookUp('replica', input.replica, () => client.replicas.get(input.replica!.id)) : undefined,
  ]);
  if (persona) transport.checkPersona(persona);

  let replica: Replica | undefined = given;
  let replicaOrigin = input.replica?.origin;
  if (!replica) {
    const fallback = persona?.default_replica_id;
    if (!fallback) {
      throw new CheckFailedError(`Persona ${input.persona!.id} has no default replica, and no replica was given.`, {
        hint: 'Pass --replica ID (or set TAVUS_REPLICA_ID); `tavus-ten replica list` shows the replicas you can use. No conversation was created.',
      });
    }
    replicaOrigin = `the default_replica_id of persona ${persona.persona_id}`;
    replica = await lookUp('replica', { id: fallback, origin: replicaOrigin }, () => client.replicas.get(fallback));
  }
  checkReplicaCanTalk(replica, replicaOrigin!, input.replica === undefined);
  return { persona, replica };
}

async function lookUp<T extends Persona | Replica>(noun: 'persona' | 'replica', source: SourcedId, fetch: () => Promise<T>): Promise<T> {
  try {
    return await fetch();
  } catch (error) {
    if (!(error instanceof TavusTenError) || error.code !== 'not_found') throw error;
    const flag = noun === 'persona' ? '--persona' : '--replica';
    throw new TavusTenError('not_found', ExitCode.notFound, `Tavus has no ${noun} ${source.id} (it came from ${source.origin}). No conversation was created.`, {
      status: error.status,
      hint: `List the ${noun}s you can use with \`tavus-ten ${noun} list\`, then pass one with ${flag} ID.`,
    });
  }
}

function checkReplicaCanTalk(replica: Replica, origin: string, fromPersona: boolean): void {
  const what = replicaNotReady(replica);
  if (what === undefined) return;
  const name = replica.replica_name ? ` (${replica.replica_name})` : '';
  throw new CheckFailedError(
    `Replica ${replica.replica_id}${name}, from ${origin}, ${what}. Only completed replicas can join a conversation; none was created.`,
    {
      hint: fromPersona
        ? "Pass --replica ID with a completed replica (see `tavus-ten replica list`) to use instead of the persona's default."
        : 'Pick a completed replica from `tavus-ten replica list` and pass it with --replica ID.',
    },
  );
}

// ---------------------------------------------------------------- output

function printStarted(
  ctx: Context,
  created: Conversation,
  info: { joinUrl: string | undefined; json?: Record<string, unknown>; names: Names; wait: boolean; body: ConversationCreateBody; notOpened: boolean },
): void {
  const { output } = ctx;
  const id = created.conversation_id;
  if (output.json) output.printJson({ ...created, ...info.json });
  else if (output.quiet) output.printIds([id]);
  else {
    const who = [info.names.persona && `persona ${info.names.persona}`, info.names.replica && `replica ${info.names.replica}`].filter(Boolean);
    output.success(`Started conversation ${id}${who.length ? ` (${who.join(', ')})` : ''}.`);
    const livekit = info.json?.livekit as { url: string; room: string } | undefined;
    output.printFields([
      ['id', id],
      ...(livekit ? ([['livekit', livekit.url], ['room', livekit.room]] as const) : []),
      [livekit ? 'join' : 'url', info.joinUrl ?? '-'],
      ['status', created.status],
    ]);
    if (livekit) {
      output.info(output.chalk.dim(`Tavus's avatar (tavus-avatar-agent) joins room ${livekit.room} and lip-syncs to your agent; the join link above is for you.`));
    }
  }

  const testMode = info.body.test_mode === true || created.status === 'ended';
  if (testMode) {
    output.info(output.chalk.dim('Test mode: Tavus created it already ended; the replica never joins and nothing is billed.'));
  } else if (!info.wait) {
    const limit = formatElapsed((info.body.properties?.max_call_duration ?? 0) * 1000).replace(/m00s$/, ' min').replace(/h00m$/, ' h');
    // With --mock no other command can reach this run's emulator: no `conversation end` hint.
    if (!ctx.global.mock) {
      output.info(output.chalk.dim(`It bills and holds a concurrency slot until it ends (at most ${limit}). End it now: ${endCommand(ctx, id)}`));
    } else {
      // A LiveKit conversation has no room page here: the emulated conversation itself goes with the command.
      const what = info.json?.livekit ? 'this conversation ends when it exits' : `this room page stops when it exits${info.notOpened ? ': not opening it' : ''}`;
      output.info(output.chalk.dim(`With --mock the emulator runs inside this command, so ${what}; add --wait to keep it up.`));
    }
  }
}

/** A create's error whose hint names a command (the cap, a lost answer): the command with the flags that chose this API. */
function withTargetedHint(ctx: Context, error: unknown): unknown {
  if (!(error instanceof TavusTenError) || ctx.global.mock) return error;
  const hint =
    error.code === 'concurrency_limit'
      ? concurrencyHint(ctx.global)
      : error.hint === CONVERSATION_MAY_EXIST_HINT
        ? conversationMayExistHint(ctx.global)
        : undefined;
  return hint === undefined ? error : new TavusTenError(error.code, error.exitCode, error.message, { status: error.status, hint });
}

function withStillRunningHint(ctx: Context, error: TavusTenError, id: string): TavusTenError {
  const hint = [error.hint, stillRunningHint(ctx, id)].filter(Boolean).join(' ');
  return new TavusTenError(error.code, error.exitCode, error.message, { status: error.status, hint });
}

/** The interrupt cleanup: end the conversation with a client the signal does not abort. */
async function endOnExit(ctx: Context, id: string): Promise<void> {
  const { output } = ctx;
  output.info(`Ending conversation ${id}…`);
  try {
    await (await ctx.cleanupClient()).conversations.end(id);
  } catch (error) {
    const known = error instanceof TavusTenError ? error : undefined;
    throw new TavusTenError(known?.code ?? 'internal_error', known?.exitCode ?? ExitCode.failure, `Could not end conversation ${id}: ${(error as Error).message}`, {
      status: known?.status ?? null,
      hint: stillRunningHint(ctx, id),
    });
  }
  output.success(`Ended conversation ${id}.`);
}
