// The end-to-end set-up every file shares: one Tavus emulator per test file (or per describe block, when
// called inside one) on 127.0.0.1 (random port), reset before each test, closed after; and the
// environment that points the CLI at it.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { startedLater } from './started-later.js';

export interface EmulatorFixture {
  /** The running emulator (usable from beforeAll on; it forwards to the instance started for this file). */
  emulator: Emulator;
  /** `TAVUS_API_BASE_URL` and `TAVUS_API_KEY` for it, plus `extraEnv`'s variables; filled in before the tests run. */
  env: Record<string, string>;
}

export interface FixtureOptions {
  /**
   * `reset()` before each test (default true). False for files whose tests build on each other's state,
   * or reset themselves where it matters.
   */
  reset?: boolean;
}

/**
 * Registers the hooks: start in beforeAll, `reset()` in beforeEach, close in afterAll. `options` may be a
 * function, called in beforeAll, when they depend on something an earlier beforeAll started (a LiveKit
 * server's key pair). `extraEnv` (given the started emulator) adds variables to `env`.
 */
export function useEmulator(
  options: EmulatorOptions | (() => EmulatorOptions) = {},
  extraEnv: (emulator: Emulator) => Record<string, string> = () => ({}),
  fixture: FixtureOptions = {},
): EmulatorFixture {
  let live: Emulator | undefined;
  const env: Record<string, string> = {};
  const emulator = startedLater(() => live, 'useEmulator: the emulator is used before beforeAll started it');
  beforeAll(async () => {
    live = await startEmulator(typeof options === 'function' ? options() : options);
    Object.assign(env, emulatorEnv(live), extraEnv(live));
  });
  afterAll(() => live?.close());
  if (fixture.reset ?? true) beforeEach(() => live?.reset());
  return { emulator, env };
}

/** The variables that point the CLI at an emulator (one started here or by a test itself): its URL and API key. */
export function emulatorEnv(emulator: Pick<Emulator, 'url' | 'apiKey'>): { TAVUS_API_BASE_URL: string; TAVUS_API_KEY: string } {
  return { TAVUS_API_BASE_URL: emulator.url, TAVUS_API_KEY: emulator.apiKey };
}

/** The conversation creates (POST /v2/conversations) the emulator received, oldest first. */
export function creates(emulator: Emulator): Emulator['requests'] {
  return emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/conversations');
}
