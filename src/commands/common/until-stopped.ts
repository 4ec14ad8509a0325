// Long-running server commands (`mock`, `serve`, `webhook listen`) are stopped with Ctrl-C, SIGTERM or a
// closed terminal: that is how they end, not an error. Their own cleanup runs, then they exit 0. A second
// signal still quits at once with 130 (main.ts); a cleanup that fails is reported and exits 1.
import { CheckFailedError, ExitCode, isTavusTenError } from '../../errors.js';
import type { Context } from '../../context.js';

/** Waits for the stop signal, runs `stop`, and resolves to exit code 0 (the handler's return value). */
export async function untilStopped(ctx: Pick<Context, 'signal'>, stop: () => Promise<void>): Promise<number> {
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    await stop();
  } catch (error) {
    // A plain error here would be reported as the interruption itself (main.ts): name it as the failure it is.
    if (isTavusTenError(error)) throw error;
    throw new CheckFailedError(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return ExitCode.ok;
}
