// Where a command's API requests go and with which key: the resolved settings', or with --mock the
// in-process emulator's. The emulator starts on the first call, not with the context: a command that
// refuses its input first (exit 2) never starts one. main.ts closes it when the run ends.
import type { Output } from './io/output.js';
import type { Setting, Settings } from './settings/resolve.js';

/** The --mock emulator as the run holds it (Runtime.emulator): started at most once, closed by main.ts. */
export interface MockEmulator {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

/** The API's base URL (always set: the default is tavusapi.com) and key, each with where it came from. */
export interface TavusTarget {
  baseUrl: Setting & { value: string };
  apiKey: Setting;
}

/**
 * What a --dry-run with --mock shows as the base URL: the emulator listens on 127.0.0.1, on a port it
 * picks when it starts, and a preview starts nothing.
 */
export const MOCK_PREVIEW_BASE_URL = 'http://127.0.0.1:<port>';

/** The emulator's default key (src/emulator/server.ts DEFAULT_API_KEY; not imported here: a dry run must not load the emulator). */
export const MOCK_API_KEY = 'tvs_mock_0000000000000000';

/** The target as configured (flag > env > .env > profile > default). */
export function configuredTarget(settings: Pick<Settings, 'baseUrl' | 'apiKey'>): TavusTarget {
  return { baseUrl: { ...settings.baseUrl, value: settings.baseUrl.value! }, apiKey: settings.apiKey };
}

/** --mock: the emulator's target, starting it (once per run) if it is not running yet. */
export async function mockTarget(runtime: { emulator?: Promise<MockEmulator> }, settings: Pick<Settings, 'livekitApiKey' | 'livekitApiSecret'>, output: Output): Promise<TavusTarget> {
  const starting = !runtime.emulator;
  runtime.emulator ??= startMock(settings);
  const emulator = await runtime.emulator;
  output.addSecret(emulator.apiKey);
  // --verbose says when it starts: the one sign a run used it (bad input never does).
  if (starting) output.debug(`--mock: started the Tavus emulator at ${emulator.url}.`);
  return {
    baseUrl: { value: emulator.url, source: 'mock', origin: '--mock' },
    apiKey: { value: emulator.apiKey, source: 'mock', origin: '--mock' },
  };
}

async function startMock(settings: Pick<Settings, 'livekitApiKey' | 'livekitApiSecret'>): Promise<MockEmulator> {
  const { startEmulator } = await import('./emulator/index.js');
  // With LiveKit credentials configured, the emulator checks the avatar's room token as LiveKit would.
  const apiKey = settings.livekitApiKey.value;
  const apiSecret = settings.livekitApiSecret.value;
  return startEmulator(apiKey && apiSecret ? { livekit: { apiKey, apiSecret } } : {});
}
