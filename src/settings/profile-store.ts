// The saved profiles: read with fs + zod on every run (fast, strict), written through conf
// (atomic, mode 0600) only by the commands that change them.
import { readRegularFileSync, RefusedFileError } from '../io/regular-file.js';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import * as z from 'zod/mini';
import { lazySchema } from '../api/lazy-schema.js';
import { ConfigError } from '../errors.js';
import { describeFsError } from './dotenv.js';

export const PROJECT_NAME = 'tavus-ten';
export const DEFAULT_PROFILE = 'default';

const nonEmpty = () => z.string().check(z.minLength(1));

// Built on first use: a run with no config file never needs them.
export const profileSchema = lazySchema(() => z.strictObject({
  api_key: z.optional(nonEmpty()),
  base_url: z.optional(z.url({ protocol: /^https?$/ })),
  persona_id: z.optional(nonEmpty()),
  replica_id: z.optional(nonEmpty()),
  livekit_url: z.optional(z.url({ protocol: /^(wss?|https?)$/ })),
  livekit_api_key: z.optional(nonEmpty()),
  livekit_api_secret: z.optional(nonEmpty()),
  livekit_room: z.optional(nonEmpty()),
  livekit_agent_identity: z.optional(nonEmpty()),
  timeout: z.optional(z.number().check(z.positive())),
}));
export type Profile = z.infer<typeof profileSchema>;
export type ProfileKey = keyof Profile;

export const profileNameSchema = lazySchema(() => z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'profile names use letters, digits, ".", "_" and "-"')));

export const configFileSchema = lazySchema(() => z.looseObject({
  profiles: z._default(z.record(profileNameSchema, profileSchema), {}),
}));
export type ConfigFile = z.infer<typeof configFileSchema>;

export function configDir(env: Record<string, string | undefined>): string {
  const fromEnv = env.TAVUS_TEN_CONFIG_DIR;
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : envPaths(PROJECT_NAME, { suffix: 'nodejs' }).config;
}

export function configPath(env: Record<string, string | undefined>): string {
  return join(configDir(env), 'config.json');
}

/** The saved config, or an empty one when the file does not exist. Never wipes a bad file. */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readRegularFileSync(path, 1024 * 1024);
  } catch (error) {
    if (error instanceof RefusedFileError) throw new ConfigError(`Cannot read the config file ${error.path}: it ${error.reason}.`, { hint: 'Move it away and run `tavus-ten auth login` again.' });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { profiles: {} };
    throw new ConfigError(`Cannot read the config file ${path}: ${describeFsError(code)}.`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The config file ${path} is not valid JSON (${(error as Error).message}).`, {
      hint: `Fix it by hand, or move it away and run \`tavus-ten auth login\` again. It was left as it is.`,
    });
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new ConfigError(`The config file ${path} is invalid at ${where}: ${issue.message}.`, {
      hint: 'Fix that entry with `tavus-ten config set`/`unset`, or by hand. The file was left as it is.',
    });
  }
  return parsed.data;
}

/**
 * Replaces one profile's values (undefined removes a key) and writes the file with mode 0600
 * through conf. The directory is created 0700 so other users cannot list it either.
 */
export async function writeProfile(path: string, name: string, values: Profile): Promise<void> {
  const current = readConfigFile(path);
  const profile = profileSchema.parse(stripUndefined(values));
  const profiles = { ...current.profiles, [name]: profile };
  await writeConfig(path, { ...current, profiles });
}

export async function deleteProfile(path: string, name: string): Promise<boolean> {
  const current = readConfigFile(path);
  if (!(name in current.profiles)) return false;
  const profiles = { ...current.profiles };
  delete profiles[name];
  await writeConfig(path, { ...current, profiles });
  return true;
}

async function writeConfig(path: string, config: ConfigFile): Promise<void> {
  // Not an ES import of node:fs: see src/io/regular-file.ts.
  const { chmodSync, mkdirSync } = process.getBuiltinModule('node:fs');
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { default: Conf } = await import('conf');
  const store = new Conf<Record<string, unknown>>({
    projectName: PROJECT_NAME,
    projectSuffix: 'nodejs',
    cwd: dir,
    configName: 'config',
    configFileMode: 0o600,
    clearInvalidConfig: false,
  });
  store.store = config as Record<string, unknown>;
  // conf keeps the mode of a file it did not create: make sure an old 0644 file is tightened.
  chmodSync(path, 0o600);
}

function stripUndefined<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;
}
