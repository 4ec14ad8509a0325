// What `conversation start` tells the user to run about a conversation it may leave running: the end
// command, with the flags that chose the API (so it works as printed), or with --mock, why none is needed.
import type { Context } from '../../context.js';
import { tavusTenCommand } from '../../shell-command.js';

/** `tavus-ten conversation end ID …`, reaching the API this run used. */
export function endCommand(ctx: Pick<Context, 'global'>, id: string): string {
  return tavusTenCommand(['conversation', 'end', id], ctx.global);
}

/** The one hint for a conversation that may not have been ended: every path that gives up on one says this. */
export function stillRunningHint(ctx: Pick<Context, 'global'>, id: string): string {
  return ctx.global.mock
    ? 'With --mock it stops with the emulator, which exits with this command.'
    : `It may still be running (and billing): run \`${endCommand(ctx, id)}\`.`;
}
