// The end-to-end set-up every file shares: one Tavus emulator per test file on 127.0.0.1 (random port),
// reset before each test, closed after the file; and the environment that points the CLI at it.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

export interface EmulatorFixture {
  /** The running emulator (usable from beforeAll on; it forwards to the instance started for this file). */
  emulator: Emulator;
  /** `TAVUS_API_BASE_URL` and `TAVUS_API_KEY` for it, plus `extraEnv`'s variables; filled in before the tests run. */
  env: Record<string, string>;
}

/**
 * Registers the hooks: start in beforeAll, `reset()` in beforeEach, close in afterAll. `extraEnv`
 * (given the started emulator) adds variables to `env`, e.g. a default persona or LiveKit settings.
 */
export function useEmulator(options: EmulatorOptions = {}, extraEnv: (emulator: Emulator) => Record<string, string> = () => ({})): EmulatorFixture {
  let live: Emulator | undefined;
  const env: Record<string, string> = {};
  const emulator = new Proxy({} as Emulator, {
    get(_target, key) {
      if (!live) throw new Error('useEmulator: the emulator is used before beforeAll started it');
      const value: unknown = Reflect.get(live, key, live);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(live) : value;
    },
  });
  beforeAll(async () => {
    live = await startEmulator(options);
    Object.assign(env, { TAVUS_API_BASE_URL: live.url, TAVUS_API_KEY: live.apiKey }, extraEnv(live));
  });
  afterAll(() => live?.close());
  beforeEach(() => live?.reset());
  return { emulator, env };
}
