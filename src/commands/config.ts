// `config get | set | unset | list | path`: the settings saved in a profile (base URL, default persona
// and replica, LiveKit URL, key and secret, timeout). Values are checked before they are written; secrets
// are taken only from a masked prompt or stdin and never printed.
import type { Command } from 'commander';
import * as z from '../zod.js';
import { UsageError } from '../errors.js';
import type { Context, Runtime } from '../context.js';
import { mask } from '../io/mask.js';
import { withoutUserinfo } from '../api/base-url.js';
import { checkLivekitUrl } from '../livekit/url.js';
import { addCommands, defineCommand, examples, option } from './kit.js';
import { addHelpTextAfter, helpParagraph, helpTable } from './help-text.js';
import { CONFIG_KEYS, exampleValue, findConfigKey, KEY_NAMES, parseProfileValue, valueProblem, type ConfigKey } from '../settings/profile-keys.js';
import { configPath, deleteProfile, readConfigFile, writeProfile, type Profile } from '../settings/profile-store.js';
import { describeSource, sourceJson, type Setting } from '../settings/sources.js';
import { readStdin } from './common/stdin.js';

export function registerConfigCommands(program: Command, runtime: Runtime): void {
  const config = program.command('config');
  addHelpTextAfter(
    config,
    (help) =>
      `\n${helpParagraph(help, 'Keys (flag and environment variables win over them: flag > env > .env > profile):')}\n` +
      `${helpTable(
        help,
        CONFIG_KEYS.map((k) => [k.key, k.description]),
      )}\n\n${helpParagraph(help, 'The profile is --profile or TAVUS_TEN_PROFILE ("default" otherwise). api_key is saved by `tavus-ten auth login`.')}\n`,
  );
  examples(config, [
    'tavus-ten config set persona_id pcb7a34da5fe',
    'tavus-ten config set base_url http://127.0.0.1:8787 --profile local',
    'tavus-ten config list',
    'tavus-ten config list --profiles',
  ]);
  addCommands(config, runtime, [configGet, configSet, configUnset, configList, configPathCommand]);
}

/** Shown in help and offered by shell completion; checked (with the other spellings) by findConfigKey. */
const keyArgument = (description: string, keys: readonly string[] = KEY_NAMES) => ({ name: '<key>', description, choices: keys }) as const;

const configGet = defineCommand({
  names: ['get'],
  description: 'print a setting saved in the profile (secrets masked)',
  args: [keyArgument('the setting to print')],
  examples: ['tavus-ten config get persona_id', 'tavus-ten config get base_url --profile staging', 'tavus-ten config get livekit_url --json'],
  requirements: { allowBadSavedBaseUrl: true },
  handler: (ctx, _opts, [key]) => get(ctx, key),
});

const configSet = defineCommand({
  names: ['set'],
  description: 'save a setting in the profile (creates the profile if needed)',
  args: [
    keyArgument('the setting to change', KEY_NAMES.filter((key) => key !== 'api_key')),
    { name: '[value]', description: 'the new value (not for livekit_api_secret: it is prompted for, or read with --stdin)' },
  ],
  options: {
    stdin: option('--stdin', 'read the value from stdin (the way to script livekit_api_secret)', z.optional(z.boolean())),
  },
  examples: [
    'tavus-ten config set replica_id r90bbd427f71',
    'tavus-ten config set livekit_url wss://my-project.livekit.cloud',
    'tavus-ten config set livekit_api_secret                 # masked prompt',
    'printenv LIVEKIT_API_SECRET | tavus-ten config set livekit_api_secret --stdin',
    'tavus-ten config set timeout 60 --profile staging',
  ],
  requirements: { allowNewProfile: true, allowBadSavedBaseUrl: true },
  handler: (ctx, opts, [key, value]) => setValue(ctx, opts.stdin === true, key, value),
});

const configUnset = defineCommand({
  names: ['unset'],
  description: 'remove a setting from the profile',
  args: [keyArgument('the setting to remove')],
  examples: ['tavus-ten config unset persona_id', 'tavus-ten config unset livekit_api_secret --profile staging'],
  requirements: { allowBadSavedBaseUrl: true },
  handler: (ctx, _opts, [key]) => unset(ctx, key),
});

const configList = defineCommand({
  names: ['list', 'ls'],
  description: 'show every setting of the profile, its value (secrets masked) and where it comes from',
  options: {
    profiles: option('--profiles', 'list the saved profiles instead', z.optional(z.boolean())),
  },
  examples: ['tavus-ten config list', 'tavus-ten config list --profile staging --json', 'tavus-ten config list --profiles', 'tavus-ten config list --profiles -q'],
  // Bare, to build the context itself: listing the profiles must work even when TAVUS_TEN_PROFILE names one that is gone.
  bare: true,
  handler: async (run, opts) => {
    const profiles = opts.profiles === true;
    const ctx = await run.context({ allowNewProfile: profiles, allowBadSavedBaseUrl: true });
    return profiles ? listProfiles(ctx) : listSettings(ctx);
  },
});

const configPathCommand = defineCommand({
  names: ['path'],
  description: 'print the path of the config file (works even when the file is broken)',
  examples: ['tavus-ten config path', 'ls -l "$(tavus-ten config path)"'],
  // Builds no context: a broken config file is exactly when its path is wanted.
  bare: true,
  handler: ({ runtime, rawOptions }) => {
    const path = configPath(runtime.env);
    runtime.io.stdout.write(rawOptions.json === true ? `${JSON.stringify({ config_path: path }, null, 2)}\n` : `${path}\n`);
  },
});

function savedProfile(ctx: Context): Profile | undefined {
  return readConfigFile(ctx.settings.configPath).profiles[ctx.settings.profile.value!];
}

/** Secrets masked; a URL's user:pass@ too (an older config file may hold one: `config set` refuses it now). */
function shown(key: ConfigKey, value: string | number | undefined): string | number | null {
  if (value === undefined) return null;
  if (key.secret) return mask(String(value));
  return typeof value === 'string' ? withoutUserinfo(value) : value;
}

/** The value in use; the API's base URL and key as commands get them (with --mock, the emulator's: this starts it). */
async function effective(ctx: Context, key: ConfigKey): Promise<Setting<string | number>> {
  if (key.setting === 'baseUrl' || key.setting === 'apiKey') return (await ctx.tavus())[key.setting];
  return ctx.settings[key.setting];
}

async function get(ctx: Context, input: string): Promise<void> {
  const key = findConfigKey(input);
  const { output } = ctx;
  const profile = ctx.settings.profile.value!;
  const value = savedProfile(ctx)?.[key.key];
  const inUse = await effective(ctx, key);
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
    output.info(output.chalk.dim(`In use: ${shown(key, inUse.value)} (${describeSource(inUse, 'long')}).`));
  }
}

async function setValue(ctx: Context, fromStdin: boolean, input: string, argument: string | undefined): Promise<void> {
  const key = findConfigKey(input);
  const { output, settings } = ctx;
  if (key.key === 'api_key') {
    throw new UsageError('The Tavus API key is saved with `tavus-ten auth login`, which checks it first.', {
      hint: 'Run `tavus-ten auth login`, or `printenv TAVUS_API_KEY | tavus-ten auth login --with-key` in a script.',
    });
  }
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
    throw new UsageError(`Missing the value for ${key.key}: ${key.secret ? 'pipe it with --stdin' : `pass it, e.g. \`tavus-ten config set ${key.key} ${exampleValue(key)}\``}.`, {
      hint: `${key.secret ? 'The masked prompt' : 'A prompt'} is not shown because ${ctx.prompter.whyNot}${key.secret ? '' : '; --stdin reads the value from stdin'}.`,
    });
  } else if (key.secret) raw = await ctx.prompter.password({ message: key.description.split(',')[0]!, flag: '--stdin' });
  else {
    raw = await ctx.prompter.text({
      message: key.key,
      flag: `a value (tavus-ten config set ${key.key} VALUE)`,
      validate: (text) => valueProblem(key, text, ctx.env) ?? true,
    });
  }

  const value = parseProfileValue(key, raw, ctx.env);
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
  const inUse = await effective(ctx, key);
  if (inUse.source === 'flag' || inUse.source === 'env' || inUse.source === 'dotenv') {
    output.warn(`${describeSource(inUse, 'long')} overrides the saved value (precedence: flag > environment > .env > profile).`);
  }
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
  const rows = await Promise.all(CONFIG_KEYS.map(async (key) => {
    const inUse = await effective(ctx, key);
    return {
      key: key.key,
      value: shown(key, inUse.value),
      ...sourceJson(inUse),
      saved: shown(key, saved[key.key]),
      description: describeSource(inUse, 'long'),
    };
  }));
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
  // shown() masked the secret settings; LiveKit's API key is an id, printed as it is (as `config get` does).
  if (output.json) return output.printJson(rows, { keep: ['livekit_api_key'] });
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
    output.warn(`The active profile "${active}" (${describeSource(settings.profile, 'long')}) is not saved.`);
  }
}
