// `conversation start --wait`: stay attached to a conversation, showing its status and elapsed time,
// until Tavus ends it (print why, exit 0) or the user stops us (the caller's cleanup ends it).
import { ExitCode, TavusTenError } from '../../errors.js';
import { withoutFinalPeriod } from '../../io/sentence.js';
import { formatElapsed } from '../../durations.js';
import type { Context } from '../../context.js';
import { classifyShutdown, shutdownHint } from '../../conversations/shutdown.js';
import { StatusLine } from '../../io/status-line.js';
import { pause } from '../common/pause.js';

export const DEFAULT_POLL_MS = 2000;
/** Without a TTY, a reminder that we are still attached this often. */
const PLAIN_HEARTBEAT_MS = 60_000;
/** While Tavus cannot be reached, polls back off up to this interval. */
const MAX_BACKOFF_MS = 15_000;
/**
 * Past its max_call_duration Tavus has ended the conversation by itself: an outage that lasts this much
 * longer than that is where waiting stops (the one end that needs no answer from Tavus).
 */
const PAST_MAX_DURATION_GRACE_MS = 30_000;
const TRANSIENT = new Set(['network_error', 'timeout', 'rate_limited', 'unexpected_response']);

export interface AttachOptions {
  id: string;
  /** Status from the create answer (a test_mode conversation is created ended). */
  status: string | null | undefined;
  pollMs: number;
  startedAtMs: number;
  /** The max_call_duration sent, in seconds: Tavus ends it by then. */
  maxDurationS: number;
}

/**
 * Resolves with the shutdown reason once Tavus has ended the conversation; throws on interrupt, on an
 * error that retrying cannot fix (a rejected key), and when Tavus stayed unreachable until well past the
 * conversation's max_call_duration. A network outage or Tavus's 5xx alone never ends the wait: the
 * conversation may be running fine for the user, so it keeps polling (backing off) and says so once.
 */
export async function waitUntilEnded(ctx: Context, options: AttachOptions): Promise<string | undefined> {
  const { output } = ctx;
  const { id } = options;
  const elapsed = () => formatElapsed(ctx.now() - options.startedAtMs);
  /** When the first poll of the current outage started; undefined while Tavus answers. */
  let lostAtMs: number | undefined;
  // During an outage the spinner does not claim to know the status.
  const shown = () => (lostAtMs === undefined ? output.chalk.green('active') : output.chalk.yellow('Tavus not answering'));
  const live = StatusLine.enabledFor(output)
    ? new StatusLine(output, () => `${id} ${shown()} · ${elapsed()} · ${output.chalk.dim('Ctrl-C ends the conversation')}`)
    : undefined;
  const say = (text: string, warning: boolean) => {
    if (live) live.print(warning ? `${output.chalk.yellow('!')} ${text}` : text);
    else if (warning) output.warn(text);
    else output.info(text);
  };

  let status = options.status;
  let failures = 0;
  let lastPlain = ctx.now();
  if (live) live.start();
  else output.info(`Waiting for conversation ${id} to end (Ctrl-C ends it now).`);
  try {
    const client = await ctx.client();
    while (status !== 'ended') {
      await pause(Math.min(options.pollMs * 2 ** failures, Math.max(options.pollMs, MAX_BACKOFF_MS)), ctx.signal);
      const polledAtMs = ctx.now();
      try {
        status = (await client.conversations.get(id)).status;
      } catch (error) {
        if (ctx.signal.aborted || !isTransient(error)) throw error;
        failures++;
        if (lostAtMs === undefined) {
          lostAtMs = polledAtMs;
          say(`Cannot reach Tavus to check on conversation ${id} (${withoutFinalPeriod((error as Error).message)}). It may still be running: staying attached until Tavus answers (Ctrl-C ends it).`, true);
        }
        if (ctx.now() - options.startedAtMs > options.maxDurationS * 1000 + PAST_MAX_DURATION_GRACE_MS) throw pastMaxDuration(error as TavusTenError, id, options.maxDurationS, ctx.now() - lostAtMs);
        continue;
      }
      if (lostAtMs !== undefined) {
        say(`Reached Tavus again after ${formatElapsed(ctx.now() - lostAtMs)}${status === 'ended' ? '' : `; conversation ${id} is ${status ?? 'active'}`}.`, false);
        lostAtMs = undefined;
        failures = 0;
      }
      if (!live && status !== 'ended' && ctx.now() - lastPlain >= PLAIN_HEARTBEAT_MS) {
        lastPlain = ctx.now();
        output.info(`Conversation ${id} is ${status ?? 'active'} (${elapsed()}).`);
      }
    }
  } finally {
    live?.stop();
  }
  const ended = await (await ctx.client()).conversations.get(id, { verbose: true });
  const { shutdownReasonOf } = await import('../../api/resources/conversations.js');
  return shutdownReasonOf(ended);
}

/** Giving up: the outage outlasted the conversation's max_call_duration, so Tavus has ended it by now (the caller still tries to). */
function pastMaxDuration(last: TavusTenError, id: string, maxDurationS: number, lostForMs: number): TavusTenError {
  return new TavusTenError(
    last.code,
    last.exitCode,
    `Could not reach Tavus for ${formatElapsed(lostForMs)}, and conversation ${id} is past its max_call_duration (${formatElapsed(maxDurationS * 1000)}): Tavus ends it by itself then, so this stops waiting. Last error: ${last.message}`,
    { status: last.status },
  );
}

/**
 * How an ending attached to with --wait is told: a normal ending is ✓ (exit 0), a failure reason ✗
 * (exit 1), an unknown or missing reason shown as it is with a warning (exit 0). `elapsed` is preformatted.
 */
export function reportEnding(ctx: Context, id: string, elapsed: string, reason: string | undefined): number | undefined {
  const { output } = ctx;
  const verdict = classifyShutdown(reason);
  const said = `Conversation ${id} ended after ${elapsed}: ${verdict.reason || 'no shutdown reason'} (${verdict.meaning}).`;
  // With --mock the emulator (and its record of the conversation) stops with this command.
  const hint = ctx.global.mock ? 'With --mock the emulator stops with this command: run it against a server (`tavus-ten mock`) to read the events afterwards.' : shutdownHint(id, ctx.global);
  if (verdict.kind === 'failure') {
    if (output.json) output.error({ code: 'check_failed', message: said, status: null, hint });
    else {
      output.err(`${output.chalk.red('✗')} ${said}\n`);
      output.info(hint);
    }
    return ExitCode.failure;
  }
  if (verdict.kind === 'unknown') output.warn(`${said} Check that it is what you expected.`);
  else output.success(said);
  if (!ctx.global.mock) output.info(output.chalk.dim(hint.replace('See what happened', 'Events and transcript')));
  return undefined;
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof TavusTenError)) return false;
  return TRANSIENT.has(error.code) || (error.code === 'api_error' && (error.status ?? 0) >= 500);
}
