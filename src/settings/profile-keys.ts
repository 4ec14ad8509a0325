// The keys a saved profile holds (one per setting, from SETTING_DEFINITIONS), the spellings each is
// known by, and how a typed value is checked before it is saved. `config` parses and prints with them.
import * as z from 'zod/mini';
import { UsageError } from '../errors.js';
import { secretValue } from '../flags.js';
import { baseUrlProblem, withoutUserinfo } from '../api/base-url.js';
import { SETTING_DESCRIPTIONS } from './environment.js';
import { profileSchema, type ProfileKey } from './profile-store.js';
import { SETTING_DEFINITIONS, type SettingName } from './resolve.js';
import { TIMEOUT_RULE, timeoutSeconds } from './timeout.js';

export interface ConfigKey {
  key: ProfileKey;
  setting: SettingName;
  description: string;
  secret: boolean;
  /** Other spellings accepted on the command line: the flag, the variables, `persona` for persona_id. */
  spellings: string[];
}

/** Every profile key, from the settings table (one source of truth). */
export const CONFIG_KEYS: ConfigKey[] = (Object.entries(SETTING_DEFINITIONS) as Array<[SettingName, (typeof SETTING_DEFINITIONS)[SettingName]]>).map(
  ([setting, definition]) => ({
    key: definition.profileKey,
    setting,
    description: SETTING_DESCRIPTIONS[setting],
    secret: 'secret' in definition && definition.secret === true,
    spellings: [definition.flag.replace(/^--/, ''), ...definition.env, definition.profileKey.replace(/_id$/, '')].map(normalize),
  }),
);
export const KEY_NAMES = CONFIG_KEYS.map((k) => k.key);

const idValue = z.string().check(z.trim(), z.minLength(1, 'it is empty'), z.maxLength(128, 'it is too long'), z.regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "_" and "-"'));
/** Typed text, trimmed, then checked by the profile's own rule for that key (the schema inside its optional). */
const trimmedThen = (inner: z.ZodMiniURL) => z.pipe(z.string().check(z.trim()), inner);

/** How a value typed by the user becomes the stored value, with an example for the error hint. */
const VALUES: Record<Exclude<ProfileKey, 'api_key'>, { schema: z.ZodMiniType<string | number>; example: string; rule?: string }> = {
  base_url: { schema: trimmedThen(profileSchema.shape.base_url.def.innerType), example: 'https://tavusapi.com' },
  persona_id: { schema: idValue, example: 'pcb7a34da5fe' },
  replica_id: { schema: idValue, example: 'r90bbd427f71' },
  livekit_url: { schema: trimmedThen(profileSchema.shape.livekit_url.def.innerType), example: 'wss://my-project.livekit.cloud' },
  livekit_api_key: { schema: z.string().check(z.trim(), z.minLength(1, 'it is empty'), z.regex(/^\S+$/, 'it contains spaces')), example: 'APIxxxxxxxx' },
  livekit_api_secret: { schema: z.string(), example: '' },
  livekit_room: { schema: z.string().check(z.trim(), z.minLength(1, 'it is empty'), z.maxLength(256, 'LiveKit allows at most 256 characters')), example: 'my-ten-room' },
  livekit_agent_identity: { schema: z.string().check(z.trim(), z.minLength(1, 'it is empty'), z.maxLength(256, 'LiveKit allows at most 256 characters')), example: 'ten-agent' },
  timeout: { schema: timeoutSeconds, example: '60', rule: TIMEOUT_RULE },
};

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/^--/, '').replace(/-/g, '_');
}

/** The key by its name or any of its spellings (`base-url`, `TAVUS_API_BASE_URL`, `persona`). */
export function findConfigKey(input: string): ConfigKey {
  const wanted = normalize(input);
  const found = CONFIG_KEYS.find((k) => k.key === wanted) ?? CONFIG_KEYS.find((k) => k.spellings.includes(wanted));
  if (!found) {
    throw new UsageError(`Unknown config key ${JSON.stringify(input)}.`, {
      hint: `Valid keys: ${KEY_NAMES.join(', ')}. See \`tavus-ten config --help\` for what each means.`,
    });
  }
  return found;
}

/** A value worth showing in a hint (`tavus-ten config set timeout 60`); empty for secrets. */
export function exampleValue(key: ConfigKey): string {
  return key.key === 'api_key' ? '' : VALUES[key.key].example;
}

/** Why `text` cannot be saved under `key` (a prompt shows it as the user types), or undefined. */
export function valueProblem(key: ConfigKey, text: string, env: Record<string, string | undefined>): string | undefined {
  if (key.key === 'api_key') return undefined;
  const parsed = VALUES[key.key].schema.safeParse(text);
  if (!parsed.success) return parsed.error.issues[0]!.message;
  return runtimeProblem(key, parsed.data, env)?.what;
}

/**
 * A base URL every command would refuse (user:pass@, a query, plain http to another machine) is
 * refused here too, by the very check the commands run, so it is never saved.
 */
function runtimeProblem(key: ConfigKey, value: string | number, env: Record<string, string | undefined>): { what: string; hint: string } | undefined {
  return key.key === 'base_url' ? baseUrlProblem(new URL(String(value)), env) : undefined;
}

/** The value to save for `key` (a number for timeout), or a UsageError naming the key; a secret (or a URL's password) is never repeated. */
export function parseProfileValue(key: ConfigKey, raw: string, env: Record<string, string | undefined>): string | number {
  if (key.secret) return secretValue(raw, key.key, `Paste the ${key.key} exactly as your LiveKit project shows it.`);
  const spec = VALUES[key.key as Exclude<ProfileKey, 'api_key'>];
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`Invalid value ${JSON.stringify(withoutUserinfo(raw))} for ${key.key}: ${parsed.error.issues[0]!.message}.`, {
      hint: `${spec.rule ? `Give ${spec.rule}: ` : 'e.g. '}\`tavus-ten config set ${key.key} ${spec.example}\`.`,
    });
  }
  const problem = runtimeProblem(key, parsed.data, env);
  if (problem) {
    // The value is not repeated: it may carry a password.
    throw new UsageError(`Invalid value for ${key.key}: it ${problem.what}; nothing was saved.`, { hint: problem.hint });
  }
  return parsed.data;
}
