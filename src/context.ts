// What every command receives: settings with their sources, where the API is, a lazily built API
// client, output, a prompter, the interrupt signal and cleanup registration. Commands never read process.* directly.
import type { TavusClient } from './api/client.js';
import { ConfigError, UsageError } from './errors.js';
import { keyTrustProblem } from './settings/trust.js';
import { createPrompter, whyNoPrompts, type Prompter } from './io/prompter.js';
import { Output } from './io/output.js';
import { colorEnabled } from './io/color.js';
import type { IO } from './io/streams.js';
import { resolveSettings, type SettingName, type Settings } from './settings/resolve.js';
import { configuredTarget, mockTarget, type MockEmulator, type TavusTarget } from './tavus-target.js';

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
  /** `config` commands must run when the saved base URL is refused, or it could never be fixed with them. */
  allowBadSavedBaseUrl?: boolean;
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
  /**
   * For a cleanup still pending or under way, what a second signal (which quits at once) must say it
   * leaves undone, e.g. a conversation that may still be billing and the command that ends it.
   */
  cutShort?: Map<() => Promise<void>, string>;
  /** Set by --mock when something first needs the API: the in-process emulator (starting), closed when the run ends. */
  emulator?: Promise<MockEmulator>;
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
  /** The resolved settings, except where the API is: with --mock that is only known once the emulator runs (tavus()). */
  readonly settings: CommandSettings;
  readonly signal: AbortSignal;
  /**
   * The API's base URL and key with their sources. With --mock, the first call starts the emulator: call
   * it (or client()) only once the input is checked, so that bad input starts nothing.
   */
  tavus(): Promise<TavusTarget>;
  /** The API client (its first call is tavus()); throws ConfigError (exit 3) when no key is configured. Aborted by Ctrl-C. */
  client(): Promise<TavusClient>;
  /** A client that Ctrl-C does not abort, for cleanup work (ending a conversation) after a signal. */
  cleanupClient(): Promise<TavusClient>;
  /**
   * Registers work that must run if the command is interrupted (e.g. end a conversation); `ifCutShort`
   * is printed if a second signal quits before it is done. Returns the function that unregisters it.
   */
  onInterrupt(cleanup: () => Promise<void>, ifCutShort?: string): () => void;
  now(): number;
}

/** Settings as a command reads them: the API's base URL and key come from Context.tavus(). */
export type CommandSettings = Omit<Settings, 'baseUrl' | 'apiKey'>;

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
  // --mock decides where requests go: a --base-url beside it would be silently ignored.
  if (global.mock && global.baseUrl !== undefined) {
    throw new UsageError('--mock and --base-url cannot be used together: --mock runs against an emulator inside this command, so --base-url would be ignored.', {
      hint: 'Drop --base-url to try it offline, or drop --mock to use that API (a `tavus-ten mock` server is reached with --base-url).',
    });
  }

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
  const settings = resolveSettings({ flags, env: runtime.env, cwd: runtime.cwd, allowNewProfile: requirements.allowNewProfile, allowBadSavedBaseUrl: requirements.allowBadSavedBaseUrl });
  output.addSecret(settings.apiKey.value);
  output.addSecret(settings.livekitApiSecret.value);
  for (const warning of settings.warnings) output.warn(warning);

  let target: Promise<TavusTarget> | undefined;
  const tavus = () => (target ??= global.mock ? mockTarget(runtime, settings, output) : Promise.resolve(configuredTarget(settings)));

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
    settings: withoutTarget(settings),
    signal: runtime.signal,
    tavus,
    client: () => (client ??= tavus().then((where) => buildClient(where, settings, output, runtime.signal))),
    cleanupClient: () => (cleanupClient ??= tavus().then((where) => buildClient(where, settings, output, undefined))),
    onInterrupt(cleanup, ifCutShort) {
      runtime.cleanups.add(cleanup);
      if (ifCutShort !== undefined) (runtime.cutShort ??= new Map()).set(cleanup, ifCutShort);
      return () => {
        runtime.cleanups.delete(cleanup);
        runtime.cutShort?.delete(cleanup);
      };
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

/** The settings less baseUrl and apiKey (a copy: what a command reads cannot disagree with tavus()). */
function withoutTarget(settings: Settings): CommandSettings {
  const { baseUrl: _baseUrl, apiKey: _apiKey, ...rest } = settings;
  return rest;
}

async function buildClient(target: TavusTarget, settings: Settings, output: Output, signal: AbortSignal | undefined): Promise<TavusClient> {
  const untrusted = keyTrustProblem(target);
  if (untrusted) throw new ConfigError(untrusted.message, { hint: untrusted.hint });
  const { createTavusClient } = await import('./api/client.js');
  return createTavusClient({
    apiKey: target.apiKey.value,
    baseUrl: target.baseUrl.value,
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
