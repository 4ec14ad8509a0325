// `config get | set | unset | list | path`: the settings saved in a profile (base URL, default persona
// and replica, LiveKit URL, key and secret, timeout). Values are checked before they are written; secrets
// are taken only from a masked prompt or stdin and never printed.
import { Argument, type Command } from 'commander';
import { z } from 'zod';
import { TIMEOUT_RULE, timeoutSeconds } from '../settings/timeout.js';
import { UsageError } from '../errors.js';
import type { Context, Runtime } from '../context.js';
import { mask } from '../io/mask.js';
import { checkLivekitUrl } from '../livekit/url.js';
import { action, examples, standaloneAction } from './kit.js';
import { SETTING_DESCRIPTIONS } from '../settings/environment.js';
import { configPath, deleteProfile, profileSchema, readConfigFile, writeProfile, type Profile, type ProfileKey } from '../settings/profile-store.js';
import { SETTING_DEFINITIONS, type Setting, type SettingName } from '../settings/resolve.js';
import { describeSource, sourceJson } from './common/sources.js';
import { readStdin } from './common/stdin.js';
import { secretValue } from '../flags.js';

interface ConfigKey {
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
const KEY_NAMES = CONFIG_KEYS.map((k) => k.key);

const idValue = z.string().trim().min(1, 'it is empty').max(128, 'it is too long').regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "_" and "-"');

/** How a value typed by the user becomes the stored value, with an example for the error hint. */
const VALUES: Record<Exclude<ProfileKey, 'api_key'>, { schema: z.ZodType<string | number>; example: string; rule?: string }> = {
  base_url: { schema: z.string().trim().pipe(profileSchema.shape.base_url.unwrap()), example: 'https://tavusapi.com' },
  persona_id: { schema: idValue, example: 'pcb7a34da5fe' },
  replica_id: { schema: idValue, example: 'r90bbd427f71' },
  livekit_url: { schema: z.string().trim().pipe(profileSchema.shape.livekit_url.unwrap()), example: 'wss://my-project.livekit.cloud' },
  livekit_api_key: { schema: z.string().trim().min(1, 'it is empty').regex(/^\S+$/, 'it contains spaces'), example: 'APIxxxxxxxx' },
  livekit_api_secret: { schema: z.string(), example: '' },
  livekit_room: { schema: z.string().trim().min(1, 'it is empty').max(256, 'LiveKit allows at most 256 characters'), example: 'my-ten-room' },
  timeout: { schema: timeoutSeconds, example: '60', rule: TIMEOUT_RULE },
};

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/^--/, '').replace(/-/g, '_');
}

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

function keyArgument(description: string, keys: string[] = KEY_NAMES): Argument {
  const argument = new Argument('<key>', description);
  // Shown in help and offered by shell completion; validated (with aliases) by findConfigKey.
  argument.argChoices = [...keys];
  return argument;
}

export function registerConfigCommands(program: Command, runtime: Runtime): void {
  const width = Math.max(...CONFIG_KEYS.map((k) => k.key.length));
  const config = program
    .command('config');
  config.addHelpText(
    'after',
    `\nKeys (flag and environment variables win over them: flag > env > .env > profile):\n${CONFIG_KEYS.map(
      (k) => `  ${k.key.padEnd(width)}  ${k.description}`,
    ).join('\n')}\n\nThe profile is --profile or TAVUS_TEN_PROFILE ("default" otherwise). api_key is saved by \`tavus-ten auth login\`.\n`,
  );
  examples(config, [
    'tavus-ten config set persona_id pcb7a34da5fe',
    'tavus-ten config set base_url http://127.0.0.1:8787 --profile local',
    'tavus-ten config list',
    'tavus-ten config list --profiles',
  ]);

  examples(config.command('get').addArgument(keyArgument('the setting to print')).description("print a setting saved in the profile (secrets masked)"), [
    'tavus-ten config get persona_id',
    'tavus-ten config get base_url --profile staging',
    'tavus-ten config get livekit_url --json',
  ]).action(action(runtime, (ctx, _opts, key: string) => get(ctx, key)));

  const set = config
    .command('set')
    .addArgument(keyArgument('the setting to change', KEY_NAMES.filter((key) => key !== 'api_key')))
    .argument('[value]', 'the new value (not for livekit_api_secret: it is prompted for, or read with --stdin)')
    .option('--stdin', 'read the value from stdin (the way to script livekit_api_secret)')
    .description('save a setting in the profile (creates the profile if needed)');
  examples(set, [
    'tavus-ten config set replica_id r90bbd427f71',
    'tavus-ten config set livekit_url wss://my-project.livekit.cloud',
    'tavus-ten config set livekit_api_secret                 # masked prompt',
    'printenv LIVEKIT_API_SECRET | tavus-ten config set livekit_api_secret --stdin',
    'tavus-ten config set timeout 60 --profile staging',
  ]).action(action(runtime, (ctx, opts, key: string, value: string | undefined) => setValue(ctx, opts, key, value), { allowNewProfile: true }));

  examples(config.command('unset').addArgument(keyArgument('the setting to remove')).description('remove a setting from the profile'), [
    'tavus-ten config unset persona_id',
    'tavus-ten config unset livekit_api_secret --profile staging',
  ]).action(action(runtime, (ctx, _opts, key: string) => unset(ctx, key)));

  const list = config
    .command('list')
    .alias('ls')
    .option('--profiles', 'list the saved profiles instead')
    .description('show every setting of the profile, its value (secrets masked) and where it comes from');
  examples(list, ['tavus-ten config list', 'tavus-ten config list --profile staging --json', 'tavus-ten config list --profiles', 'tavus-ten config list --profiles -q']);
  list.action(async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    // Listing the profiles must work even when TAVUS_TEN_PROFILE names one that is gone.
    const profiles = command.opts().profiles === true;
    await action(runtime, (ctx) => (profiles ? listProfiles(ctx) : listSettings(ctx)), { allowNewProfile: profiles })(...args);
  });

  examples(config.command('path').description('print the path of the config file (works even when the file is broken)'), [
    'tavus-ten config path',
    'ls -l "$(tavus-ten config path)"',
  ]).action(
    standaloneAction((opts) => {
      const path = configPath(runtime.env);
      runtime.io.stdout.write(opts.json === true ? `${JSON.stringify({ config_path: path }, null, 2)}\n` : `${path}\n`);
    }),
  );
}

function savedProfile(ctx: Context): Profile | undefined {
  return readConfigFile(ctx.settings.configPath).profiles[ctx.settings.profile.value!];
}

function shown(key: ConfigKey, value: string | number | undefined): string | number | null {
  if (value === undefined) return null;
  return key.secret ? mask(String(value)) : value;
}

function effective(ctx: Context, key: ConfigKey): Setting<string | number> {
  return ctx.settings[key.setting];
}

async function get(ctx: Context, input: string): Promise<void> {
  const key = findConfigKey(input);
  const { output } = ctx;
  const profile = ctx.settings.profile.value!;
  const value = savedProfile(ctx)?.[key.key];
  const inUse = effective(ctx, key);
  if (output.json) {
    output.printJson({
      profile,
      key: key.key,
      value: shown(key, value),
      effective: { value: shown(key, inUse.value), ...sourceJson(inUse) },
    });
    return;
  }
  if (value !== undefined) {
    output.out(`${shown(key, value)}\n`);
  } else {
    output.info(`${key.key} is not set in profile "${profile}".`);
  }
  if (inUse.value !== undefined && inUse.source !== 'profile') {
    output.info(output.chalk.dim(`In use: ${shown(key, inUse.value)} (${describeSource(inUse)}).`));
  }
}

async function setValue(ctx: Context, opts: Record<string, unknown>, input: string, argument: string | undefined): Promise<void> {
  const key = findConfigKey(input);
  const { output, settings } = ctx;
  if (key.key === 'api_key') {
    throw new UsageError('The Tavus API key is saved with `tavus-ten auth login`, which checks it first.', {
      hint: 'Run `tavus-ten auth login`, or `printenv TAVUS_API_KEY | tavus-ten auth login --with-key` in a script.',
    });
  }
  const fromStdin = opts.stdin === true;
  if (key.secret && argument !== undefined) {
    // Not repeated in the message: it is a secret.
    throw new UsageError(`${key.key} is never taken as an argument (it would stay in shell history and show in \`ps\`).`, {
      hint: `Run \`tavus-ten config set ${key.key}\` to be prompted (masked), or pipe it: \`printenv LIVEKIT_API_SECRET | tavus-ten config set ${key.key} --stdin\`.`,
    });
  }
  if (fromStdin && argument !== undefined) {
    throw new UsageError('Give the value either as an argument or with --stdin, not both.');
  }

  let raw: string;
  if (fromStdin) raw = await readStdin(ctx.io.stdin, { what: key.key, signal: ctx.signal });
  else if (argument !== undefined) raw = argument;
  else if (!ctx.prompter.canPrompt) {
    throw new UsageError(`Missing the value for ${key.key}: ${key.secret ? 'pipe it with --stdin' : `pass it, e.g. \`tavus-ten config set ${key.key} ${VALUES[key.key].example}\``}.`, {
      hint: `${key.secret ? 'The masked prompt' : 'A prompt'} is not shown because ${ctx.prompter.whyNot ?? 'this is not an interactive terminal'}${key.secret ? '' : '; --stdin reads the value from stdin'}.`,
    });
  } else if (key.secret) raw = await ctx.prompter.password({ message: key.description.split(',')[0]!, flag: '--stdin' });
  else {
    const { schema } = VALUES[key.key as Exclude<ProfileKey, 'api_key'>];
    raw = await ctx.prompter.text({
      message: key.key,
      flag: `a value (tavus-ten config set ${key.key} VALUE)`,
      validate: (text) => {
        const parsed = schema.safeParse(text);
        return parsed.success || parsed.error.issues[0]!.message;
      },
    });
  }

  const value = parseValue(key, raw);
  if (key.secret) output.addSecret(String(value));

  const path = settings.configPath;
  const profile = settings.profile.value!;
  const existing = readConfigFile(path).profiles[profile];
  await writeProfile(path, profile, { ...existing, [key.key]: value });

  if (output.json) {
    output.printJson({ profile, key: key.key, value: shown(key, value), created: existing === undefined, config_path: path });
  } else {
    output.success(`Set ${key.key} to ${shown(key, value)} in profile "${profile}"${existing === undefined ? ' (a new profile)' : ''}.`);
  }
  if (key.key === 'livekit_url') {
    const verdict = checkLivekitUrl(String(value));
    if (!verdict.ok) output.warn(`${verdict.problem} ${verdict.fix}`);
    else if (verdict.warning) output.warn(verdict.warning);
  }
  const inUse = effective(ctx, key);
  if (inUse.source === 'flag' || inUse.source === 'env' || inUse.source === 'dotenv') {
    output.warn(`${describeSource(inUse)} overrides the saved value (precedence: flag > environment > .env > profile).`);
  }
}

function parseValue(key: ConfigKey, raw: string): string | number {
  if (key.secret) return secretValue(raw, key.key, `Paste the ${key.key} exactly as your LiveKit project shows it.`);
  const spec = VALUES[key.key as Exclude<ProfileKey, 'api_key'>];
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new UsageError(`Invalid value ${JSON.stringify(raw)} for ${key.key}: ${parsed.error.issues[0]!.message}.`, {
    hint: `${spec.rule ? `Give ${spec.rule}: ` : 'e.g. '}\`tavus-ten config set ${key.key} ${spec.example}\`.`,
  });
}

async function unset(ctx: Context, input: string): Promise<void> {
  const key = findConfigKey(input);
  const { output, settings } = ctx;
  const path = settings.configPath;
  const profile = settings.profile.value!;
  const saved = readConfigFile(path).profiles[profile];
  let removed = false;
  let profileRemoved = false;
  if (saved && saved[key.key] !== undefined) {
    const rest: Profile = { ...saved };
    delete rest[key.key];
    if (Object.keys(rest).length === 0) {
      await deleteProfile(path, profile);
      profileRemoved = true;
    } else {
      await writeProfile(path, profile, rest);
    }
    removed = true;
  }
  if (output.json) {
    output.printJson({ profile, key: key.key, removed, profile_removed: profileRemoved, config_path: path });
  } else if (removed) {
    output.success(`Removed ${key.key} from profile "${profile}"${profileRemoved ? ' (nothing else was in it, so the profile is gone)' : ''}.`);
  } else {
    output.info(`${key.key} is not set in profile "${profile}"; nothing to do.`);
  }
}

async function listSettings(ctx: Context): Promise<void> {
  const { output, settings } = ctx;
  const saved = savedProfile(ctx) ?? {};
  const rows = CONFIG_KEYS.map((key) => {
    const inUse = effective(ctx, key);
    return {
      key: key.key,
      value: shown(key, inUse.value),
      ...sourceJson(inUse),
      saved: shown(key, saved[key.key]),
      description: describeSource(inUse),
    };
  });
  if (output.json) {
    output.printJson(rows.map(({ description: _description, ...row }) => row));
    return;
  }
  if (output.quiet) {
    output.printIds(rows.filter((row) => row.value !== null).map((row) => row.key));
    return;
  }
  output.info(output.chalk.dim(`Profile "${settings.profile.value}" in ${settings.configPath}`));
  output.printTable(rows, [
    { header: 'key', value: (row) => row.key },
    { header: 'value', value: (row) => row.value },
    { header: 'from', value: (row) => (row.value === null ? null : row.description) },
  ]);
}

async function listProfiles(ctx: Context): Promise<void> {
  const { output, settings } = ctx;
  const config = readConfigFile(settings.configPath);
  const active = settings.profile.value!;
  const rows = Object.entries(config.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, profile]) => ({
      name,
      active: name === active,
      values: Object.fromEntries(
        CONFIG_KEYS.filter((key) => profile[key.key] !== undefined).map((key) => [key.key, shown(key, profile[key.key])]),
      ) as Record<string, string | number | null>,
    }));
  if (output.json) return output.printJson(rows);
  if (output.quiet) return output.printIds(rows.map((row) => row.name));
  if (rows.length === 0) {
    output.info('No profiles are saved yet. Create one with `tavus-ten auth login` (or `--profile NAME`).');
    return;
  }
  output.printTable(rows, [
    { header: 'name', value: (row) => row.name },
    { header: 'active', value: (row) => (row.active ? '*' : '') },
    { header: 'api key', value: (row) => row.values.api_key },
    { header: 'base url', value: (row) => row.values.base_url },
    { header: 'persona', value: (row) => row.values.persona_id },
    { header: 'replica', value: (row) => row.values.replica_id },
  ]);
  if (!rows.some((row) => row.active) && active !== 'default') {
    output.warn(`The active profile "${active}" (${describeSource(settings.profile)}) is not saved.`);
  }
}
