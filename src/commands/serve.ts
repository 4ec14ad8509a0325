// `tavus-ten serve`: the TEN playground's Tavus API server and a page to try it, until Ctrl-C, which
// ends every conversation the server started. The server itself lives in src/serve/ (loaded lazily).
import type { Command } from 'commander';
import { isIP } from 'node:net';
import * as z from 'zod/mini';
import { CheckFailedError, ConfigError, UsageError } from '../errors.js';
import { listenFailure } from './common/listen.js';
import { untilStopped } from './common/until-stopped.js';
import type { Context, Runtime } from '../context.js';
import { absentTimeoutFlag, leftTimeoutFlag, maxCallDurationFlag, SAFE_CONVERSATION_PROPERTIES } from '../conversations/defaults.js';
import { mask } from '../io/mask.js';
import { addCommands, defineCommand, option, type OptionValues } from './kit.js';
import { collect } from './common/collect.js';
import { describeSource, type Setting } from '../settings/sources.js';
import { livekitOnlyFlag, numberFlag, PORT_RANGE, resourceId } from '../flags.js';
import type { LivekitServeSetup } from './serve-livekit.js';
import { withoutFinalPeriod } from '../io/sentence.js';
import { tavusTenCommand } from '../shell-command.js';
import { concurrencyHint } from '../api/command-hints.js';

/** Flags that only mean something with --transport livekit. */
const LIVEKIT_ONLY_OPTIONS = ['agentCommand', 'agentStopTimeout', 'agentIdentity', 'joinTimeout'] as const;
const TRANSPORTS = ['daily', 'livekit'] as const;
/** Checked in the handler (the timeouts' documented ranges, resourceId, parseCorsOrigin), which words its own errors. */
const text = z.optional(z.string());

export function registerServeCommand(program: Command, runtime: Runtime): void {
  addCommands(program, runtime, [serveCommand]);
}

const SERVE_OPTIONS = {
    port: option(
      '--port <n>',
      'port to listen on (0 picks a free one)',
      z.pipe(z.string(), z.transform((value) => numberFlag(value, '--port', PORT_RANGE))),
      { default: '8080' },
    ),
    host: option(
      '--host <address>',
      'address to bind; anything but loopback lets other machines spend your credits',
      z.pipe(
        z.string().check(
          z.trim(),
          z.refine((value) => value === 'localhost' || isIP(value.replace(/^\[(.*)\]$/, '$1')) !== 0, 'expected an IP address or localhost'),
        ),
        z.transform((value) => value.replace(/^\[(.*)\]$/, '$1')),
      ),
      { default: '127.0.0.1', fix: 'Pass an address such as 127.0.0.1 (the default), ::1 or 0.0.0.0.' },
    ),
    cors: option('--cors <origin>', 'let scripts on this origin call the API too, e.g. http://localhost:3000 (repeatable)', z.optional(z.array(z.string())), { collect }),
    persona: option('--persona <id>', 'persona for requests without persona_id (env TAVUS_PERSONA_ID)', text, { setting: 'personaId' }),
    replica: option('--replica <id>', 'replica when the persona has no default (env TAVUS_REPLICA_ID)', text, { setting: 'replicaId' }),
    maxDuration: option('--max-duration <seconds>', 'end each conversation after this long (default 900)', text),
    absentTimeout: option('--absent-timeout <seconds>', 'end it when nobody joins within this long (default 120)', text),
    leftTimeout: option('--left-timeout <seconds>', 'end it this long after everyone left (default 30)', text),
    open: option('--open', 'open the page in a browser', z.optional(z.boolean())),
    transport: option(
      '--transport <type>',
      "daily (Tavus hosts the room; default) or livekit (TEN's LiveKit mode: a room per session, the avatar in it)",
      z.optional(z.enum(TRANSPORTS)),
      { fix: `Use one of: ${TRANSPORTS.join(', ')}.` },
    ),
    agentCommand: option(
      '--agent-command <cmd>',
      'livekit: run this shell command per started room, with LIVEKIT_ROOM, LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET set',
      text,
    ),
    agentStopTimeout: option('--agent-stop-timeout <seconds>', 'livekit: how long an agent gets after SIGTERM before SIGKILL (default 5)', text),
    agentIdentity: option(
      '--agent-identity <id>',
      "livekit: your agent's identity in the room, which the avatar publishes on behalf of (env LIVEKIT_AGENT_IDENTITY; default ten-agent)",
      text,
      { setting: 'livekitAgentIdentity' },
    ),
    joinTimeout: option('--join-timeout <seconds>', 'livekit: how long a start waits for the avatar to join the room (default 30)', text),
    verify: option('--no-verify', 'livekit: skip checking that the LiveKit server accepts the key pair and that the avatar joins', z.boolean()),
    livekitUrl: option('--livekit-url <url>', 'livekit: the LiveKit server (env LIVEKIT_URL)', text, { setting: 'livekitUrl' }),
    livekitApiKey: option('--livekit-api-key <key>', 'livekit: its API key (env LIVEKIT_API_KEY)', text, { setting: 'livekitApiKey' }),
    livekitApiSecret: option('--livekit-api-secret <secret>', 'livekit: its API secret (env LIVEKIT_API_SECRET; prefer the env: flags end up in shell history)', text, {
      setting: 'livekitApiSecret',
    }),
};
type ServeOptions = OptionValues<typeof SERVE_OPTIONS>;

const serveCommand = defineCommand({
  names: ['serve'],
  description: "run the TEN playground's Tavus API and a page to try it",
  options: SERVE_OPTIONS,
  examples: [
    'tavus-ten serve --mock --open                          # try it offline against the emulator',
    'TAVUS_PERSONA_ID=p123 tavus-ten serve --port 8080     # the TEN playground talks to :8080',
    'tavus-ten serve --cors http://localhost:3000          # let the TEN playground (Next.js) call it',
    `curl -X POST localhost:8080/api/tavus/conversation/create -H 'content-type: application/json' -d '{"greeting":"Hi!"}'`,
    'tavus-ten serve --transport livekit --persona pb87e71797da --agent-command "cd tenapp && task run"   # TEN\'s LiveKit mode',
    `curl -X POST localhost:8080/api/tavus/livekit/start -H 'content-type: application/json' -d '{"room_name":"demo"}'`,
  ],
  handler: (ctx, opts) => serve(ctx, opts),
});

interface ServeFlags {
  port: number;
  host: string;
  corsOrigins: string[];
  personaId: string | undefined;
  replicaId: string | undefined;
  properties: { max_call_duration: number; participant_absent_timeout: number; participant_left_timeout: number };
  open: boolean;
  transport: 'daily' | 'livekit';
}

async function readFlags(ctx: Context, opts: ServeOptions): Promise<ServeFlags> {
  const { parseCorsOrigin } = await import('../serve/guard.js');
  const { port, host } = opts;
  const corsOrigins = (opts.cors ?? []).map((value) => {
    const parsed = parseCorsOrigin(value);
    if (typeof parsed === 'string') return parsed;
    throw new UsageError(`Invalid value ${JSON.stringify(value)} for --cors: ${parsed.problem}.`, {
      hint: 'Pass the origin of the page that calls the API, e.g. --cors http://localhost:3000.',
    });
  });
  const setting = (value: Setting) => (value.value === undefined ? undefined : resourceId(value.value, describeSource(value)));
  return {
    port,
    host,
    corsOrigins,
    personaId: setting(ctx.settings.personaId),
    replicaId: setting(ctx.settings.replicaId),
    properties: {
      max_call_duration: maxCallDurationFlag(opts.maxDuration) ?? SAFE_CONVERSATION_PROPERTIES.max_call_duration,
      participant_absent_timeout: absentTimeoutFlag(opts.absentTimeout) ?? SAFE_CONVERSATION_PROPERTIES.participant_absent_timeout,
      participant_left_timeout: leftTimeoutFlag(opts.leftTimeout) ?? SAFE_CONVERSATION_PROPERTIES.participant_left_timeout,
    },
    open: opts.open === true,
    transport: readTransport(opts),
  };
}

/** daily (the default) or livekit; the LiveKit-only flags go with livekit (exit 2 otherwise). */
function readTransport(opts: ServeOptions): 'daily' | 'livekit' {
  const transport = opts.transport ?? 'daily';
  const livekitOnly = [...LIVEKIT_ONLY_OPTIONS.filter((option) => opts[option] !== undefined), ...(opts.verify === false ? ['noVerify'] : [])];
  if (transport === 'daily' && livekitOnly.length > 0) {
    const flag = `--${livekitOnly[0]!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    throw livekitOnlyFlag(flag);
  }
  return transport;
}

async function serve(ctx: Context, opts: ServeOptions): Promise<number> {
  const flags = await readFlags(ctx, opts);
  const { output, settings } = ctx;
  // --mock: the emulator's stock persona, as `conversation start --mock` does, so the page works at once.
  if (ctx.global.mock && !flags.personaId && !flags.replicaId) {
    const { STOCK_PERSONA_ID, STOCK_LIVEKIT_PERSONA_ID } = await import('../emulator/seed.js');
    flags.personaId = flags.transport === 'livekit' ? STOCK_LIVEKIT_PERSONA_ID : STOCK_PERSONA_ID;
    settings.personaId = { value: flags.personaId, source: 'mock', origin: "the emulator's stock persona" };
  }
  // LiveKit's flags too are checked before --mock starts its emulator (tavus() below): bad input starts nothing.
  const serveLivekit = flags.transport === 'livekit' ? await import('./serve-livekit.js') : undefined;
  const livekitFlags = serveLivekit && (await serveLivekit.readLivekitFlags(ctx, opts));
  const { apiKey } = await ctx.tavus();
  if (!apiKey.value) {
    throw new ConfigError('No Tavus API key is set: serve needs one to create conversations.', {
      hint: 'Run `tavus-ten auth login` or set TAVUS_API_KEY (or try it offline with --mock).',
    });
  }

  const client = await ctx.cleanupClient();
  const { startServeServer, ListenError } = await import('../serve/server.js');
  const { CREATE_PATH } = await import('../serve/daily-routes.js');
  const stamp = () => new Date().toTimeString().slice(0, 8);
  const secrets = [apiKey.value];
  const log = (line: string) => output.info(output.chalk.dim(`${stamp()} `) + line);
  let livekit: LivekitServeSetup | undefined;
  if (serveLivekit && livekitFlags) {
    livekit = await serveLivekit.setUpLivekitServe(ctx, livekitFlags, { client, personaId: flags.personaId, replicaId: flags.replicaId, properties: flags.properties, secrets, log });
  }
  let server: Awaited<ReturnType<typeof startServeServer>>;
  try {
    server = await startServeServer({
      host: flags.host,
      port: flags.port,
      corsOrigins: flags.corsOrigins,
      client,
      personaId: flags.personaId,
      replicaId: flags.replicaId,
      properties: flags.properties,
      frameSources: livekit ? ["'none'"] : frameSources(client.baseUrl),
      secrets,
      // With --mock the emulator lives inside this process: no other command can end its conversations.
      capHint: ctx.global.mock
        ? 'End one on the page (End), or restart `tavus-ten serve --mock`: its emulator runs inside serve, so other commands cannot reach it.'
        : concurrencyHint(ctx.global),
      log,
      ...(livekit ? { mode: livekit.mode } : {}),
    });
  } catch (error) {
    if (error instanceof ListenError) {
      throw listenFailure(error, flags.host, flags.port) ?? new UsageError(`Cannot listen on ${flags.host}:${flags.port}: ${error.message}.`, { hint: 'Check --host and --port.' });
    }
    throw error;
  }

  if (livekit) {
    const { runLivekitServe } = await import('./serve-livekit.js');
    return runLivekitServe(ctx, { server, setup: livekit, host: flags.host, open: flags.open, properties: flags.properties, corsOrigins: flags.corsOrigins });
  }

  // Ctrl-C / SIGTERM: stop taking requests, let creates already sent finish, then end everything still active.
  const stop = async () => {
    await server.close();
    const results = await server.endAll();
    const ended = results.filter((r) => r.result === 'ended').map((r) => r.conversation_id);
    const failed = results.filter((r) => r.result === 'failed');
    if (ended.length > 0) output.success(`Ended ${ended.length} conversation${ended.length === 1 ? '' : 's'} this server started: ${ended.join(', ')}.`);
    else if (failed.length === 0) output.info('No conversation of this server was still active.');
    for (const f of failed) {
      // Tavus's words end with a period: one before "It bills".
      output.warn(`Could not end conversation ${f.conversation_id}: ${withoutFinalPeriod(f.error ?? 'unknown error')}. It bills until it ends: run \`${tavusTenCommand(['conversation', 'end', f.conversation_id], ctx.global)}\`.`);
    }
    // A conversation left billing is a failed stop, whatever ended fine.
    if (failed.length > 0) {
      throw new CheckFailedError(`Could not end ${failed.length} conversation${failed.length === 1 ? '' : 's'} this server started.`, {
        hint: `Run \`${tavusTenCommand(['conversation', 'end', ...failed.map((f) => f.conversation_id)], ctx.global)}\`.`,
      });
    }
  };
  // Until the wait below takes over, a signal (say, while the browser opens) fails the command: main.ts runs this then.
  const stopOnFailure = ctx.onInterrupt(stop);

  const pageUrl = `${server.url}/`;
  if (!isLoopback(flags.host)) {
    output.warn(
      `Listening on ${flags.host}: anyone who can reach this machine on port ${server.port} can start conversations billed to your Tavus account. ` +
        'Use the default --host 127.0.0.1 unless you need this.',
    );
  }
  const who = [
    flags.personaId ? `persona ${flags.personaId} (${describeSource(settings.personaId)})` : undefined,
    flags.replicaId ? `replica ${flags.replicaId} (${describeSource(settings.replicaId)})` : undefined,
  ].filter(Boolean);
  output.info(
    [
      `tavus-ten serve is listening on ${pageUrl}`,
      `  POST ${server.url}${CREATE_PATH}`,
      `  POST ${server.url}/api/tavus/conversation/:id/end`,
      `Tavus: ${client.baseUrl.replace(/\/v2$/, '')} (key ${mask(apiKey.value)})${who.length > 0 ? ` · ${who.join(' · ')}` : ''}`,
      `Each conversation ends after ${flags.properties.max_call_duration} s, or ${flags.properties.participant_absent_timeout} s without anyone joining, ` +
        `or ${flags.properties.participant_left_timeout} s after everyone left.`,
      ...(flags.corsOrigins.length > 0 ? [`CORS allowed for: ${flags.corsOrigins.join(', ')}`] : []),
      'Press Ctrl-C to stop: every conversation this server started is ended first.',
    ].join('\n'),
  );
  if (who.length === 0) {
    output.warn('No default persona or replica: each request must send persona_id or replica_id. Set TAVUS_PERSONA_ID or TAVUS_REPLICA_ID, or pass --persona ID or --replica ID.');
  }
  // The URL (the data) comes last: whoever waits for it has the banner and warnings already.
  if (output.json) {
    output.printJson({ url: pageUrl, create_url: `${server.url}${CREATE_PATH}`, end_url: `${server.url}/api/tavus/conversation/{conversation_id}/end` });
  } else {
    output.out(`${pageUrl}\n`);
  }
  if (flags.open) {
    const { openInBrowser } = await import('../io/browser.js');
    await openInBrowser(pageUrl, { env: ctx.env, output });
  }

  stopOnFailure();
  return untilStopped(ctx, stop);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** Conversation URLs are https (Daily, Tavus); the emulator's rooms live on its own http origin. */
function frameSources(apiBase: string): string[] {
  const sources = ['https:'];
  try {
    const origin = new URL(apiBase).origin;
    if (origin.startsWith('http:')) sources.push(origin);
  } catch {
    // The client reports a bad base URL on the first request.
  }
  return sources;
}
