// `tavus-ten mock`: the Tavus API emulator as a long-running server, for trying the tool and for
// testing other Tavus clients (e.g. the LiveKit Agents plugin) offline.
import * as z from '../zod.js';
import { UsageError } from '../errors.js';
import { checkedBy, numberFlag, PORT_RANGE } from '../flags.js';
import type { Command, Help } from 'commander';
import type { Runtime } from '../context.js';
import { defineCommand, option } from './kit.js';
import { addHelpTextAfter, helpParagraph, helpTable } from './help-text.js';
import type { Settings } from '../settings/resolve.js';
import { MOCK_API_KEY } from '../tavus-target.js';
import { listenFailure } from './common/listen.js';
import { untilStopped } from './common/until-stopped.js';
import { FAULT_KINDS, FAULT_RULE_FIELDS } from '../emulator/fault-kinds.js';


/** A day a second: beyond that, timers and timestamps stop meaning anything useful. */
const MAX_TIME_SCALE = 86_400;
const CONCURRENCY_MAX = 1000;

export function registerMockCommand(program: Command, runtime: Runtime): void {
  addHelpTextAfter(mock.register(program, runtime), faultsHelp);
}

const mock = defineCommand({
  names: ['mock'],
  description: 'run the Tavus API emulator on 127.0.0.1 until Ctrl-C',
  options: {
    port: option('--port <n>', 'port to listen on (default: a free one)', checkedBy((value) => numberFlag(value, '--port', PORT_RANGE))),
    acceptKey: option('--accept-key <key>', `the API key the emulator accepts from clients (default: ${MOCK_API_KEY})`, z.optional(z.string().check(z.trim(), z.minLength(8))), {
      fix: 'Use at least 8 characters.',
    }),
    // The old spelling, kept working: it read as the global --api-key (the key tavus-ten sends), which it is not.
    apiKey: option('--api-key <key>', 'old spelling of --accept-key', z.optional(z.string().check(z.trim(), z.minLength(8))), { fix: 'Use at least 8 characters.', hidden: true }),
    concurrency: option(
      '--concurrency <n>',
      'maximum active conversations before the cap error',
      z.pipe(z.string(), z.transform((value) => numberFlag(value, '--concurrency', { max: CONCURRENCY_MAX }))),
      { default: '3' },
    ),
    latency: option(
      '--latency <ms>',
      'delay added to every API response, in milliseconds',
      z.pipe(z.string(), z.transform((value) => numberFlag(value, '--latency', { min: 0, max: 60_000, unit: 'milliseconds', example: '200' }))),
      { default: '0' },
    ),
    timeScale: option(
      '--time-scale <n>',
      'emulated seconds per real second, for conversation timeouts (e.g. 60: a minute a second)',
      z.pipe(z.string(), z.transform((value) => numberFlag(value, '--time-scale', { above: 0, max: MAX_TIME_SCALE, fractions: true, example: '60' }))),
      { default: '1' },
    ),
    livekitApiKey: option('--livekit-api-key <key>', "check LiveKit conversations' room tokens against this API key (env LIVEKIT_API_KEY)", z.optional(z.string()), {
      setting: 'livekitApiKey',
    }),
    livekitApiSecret: option('--livekit-api-secret <secret>', 'the API secret that goes with --livekit-api-key (env LIVEKIT_API_SECRET)', z.optional(z.string()), {
      setting: 'livekitApiSecret',
    }),
    livekitJoin: option(
      '--livekit-join',
      'the avatar of a LiveKit conversation really joins the room and lip-syncs your agent (needs @livekit/rtc-node)',
      z.optional(z.boolean()),
    ),
  },
  examples: [
    'tavus-ten mock --port 8787',
    `TAVUS_API_BASE_URL=http://127.0.0.1:8787 TAVUS_API_KEY=${MOCK_API_KEY} tavus-ten replica list`,
    'tavus-ten mock --concurrency 1 --latency 200   # try the cap and a slow network',
    'tavus-ten mock --time-scale 60                 # timeouts 60x faster: a 5-minute absent timeout in 5 s',
    'curl -X POST localhost:8787/__emulator/clock/advance -d \'{"seconds":300}\'   # or jump the clock',
    'curl -X POST localhost:8787/__emulator/faults -d \'{"fault":{"kind":"status","status":503},"path":"/v2/personas","times":2}\'',
    'LIVEKIT_API_KEY=... LIVEKIT_API_SECRET=... tavus-ten mock   # LiveKit room tokens are checked too',
    'tavus-ten mock --livekit-join   # with livekit-server --dev: the avatar joins your room for real',
  ],
  handler: async (ctx, opts) => {
    const port = opts.port ?? 0;
    const { concurrency, timeScale } = opts;
    const apiKey = opts.acceptKey ?? opts.apiKey;
    const latencyMs = opts.latency;
    const livekit = livekitCredentials(ctx.settings);

    const livekitJoin = opts.livekitJoin === true;

    const { startEmulator } = await import('../emulator/index.js');
    const emulator = await startEmulator({ port, concurrency, latencyMs, timeScale, livekitJoin, ...(apiKey ? { apiKey } : {}), ...(livekit ? { livekit } : {}) }).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'LivekitJoinUnavailable') {
        throw new UsageError('--livekit-join needs @livekit/rtc-node, which is not installed.', {
          hint: 'Install it beside tavus-ten (npm install @livekit/rtc-node; for a global tavus-ten: npm install -g @livekit/rtc-node), or drop --livekit-join.',
        });
      }
      throw listenFailure(error, '127.0.0.1', port) ?? error;
    });
    const { output } = ctx;
    if (output.json) {
      ctx.io.stdout.write(`${JSON.stringify({ base_url: emulator.url, api_url: `${emulator.url}/v2`, api_key: emulator.apiKey, time_scale: timeScale, livekit_join: livekitJoin }, null, 2)}\n`);
    } else {
      // The mock key is this command's deliberate output, so it bypasses the secret scrubber.
      ctx.io.stdout.write(`export TAVUS_API_BASE_URL=${emulator.url}\nexport TAVUS_API_KEY=${emulator.apiKey}\n`);
      output.info(
        `Tavus emulator listening on ${emulator.url} (API at ${emulator.url}/v2, concurrency cap ${concurrency}).\n` +
          `Point any Tavus client at it with the two variables above. Requests log: ${emulator.url}/__emulator/requests\n` +
          (livekitJoin
            ? "LiveKit conversations: the avatar (tavus-avatar-agent) joins the room for real (your LiveKit server judges its token), lip-syncs the agent it publishes on behalf of, and leaves when the conversation ends.\n"
            : livekit
              ? `LiveKit conversations: room tokens are checked against API key ${livekit.apiKey} (${ctx.settings.livekitApiKey.origin}) and its secret.\n`
              : 'LiveKit conversations: set LIVEKIT_API_KEY and LIVEKIT_API_SECRET (or the flags) to have room token signatures checked too.\n') +
          `Clock: ${timeScale === 1 ? 'real time' : `${timeScale}x real time`} for conversation timeouts; jump it with POST ${emulator.url}/__emulator/clock/advance {"seconds":N}.\n` +
          'Press Ctrl-C to stop.',
      );
    }
    return untilStopped(ctx, async () => {
      await emulator.close();
      output.info('Tavus emulator stopped.');
    });
  },
});

/** Both or neither: a key without its secret cannot check a signature. */
function livekitCredentials(settings: Pick<Settings, 'livekitApiKey' | 'livekitApiSecret'>): { apiKey: string; apiSecret: string } | undefined {
  const apiKey = settings.livekitApiKey.value?.trim();
  const apiSecret = settings.livekitApiSecret.value;
  if (!apiKey && !apiSecret) return undefined;
  if (!apiKey || !apiSecret) {
    const [have, lack] = apiKey ? [settings.livekitApiKey, 'LIVEKIT_API_SECRET (--livekit-api-secret)'] : [settings.livekitApiSecret, 'LIVEKIT_API_KEY (--livekit-api-key)'];
    throw new UsageError(`A LiveKit ${apiKey ? 'API key' : 'API secret'} is set (${have.origin}) without its ${apiKey ? 'secret' : 'key'}.`, {
      hint: `Set ${lack} too, or neither.`,
    });
  }
  return { apiKey, apiSecret };
}

/** The fault kinds and their parameters, for `mock --help`: how to inject each one over the control plane. */
/** The fault kinds and their parameters, laid out as the options are. */
function faultsHelp(help: Help): string {
  return (
    `\n${helpParagraph(help, 'Faults (POST /__emulator/faults {"fault":{"kind":…, parameters}, rule fields}; DELETE /__emulator/faults clears them):')}\n` +
    `${helpTable(
      help,
      FAULT_KINDS.map((fault) => [fault.kind, fault.params === '(none)' ? fault.what : `${fault.what}\nparameters: ${fault.params}`]),
    )}\n` +
    helpTable(help, [['Rule fields:', `${FAULT_RULE_FIELDS}.`]])
  );
}
