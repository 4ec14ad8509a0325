// Small waits for end-to-end tests: a condition polled until true (no fixed sleeps), a port nothing listens on.
import { createServer } from 'node:net';

/** Resolves once `condition()` is true, checking every 10 ms. */
export async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
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
