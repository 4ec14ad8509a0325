// The conformance tier's set-up, shared by the files in test/conformance: the pinned Python clients (or
// the tier skipped with its notice), and `tavus-ten mock` for a describe block with a scratch directory.
import { afterAll, beforeAll, expect } from 'vitest';
import { tempDir } from './cli.js';
import { startMock, type RunningMock } from './mock.js';
import { PYTHON_CLIENTS_MISSING, pythonClients } from './python-clients.js';
import { startedLater } from './started-later.js';
import { tierAvailable } from './tier.js';

/** Each Python start takes seconds on a busy machine. */
export const PYTHON_TIMEOUT_MS = 120_000;

/** The clients' python, or undefined when they are not installed (the tier then skips, or fails under .ci/run). */
export function conformancePython(): string | undefined {
  const python = pythonClients();
  return tierAvailable('conformance', python ? undefined : PYTHON_CLIENTS_MISSING) ? python : undefined;
}

/**
 * Registers the hooks of a describe block: `tavus-ten mock` (with `env`) started in beforeAll, stopped
 * with Ctrl-C in afterAll (it must exit 0), and a scratch directory (the clients' cwd and HOME) removed.
 */
export function useMock(env: Record<string, string> = {}): { mock: RunningMock; dir: { path: string } } {
  let live: RunningMock | undefined;
  const dir = tempDir('tavus-ten-conformance-');
  const mock = startedLater(() => live, 'useMock: the mock is used before beforeAll started it');
  beforeAll(async () => {
    live = await startMock([], env);
  });
  afterAll(async () => {
    try {
      if (live) expect(await live.stop()).toBe(0);
    } finally {
      dir.cleanup();
    }
  }, PYTHON_TIMEOUT_MS);
  return { mock, dir };
}
