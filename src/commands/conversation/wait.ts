// `conversation start --wait`: stay attached to a conversation, showing its status and elapsed time,
// until Tavus ends it (print why, exit 0) or the user stops us (the caller's cleanup ends it).
import { ExitCode, InterruptedError, TavusTenError } from '../../errors.js';
import { formatElapsed } from '../../durations.js';
import type { Context } from '../../context.js';
import { classifyShutdown, shutdownHint } from '../../conversations/shutdown.js';
import { StatusLine } from '../../io/status-line.js';
import { pause } from '../common/pause.js';

export const DEFAULT_POLL_MS = 2000;
/** Without a TTY, a reminder that we are still attached this often. */
const PLAIN_HEARTBEAT_MS = 60_000;
/** Polls that may fail in a row (network, 5xx, 429 after retries) before we give up. */
const MAX_POLL_FAILURES = 5;
const TRANSIENT = new Set(['network_error', 'timeout', 'rate_limited', 'unexpected_response']);

export interface AttachOptions {
  id: string;
  /** Status from the create answer (a test_mode conversation is created ended). */
  status: string | null | undefined;
  pollMs: number;
  startedAtMs: number;
}

/** Resolves with the shutdown reason once Tavus has ended the conversation; throws on interrupt. */
export async function waitUntilEnded(ctx: Context, options: AttachOptions): Promise<string | undefined> {
  const { output } = ctx;
  const { id } = options;
  const elapsed = () => formatElapsed(ctx.now() - options.startedAtMs);
  const live = StatusLine.enabledFor(output)
    ? new StatusLine(output, () => `${id} ${output.chalk.green('active')} · ${elapsed()} · ${output.chalk.dim('Ctrl-C ends the conversation')}`)
    : undefined;

  let status = options.status;
  let failures = 0;
  let warned = false;
  let lastPlain = ctx.now();
  if (live) live.start();
  else output.info(`Waiting for conversation ${id} to end (Ctrl-C ends it now).`);
  try {
    const client = await ctx.client();
    while (status !== 'ended') {
      await pause(options.pollMs, ctx.signal);
      try {
        status = (await client.conversations.get(id)).status;
        failures = 0;
      } catch (error) {
        if (ctx.signal.aborted || !isTransient(error) || ++failures >= MAX_POLL_FAILURES) throw error;
        if (!warned) {
          const say = `Could not check on conversation ${id} (${(error as Error).message}); still trying.`;
          if (live) live.print(`${output.chalk.yellow('!')} ${say}`);
          else output.warn(say);
          warned = true;
        }
        continue;
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
