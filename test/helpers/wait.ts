// Small waits for end-to-end tests: a condition polled until it holds (no fixed sleeps), a port nothing listens on.
import { createServer } from 'node:net';

/**
 * Resolves to the probe's first truthy value (the probe may be async), checking every 10 ms; rejects
 * after timeoutMs naming `what`. The one polling helper of the suite: no fixed sleeps.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what = 'a condition', timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port on 127.0.0.1 that was free a moment ago: connecting to it is refused. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
