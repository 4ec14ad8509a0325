// Whether the Tavus API a command talks to is the emulator on this machine (--mock, or a loopback base
// URL): it, unlike Tavus's cloud, can reach a LiveKit server on localhost.
import type { Context } from '../../context.js';
import { isLoopbackUrl } from '../../net/loopback.js';

export function isTavusLocal(ctx: Pick<Context, 'global' | 'settings'>): boolean {
  return ctx.global.mock || isLoopbackUrl(ctx.settings.baseUrl.value);
}
