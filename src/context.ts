// What every command receives: settings with their sources, a lazily built API client, output,
// a prompter, the interrupt signal and cleanup registration. Commands never read process.* directly.
import type { TavusClient } from './api/client.js';
import { ConfigError, UsageError } from './errors.js';
import { keyTrustProblem } from './settings/trust.js';
import { createPrompter, whyNoPrompts, type Prompter } from './io/prompter.js';
import { Output } from './io/output.js';
import { colorEnabled } from './io/color.js';
import type { IO } from './io/streams.js';
import { resolveSettings, type SettingName, type Settings } from './settings/resolve.js';

export interface GlobalOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
  verbose: boolean;
  yes: boolean;
  input: boolean;
  mock: boolean;
  profile?: string;
  envFile?: string;
  baseUrl?: string;
  apiKey?: string;
  timeout?: string;
}

/** What a command may say about itself when its context is made. */
export interface ContextRequirements {
  /** auth login may name a profile that does not exist yet. */
  allowNewProfile?: boolean;
  /**
   * The command's options that also set a resolved setting, e.g. `{ persona: 'personaId' }`: only these
   * do, so an option that happens to be named `persona` never silently becomes the persona setting.
   */
  settingOptions?: Partial<Record<string, SettingName>>;
}

/** Per-process state shared by every command run: the emulator for --mock, cleanups for signals. */
export interface Runtime {
  io: IO;
  env: Record<string, string | undefined>;
  cwd: string;
  signal: AbortSignal;
  cleanups: Set<() => Promise<void>>;
  /** Set by --mock: the in-process emulator, closed when the run ends. */
  emulator?: { url: string; apiKey: string; close(): Promise<void> };
  exitCode?: number;
  /** Every secret the command's Output learnt (keys from any source, minted tokens): main.ts masks errors with them. */
  secrets?: Set<string>;
}

export interface Context {
  readonly io: IO;
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly global: GlobalOptions;
  readonly output: Output;
  readonly prompter: Prompter;
  readonly settings: Settings;
  readonly signal: AbortSignal;
  /** The API client; throws ConfigError (exit 3) when no key is configured. Aborted by Ctrl-C. */
  client(): Promise<TavusClient>;
  /** A client that Ctrl-C does not abort, for cleanup work (ending a conversation) after a signal. */
  cleanupClient(): Promise<TavusClient>;
  /** Registers work that must run if the command is interrupted (e.g. end a conversation). */
  onInterrupt(cleanup: () => Promise<void>): () => void;
  now(): number;
}

export async function createContext(
  runtime: Runtime,
  opts: Record<string, unknown>,
  requirements: ContextRequirements = {},
): Promise<Context> {
  const global = readGlobalOptions(opts);
  const output = new Output(runtime.io, {
    json: global.json,
    quiet: global.quiet,
    verbose: global.verbose,
    color: colorEnabled({ flag: global.color, env: runtime.env, isTTY: runtime.io.stdout.isTTY === true }),
  }, (runtime.secrets ??= new Set()));
  if (global.json && global.quiet) throw new UsageError('--json and -q/--quiet cannot be used together.', { hint: 'Pick one.' });

  const flags: Record<string, string | undefined> = {
    apiKey: global.apiKey,
    baseUrl: global.baseUrl,
    timeout: global.timeout,
    profile: global.profile,
    envFile: global.envFile,
  };
  for (const [option, setting] of Object.entries(requirements.settingOptions ?? {})) {
    const value = opts[option];
    if (typeof value === 'string' && setting) flags[setting] = value;
  }
  const settings = resolveSettings({ flags, env: runtime.env, cwd: runtime.cwd, allowNewProfile: requirements.allowNewProfile });
  output.addSecret(settings.apiKey.value);
  output.addSecret(settings.livekitApiSecret.value);
  for (const warning of settings.warnings) output.warn(warning);

  if (global.mock) await useEmulator(runtime, settings, output);

  const prompter = createPrompter(runtime.io, whyNoPrompts({ io: runtime.io, env: runtime.env, json: global.json, input: global.input }), runtime.signal);

  let client: Promise<TavusClient> | undefined;
  let cleanupClient: Promise<TavusClient> | undefined;
  return {
    io: runtime.io,
    env: runtime.env,
    cwd: runtime.cwd,
    global,
    output,
    prompter,
    settings,
    signal: runtime.signal,
    client: () => (client ??= buildClient(settings, output, runtime.signal)),
    cleanupClient: () => (cleanupClient ??= buildClient(settings, output, undefined)),
    onInterrupt(cleanup) {
      runtime.cleanups.add(cleanup);
      return () => runtime.cleanups.delete(cleanup);
    },
    now: () => Date.now(),
  };
}

function readGlobalOptions(opts: Record<string, unknown>): GlobalOptions {
  const str = (key: string) => (typeof opts[key] === 'string' ? (opts[key] as string) : undefined);
  return {
    json: opts.json === true,
    quiet: opts.quiet === true,
    color: opts.color !== false,
    verbose: opts.verbose === true,
    yes: opts.yes === true,
    input: opts.input !== false,
    mock: opts.mock === true,
    profile: str('profile'),
    envFile: str('envFile'),
    baseUrl: str('baseUrl'),
    apiKey: str('apiKey'),
    timeout: str('timeout'),
  };
}

/** --mock: start the emulator once per run and point the settings at it (no key needed). */
async function useEmulator(runtime: Runtime, settings: Settings, output: Output): Promise<void> {
  let emulator = runtime.emulator;
  if (!emulator) {
    const { startEmulator } = await import('./emulator/index.js');
    // With LiveKit credentials configured, the emulator checks the avatar's room token as LiveKit would.
    const apiKey = settings.livekitApiKey.value;
    const apiSecret = settings.livekitApiSecret.value;
    emulator = runtime.emulator = await startEmulator(apiKey && apiSecret ? { livekit: { apiKey, apiSecret } } : {});
  }
  settings.baseUrl = { value: emulator.url, source: 'mock', origin: '--mock' };
  settings.apiKey = { value: emulator.apiKey, source: 'mock', origin: '--mock' };
  output.addSecret(emulator.apiKey);
}

async function buildClient(settings: Settings, output: Output, signal: AbortSignal | undefined): Promise<TavusClient> {
  const untrusted = keyTrustProblem(settings);
  if (untrusted) throw new ConfigError(untrusted.message, { hint: untrusted.hint });
  const { createTavusClient } = await import('./api/client.js');
  return createTavusClient({
    apiKey: settings.apiKey.value,
    baseUrl: settings.baseUrl.value,
    timeoutMs: settings.timeout.value * 1000,
    signal,
    onRequest: output.options.verbose
      ? (entry) =>
          output.debug(
            `${entry.method} ${entry.url} → ${entry.status ?? entry.error ?? 'no response'} (${Math.round(entry.ms)} ms${entry.attempt > 1 ? `, attempt ${entry.attempt}` : ''})`,
          )
      : undefined,
  });
}
