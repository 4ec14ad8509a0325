// Whether the Tavus API a command talks to is the emulator on this machine (--mock, or a loopback base
// URL): it, unlike Tavus's cloud, can reach a LiveKit server on localhost. With --mock that is known
// without starting the emulator (an input check must not start it).
import type { Context } from '../../context.js';
import { isLoopbackUrl } from '../../net/loopback.js';

export async function isTavusLocal(ctx: Pick<Context, 'global' | 'tavus'>): Promise<boolean> {
  return ctx.global.mock || isLoopbackUrl((await ctx.tavus()).baseUrl.value);
}
