// `serve --transport livekit`: what is checked before the server listens (LiveKit settings, the key pair
// and, per session, the avatar's join, all as `conversation start --transport livekit` checks them; the
// persona is echo + livekit), the mode the server runs with, and what Ctrl-C reports after stopping every session.
import type { TavusClient } from '../api/client.js';
import { CheckFailedError, ExitCode, TavusTenError, UsageError } from '../errors.js';
import { untilStopped } from './common/until-stopped.js';
import type { Context } from '../context.js';
import { agentIdentityFrom, checkEchoLivekitPersona, resolveLivekitTarget, TOKEN_MARGIN_SECONDS, type LivekitServer } from '../livekit/conversation.js';
import { apiOrigin } from '../livekit/server.js';
import { isTavusLocal } from './common/tavus-local.js';
import type { LivekitSessions, StopResult } from '../serve/livekit-sessions.js';
import type { ConversationProperties, ServeMode, ServeServer } from '../serve/server.js';
import { mask } from '../io/mask.js';
import { LIVEKIT_START_PATH } from '../serve/livekit-routes.js';
import { durationSeconds, optionalText } from '../flags.js';
import { DEFAULT_JOIN_TIMEOUT_SECONDS } from './conversation/livekit-verify.js';
import { withoutFinalPeriod } from '../io/sentence.js';
import { tavusTenCommand, type TargetFlags } from '../shell-command.js';

const DEFAULT_AGENT_STOP_SECONDS = 5;

export interface LivekitServeSetup {
  mode: ServeMode;
  sessions: LivekitSessions;
  server: LivekitServer;
  /** For the banner: `persona p123 ("name")`. */
  personaLabel: string;
  /** undefined without --agent-command. */
  agentCommand: string | undefined;
  /** The avatar's join is waited for, up to this many ms; undefined with --no-verify. */
  joinTimeoutMs: number | undefined;
  /** Said once at start (a local LiveKit server with the emulator), or undefined. */
  note: string | undefined;
}

/** The LiveKit flags and settings, as read by readLivekitFlags. */
export type LivekitFlags = Awaited<ReturnType<typeof readLivekitFlags>>;

/** Reads the LiveKit flags and settings; exit 2 (nothing sent, no --mock emulator started) for a missing or bad value. */
export async function readLivekitFlags(ctx: Context, opts: Record<string, unknown>) {
  // The emulator on this machine (--mock, a loopback Tavus base URL) can reach a local LiveKit server; Tavus's cloud cannot.
  const tavusIsLocal = await isTavusLocal(ctx);
  // The same checks as `conversation start --transport livekit`; the room is each session's, not known yet.
  const { note, room: _room, ...server } = resolveLivekitTarget(ctx.settings, 'tavus-session', { tavusIsLocal });
  const agentCommand = optionalText(opts.agentCommand, '--agent-command', 10_000)?.trim();
  if (opts.agentCommand !== undefined && !agentCommand) {
    throw new UsageError('--agent-command is empty.', { hint: 'Pass the command that starts your TEN agent, e.g. --agent-command "cd tenapp && task run".' });
  }
  const graceSeconds = durationSeconds(opts.agentStopTimeout, '--agent-stop-timeout') ?? DEFAULT_AGENT_STOP_SECONDS;
  // --agent-identity, else LIVEKIT_AGENT_IDENTITY (environment, .env, profile).
  const agentIdentity = agentIdentityFrom(ctx.settings.livekitAgentIdentity);
  const joinTimeoutSeconds = durationSeconds(opts.joinTimeout, '--join-timeout') ?? DEFAULT_JOIN_TIMEOUT_SECONDS;
  return {
    server,
    note,
    tavusIsLocal,
    agentCommand,
    graceMs: graceSeconds * 1000,
    agentIdentity,
    joinTimeoutMs: opts.verify === false ? undefined : joinTimeoutSeconds * 1000,
  };
}

/**
 * Everything LiveKit mode needs, checked in the order a user fixes things: settings (exit 2, readLivekitFlags), the LiveKit
 * server taking the key pair (exit 3 when it rejects it, 6 when unreachable; skipped with --no-verify), the
 * persona (exit 4 unknown, 2 not echo + livekit).
 */
export async function setUpLivekitServe(
  ctx: Context,
  flags: LivekitFlags,
  input: { client: TavusClient; personaId: string | undefined; replicaId: string | undefined; properties: ConversationProperties; secrets: string[]; log: (line: string) => void },
): Promise<LivekitServeSetup> {
  if (!input.personaId) {
    throw new UsageError('serve --transport livekit needs an echo + LiveKit persona: pass --persona ID (or set TAVUS_PERSONA_ID).', {
      hint: 'Create one with `tavus-ten persona create --echo-livekit --name "My TEN avatar" --if-missing -q`.',
    });
  }
  input.secrets.push(flags.server.credentials.apiSecret);
  ctx.output.addSecret(flags.server.credentials.apiSecret);

  if (ctx.global.mock && flags.joinTimeoutMs !== undefined) {
    ctx.output.warn(
      "--mock's emulator judges the avatar's token but does not join LiveKit rooms, so each start would wait for an avatar that never comes. " +
        'Run `tavus-ten mock --livekit-join` and point TAVUS_API_BASE_URL at it, or pass --no-verify.',
    );
  }
  const verify = await import('./conversation/livekit-verify.js');
  const target = (room: string) => ({ ...flags.server, room });
  if (flags.joinTimeoutMs !== undefined) await verify.verifyLivekitCredentials(ctx, target('tavus-session'));

  const persona = await (await ctx.client()).personas.get(input.personaId).catch((error: unknown) => {
    if (error instanceof TavusTenError && error.code === 'not_found') {
      throw new TavusTenError('not_found', ExitCode.notFound, `Tavus has no persona ${input.personaId}.`, {
        status: error.status,
        hint: 'List your personas with `tavus-ten persona list`, or create an echo + LiveKit one with `tavus-ten persona create --echo-livekit`.',
      });
    }
    throw error;
  });
  checkEchoLivekitPersona(persona);

  const { livekitRooms } = await import('../livekit/rooms.js');
  const { livekitSessions } = await import('../serve/livekit-sessions.js');
  const { livekitApi } = await import('../serve/livekit-routes.js');
  const { livekitPageAssets } = await import('../serve/livekit-page.js');
  const joinTimeoutMs = flags.joinTimeoutMs;
  const sessions = livekitSessions({
    client: input.client,
    settings: ctx.settings,
    server: flags.server,
    tavusIsLocal: flags.tavusIsLocal,
    rooms: await livekitRooms(flags.server.url, flags.server.credentials, ctx.settings.timeout.value),
    persona,
    replicaId: input.replicaId,
    properties: input.properties,
    agentIdentity: flags.agentIdentity,
    ...(flags.agentCommand ? { agent: { command: flags.agentCommand, graceMs: flags.graceMs, baseEnv: ctx.env, cwd: ctx.cwd } } : {}),
    // The join check of `conversation start`: the avatar in the room within --join-timeout, or the session undone.
    ...(joinTimeoutMs !== undefined
      ? {
          afterCreate: async ({ room, created, agentIdentity, end }) => {
            await verify.verifyAvatarJoined(ctx, { target: target(room), created, agentIdentity, timeoutMs: joinTimeoutMs, end });
          },
        }
      : {}),
    addSecret: (secret) => {
      input.secrets.push(secret);
      ctx.output.addSecret(secret);
    },
    log: input.log,
  });
  const wsUrl = new URL(flags.server.url);
  const mode: ServeMode = {
    api: (req, method, path) => livekitApi(sessions, req, method, path),
    assets: livekitPageAssets(async () => (await import('../serve/livekit-script.js')).livekitPageScript()),
    // The page's client dials the server's WebSocket and, when a join fails, its HTTP validate endpoint.
    connectSources: [`${wsUrl.protocol}//${wsUrl.host}`, apiOrigin(flags.server.url)!],
  };
  const label = persona.persona_name ? `persona ${persona.persona_id} ("${persona.persona_name}")` : `persona ${persona.persona_id}`;
  return { mode, sessions, server: flags.server, personaLabel: label, agentCommand: flags.agentCommand, joinTimeoutMs, note: flags.note };
}

/** One line per outcome for the Ctrl-C report; `ok` false when anything was left behind. */
export function describeStops(results: StopResult[], target?: TargetFlags): { ok: string[]; failed: string[] } {
  const ok: string[] = [];
  const failed: string[] = [];
  for (const result of results) {
    if (result.errors.length === 0) {
      ok.push(`room ${result.room_name}${result.conversation_id ? ` (conversation ${result.conversation_id})` : ''}`);
      continue;
    }
    const next = [
      result.conversation === 'failed' ? tavusTenCommand(['conversation', 'end', result.conversation_id], target) : undefined,
      result.room === 'failed' ? `delete room ${result.room_name} on the LiveKit server` : undefined,
    ].filter(Boolean);
    // The reasons are sentences (Tavus's words end with a period): one period before "Still to do".
    failed.push(`Room ${result.room_name}: ${result.errors.map(withoutFinalPeriod).join('; ')}. Still to do: ${next.join(', ')}.`);
  }
  return { ok, failed };
}

export interface RunLivekitInput {
  server: ServeServer;
  setup: LivekitServeSetup;
  host: string;
  open: boolean;
  properties: ConversationProperties;
  corsOrigins: string[];
}

/** After the server listens: Ctrl-C's cleanup, the banner, the page URL (the data), then wait for the signal. */
export async function runLivekitServe(ctx: Context, input: RunLivekitInput): Promise<number> {
  const { output } = ctx;
  const { server, setup } = input;
  // Ctrl-C / SIGTERM: stop taking requests, let starts already sent finish, then stop every session.
  const stop = async () => {
    await server.close();
    const { ok, failed } = describeStops(await setup.sessions.stopAll(), ctx.global);
    if (ok.length > 0) {
      output.success(`Stopped ${ok.length} session${ok.length === 1 ? '' : 's'} this server started (conversation ended, room deleted${setup.agentCommand ? ', agent stopped' : ''}): ${ok.join(', ')}.`);
    } else if (failed.length === 0) {
      output.info('No session of this server was still running.');
    }
    for (const line of failed) output.warn(line);
    // A session left running is a failed stop.
    if (failed.length > 0) throw new CheckFailedError(`Could not stop ${failed.length} session${failed.length === 1 ? '' : 's'} this server started.`, { hint: 'Each is named above with how to stop it.' });
  };
  // Until the wait below takes over, a signal fails the command: main.ts runs this then.
  const stopOnFailure = ctx.onInterrupt(stop);

  const pageUrl = `${server.url}/`;
  if (!['localhost', '::1'].includes(input.host) && !input.host.startsWith('127.')) {
    output.warn(
      `Listening on ${input.host}: anyone who can reach this machine on port ${server.port} can start sessions billed to your Tavus account. ` +
        'Use the default --host 127.0.0.1 unless you need this.',
    );
  }
  const { credentials, url } = setup.server;
  const { max_call_duration: max, participant_absent_timeout: absent, participant_left_timeout: left } = input.properties;
  output.info(
    [
      `tavus-ten serve (LiveKit mode) is listening on ${pageUrl}`,
      `  POST ${server.url}${LIVEKIT_START_PATH}`,
      `  POST ${server.url}/api/tavus/livekit/:room/stop`,
      `LiveKit: ${url} (key ${mask(credentials.apiKey)}, secret ${mask(credentials.apiSecret)}) · ${setup.personaLabel}`,
      `Each session's conversation ends after ${max} s, or ${absent} s without anyone joining, or ${left} s after everyone left; ` +
        `the user's token is for that one room and expires ${max + TOKEN_MARGIN_SECONDS} s after the start.`,
      ...(setup.note ? [setup.note] : []),
      setup.joinTimeoutMs === undefined
        ? 'Each start answers once the conversation is created (--no-verify: the avatar\'s join is not waited for).'
        : `Each start answers once the avatar is in the room (up to ${setup.joinTimeoutMs / 1000} s), else the session is undone.`,
      setup.agentCommand
        ? `Agent: \`${setup.agentCommand}\` runs per room with LIVEKIT_ROOM set, and is stopped with the session.`
        : 'Agent: none (no --agent-command): start your TEN agent for each room the log prints, with LIVEKIT_ROOM=<room>.',
      ...(input.corsOrigins.length > 0 ? [`CORS allowed for: ${input.corsOrigins.join(', ')}`] : []),
      'Press Ctrl-C to stop: every session this server started is stopped first (conversation ended, room deleted, agent stopped).',
    ].join('\n'),
  );
  // The URL (the data) comes last: whoever waits for it has the banner and warnings already.
  if (output.json) {
    output.printJson({
      url: pageUrl,
      start_url: `${server.url}${LIVEKIT_START_PATH}`,
      stop_url: `${server.url}/api/tavus/livekit/{room_name}/stop`,
      livekit_url: url,
    });
  } else {
    output.out(`${pageUrl}\n`);
  }
  if (input.open) {
    const { openInBrowser } = await import('../io/browser.js');
    await openInBrowser(pageUrl, { env: ctx.env, output });
  }
  stopOnFailure();
  return untilStopped(ctx, stop);
}
