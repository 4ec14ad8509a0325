// Every setting, resolved once per command: flag > environment > .env > saved profile > default.
// Each value remembers where it came from, so `auth status` and `doctor` can say so.
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { baseUrlProblem, DEFAULT_BASE_URL, isHttpBaseUrl, withoutUserinfo } from '../api/base-url.js';
import { ConfigError, UsageError } from '../errors.js';
import { readDotenvFile } from './dotenv.js';
import { TIMEOUT_RULE, timeoutSeconds } from './timeout.js';
import { describeSource, type Setting } from './sources.js';
import {
  configPath,
  DEFAULT_PROFILE,
  profileNameSchema,
  readConfigFile,
  type ConfigFile,
  type Profile,
  type ProfileKey,
} from './profile-store.js';

export type { Setting, SettingSource } from './sources.js';

/** One definition per setting: its flag, its variables (main name first, then aliases). */
interface SettingDefinition {
  flag?: string;
  env: string[];
  profileKey?: ProfileKey;
  secret?: boolean;
}

export const SETTING_DEFINITIONS = {
  apiKey: { flag: '--api-key', env: ['TAVUS_API_KEY'], profileKey: 'api_key', secret: true },
  baseUrl: { flag: '--base-url', env: ['TAVUS_API_BASE_URL'], profileKey: 'base_url' },
  replicaId: { flag: '--replica', env: ['TAVUS_REPLICA_ID', 'TAVUS_FACE_ID'], profileKey: 'replica_id' },
  personaId: { flag: '--persona', env: ['TAVUS_PERSONA_ID', 'TAVUS_PAL_ID'], profileKey: 'persona_id' },
  livekitUrl: { flag: '--livekit-url', env: ['LIVEKIT_URL'], profileKey: 'livekit_url' },
  livekitApiKey: { flag: '--livekit-api-key', env: ['LIVEKIT_API_KEY'], profileKey: 'livekit_api_key' },
  livekitApiSecret: {
    flag: '--livekit-api-secret',
    env: ['LIVEKIT_API_SECRET'],
    profileKey: 'livekit_api_secret',
    secret: true,
  },
  livekitRoom: { flag: '--room', env: ['LIVEKIT_ROOM'], profileKey: 'livekit_room' },
  livekitAgentIdentity: { flag: '--agent-identity', env: ['LIVEKIT_AGENT_IDENTITY'], profileKey: 'livekit_agent_identity' },
  timeout: { flag: '--timeout', env: ['TAVUS_TEN_TIMEOUT'], profileKey: 'timeout' },
} as const satisfies Record<string, SettingDefinition>;

export type SettingName = keyof typeof SETTING_DEFINITIONS;

export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface Settings {
  apiKey: Setting;
  baseUrl: Setting;
  replicaId: Setting;
  personaId: Setting;
  livekitUrl: Setting;
  livekitApiKey: Setting;
  livekitApiSecret: Setting;
  /** The LiveKit room `conversation start --transport livekit` sends the avatar to (`ten init` writes LIVEKIT_ROOM). */
  livekitRoom: Setting;
  /** Who the avatar publishes on behalf of in the room (`ten init --mode livekit`'s TEN app joins as LIVEKIT_AGENT_IDENTITY). */
  livekitAgentIdentity: Setting;
  /** Always set: the flag, env, .env or profile value, else the default. */
  timeout: Setting<number> & { value: number };
  profile: Setting;
  configPath: string;
  /** The .env file that was read, if any. */
  dotenvPath: string | undefined;
  /** Profiles in the config file (for `config list --profiles`, unknown-profile errors). */
  profiles: string[];
  /** Alias conflicts and other things the user should hear about on stderr. */
  warnings: string[];
}

export interface ResolveInput {
  /** Flag values by setting name (undefined when the flag was not given). */
  flags: Partial<Record<SettingName, string | undefined>> & { profile?: string; envFile?: string };
  env: Record<string, string | undefined>;
  cwd: string;
  /** An unknown --profile is an error, except for commands that create profiles (auth login). */
  allowNewProfile?: boolean;
  /** A refused base URL from the saved profile is a warning, not an error (for the `config` commands that fix it). */
  allowBadSavedBaseUrl?: boolean;
}

export function resolveSettings(input: ResolveInput): Settings {
  const { env, flags, cwd } = input;
  const warnings: string[] = [];

  const dotenvPath = flags.envFile !== undefined ? absolute(flags.envFile, cwd) : absolute('.env', cwd);
  const dotenv = readDotenvFile(dotenvPath, flags.envFile !== undefined);
  const dotenvUsed = flags.envFile !== undefined || Object.keys(dotenv).length > 0;

  const path = configPath(env);
  const config: ConfigFile = readConfigFile(path);
  const profiles = Object.keys(config.profiles).sort();

  const profile = pickProfile(flags.profile, env, dotenv, dotenvPath);
  const profileName = profile.value ?? DEFAULT_PROFILE;
  const parsedName = profileNameSchema.safeParse(profileName);
  if (!parsedName.success) {
    throw new UsageError(`Invalid profile name ${JSON.stringify(profileName)}: ${parsedName.error.issues[0]!.message}.`);
  }
  const saved: Profile | undefined = config.profiles[profileName];
  if (!saved && profile.source !== undefined && profileName !== DEFAULT_PROFILE && !input.allowNewProfile) {
    throw new ConfigError(`Unknown profile "${profileName}" (from ${describeSource(profile)}).`, {
      hint:
        (profiles.length > 0 ? `Existing profiles: ${profiles.join(', ')}. ` : 'No profiles are saved yet. ') +
        `Create it with \`tavus-ten auth login --profile ${profileName}\` (or \`tavus-ten config set --profile ${profileName} KEY VALUE\`).`,
    });
  }

  const pick = (name: SettingName): Setting => {
    const definition: SettingDefinition = SETTING_DEFINITIONS[name];
    const flagValue = flags[name];
    if (flagValue !== undefined) return { value: flagValue, source: 'flag', origin: definition.flag };
    for (const [layer, source, originOf] of [
      [env, 'env', (variable: string) => variable],
      [dotenv, 'dotenv', (variable: string) => `${variable} in ${dotenvPath}`],
    ] as const) {
      const found = pickVariable(definition.env, layer, warnings, source === 'env' ? 'the environment' : dotenvPath);
      if (found) return { value: found.value, source, origin: originOf(found.variable) };
    }
    const savedValue = definition.profileKey ? saved?.[definition.profileKey] : undefined;
    if (savedValue !== undefined && savedValue !== '') {
      return { value: String(savedValue), source: 'profile', origin: `profile "${profileName}" (${path})` };
    }
    return { value: undefined, source: undefined, origin: undefined };
  };

  const baseUrl = withDefault(pick('baseUrl'), DEFAULT_BASE_URL);
  try {
    validateBaseUrl(baseUrl, env, dotenv.TAVUS_TEN_ALLOW_HTTP === '1' ? dotenvPath : undefined);
  } catch (error) {
    if (!(input.allowBadSavedBaseUrl && baseUrl.source === 'profile' && error instanceof UsageError)) throw error;
    warnings.push(`${error.message} Commands that call the API refuse it until it is changed (\`tavus-ten config set base_url URL\` or \`config unset base_url\`).`);
  }

  return {
    apiKey: pick('apiKey'),
    baseUrl,
    replicaId: nonEmpty(pick('replicaId'), 'replica id', '--replica'),
    personaId: nonEmpty(pick('personaId'), 'persona id', '--persona'),
    livekitUrl: pick('livekitUrl'),
    livekitApiKey: pick('livekitApiKey'),
    livekitApiSecret: pick('livekitApiSecret'),
    livekitRoom: pick('livekitRoom'),
    livekitAgentIdentity: pick('livekitAgentIdentity'),
    timeout: parseTimeout(withDefault(pick('timeout'), String(DEFAULT_TIMEOUT_SECONDS))),
    profile: { value: profileName, source: profile.source ?? 'default', origin: profile.origin },
    configPath: path,
    dotenvPath: dotenvUsed ? dotenvPath : undefined,
    profiles,
    warnings,
  };
}

function pickProfile(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  dotenv: Record<string, string>,
  dotenvPath: string,
): Setting {
  if (flag !== undefined) return { value: flag, source: 'flag', origin: '--profile' };
  if (env.TAVUS_TEN_PROFILE) return { value: env.TAVUS_TEN_PROFILE, source: 'env', origin: 'TAVUS_TEN_PROFILE' };
  if (dotenv.TAVUS_TEN_PROFILE) {
    return { value: dotenv.TAVUS_TEN_PROFILE, source: 'dotenv', origin: `TAVUS_TEN_PROFILE in ${dotenvPath}` };
  }
  return { value: undefined, source: undefined, origin: undefined };
}

/** The main name wins over its alias; a differing alias is worth a warning. Empty counts as unset. */
function pickVariable(
  names: readonly string[],
  layer: Record<string, string | undefined>,
  warnings: string[],
  where: string,
): { variable: string; value: string } | undefined {
  const set = names.filter((name) => layer[name] !== undefined && layer[name] !== '');
  const [first] = set;
  if (first === undefined) return undefined;
  const value = layer[first]!;
  for (const alias of set.slice(1)) {
    if (layer[alias] !== value) {
      warnings.push(`${first} and ${alias} are both set in ${where} and differ; using ${first}. Unset ${alias}.`);
    }
  }
  return { variable: first, value };
}

function withDefault(setting: Setting, fallback: string): Setting {
  return setting.value === undefined ? { value: fallback, source: 'default', origin: 'default' } : setting;
}

function nonEmpty(setting: Setting, what: string, flag: string): Setting {
  if (setting.value !== undefined && setting.value.trim() === '') {
    throw new UsageError(`The ${what} from ${describeSource(setting)} is empty.`, { hint: `Pass ${flag} ID.` });
  }
  return setting.value === undefined ? setting : { ...setting, value: setting.value.trim() };
}

/** `ignoredAllowHttp`: the .env file that sets TAVUS_TEN_ALLOW_HTTP=1, which only the real environment may. */
function validateBaseUrl(setting: Setting, env: Record<string, string | undefined>, ignoredAllowHttp?: string): void {
  if (!isHttpBaseUrl(setting.value!)) {
    throw new UsageError(`Invalid API base URL ${JSON.stringify(withoutUserinfo(setting.value!))} (from ${describeSource(setting)}).`, {
      hint: `Use an http(s) URL such as ${DEFAULT_BASE_URL}, or unset it to use the default.`,
    });
  }
  const problem = baseUrlProblem(new URL(setting.value!), env);
  if (problem) {
    // The value is not repeated: it may carry a password.
    const ignored =
      ignoredAllowHttp !== undefined && problem.hint.includes('TAVUS_TEN_ALLOW_HTTP')
        ? ` TAVUS_TEN_ALLOW_HTTP=1 in ${ignoredAllowHttp} is ignored: a .env (a cloned project's, say) cannot allow it; set it in the real environment.`
        : '';
    throw new UsageError(`The API base URL from ${describeSource(setting)} ${problem.what}.`, { hint: problem.hint + ignored });
  }
}

function parseTimeout(setting: Setting): Settings['timeout'] {
  const parsed = timeoutSeconds.safeParse(String(setting.value));
  if (!parsed.success) {
    throw new UsageError(`Invalid timeout ${JSON.stringify(setting.value)} (from ${describeSource(setting)}): ${parsed.error.issues[0]!.message}.`, {
      hint: `Give ${TIMEOUT_RULE}.`,
    });
  }
  return { value: parsed.data, source: setting.source, origin: setting.origin };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolvePath(cwd, path);
}
