// A server command (`mock`, `serve`) that cannot bind its port: a usage error naming the port, not a crash.
import { UsageError } from '../../errors.js';

/** The UsageError for a failed listen, or undefined when `error` is not one. */
export function listenFailure(error: unknown, host: string, port: number | string): UsageError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'EPERM'].includes(code)) return undefined;
  const taken = code === 'EADDRINUSE';
  return new UsageError(
    taken ? `Port ${port} on ${host} is already in use.` : `Cannot listen on ${host}:${port}: ${(error as Error).message}.`,
    { hint: taken ? 'Stop whatever uses it, or pick another port with --port N (--port 0 picks a free one).' : 'Check --host and --port.' },
  );
}
