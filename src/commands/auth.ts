// `auth login | status | logout`: one Tavus key per profile (staging, production…), saved with mode
// 0600; `status` says which key a command would use, where it comes from, and whether Tavus takes it.
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { ExitCode, InterruptedError, TavusTenError, UsageError, isTavusTenError } from '../errors.js';
import type { Context, Runtime } from '../context.js';
import { mask } from '../io/mask.js';
import { addCommands, defineCommand, examples, option } from './kit.js';
import { helpParagraph } from './help-text.js';
import { deleteProfile, readConfigFile, writeProfile, type Profile } from '../settings/profile-store.js';
import { secretValue } from '../flags.js';
import { describeSource, sourceJson } from '../settings/sources.js';
import { readStdin } from './common/stdin.js';

const KEY_FIX = 'Copy the key from the Tavus dashboard (https://platform.tavus.io, API Keys) and try again.';

export function registerAuthCommands(program: Command, runtime: Runtime): void {
  const auth = program.command('auth');
  examples(auth, [
    'tavus-ten auth login                                   # prompts for the key (masked)',
    'printenv TAVUS_API_KEY | tavus-ten auth login --with-key --profile staging',
    'tavus-ten auth status',
    'tavus-ten auth logout --profile staging',
  ]);
  addCommands(auth, runtime, [authLogin, authStatus, authLogout]);
}

const authLogin = defineCommand({
  names: ['login'],
  description: 'save a Tavus API key in a profile, after checking that Tavus accepts it',
  options: {
    withKey: option('--with-key', 'read the key from stdin instead of prompting (for scripts)', z.optional(z.boolean())),
    verify: option('--no-verify', 'save the key without checking it against the API', z.boolean()),
  },
  helpText: (help) =>
    `\n${helpParagraph(
      help,
      'The key is never taken as an argument or a flag (shell history, `ps`). It is saved in the profile ' +
        'named by --profile or TAVUS_TEN_PROFILE ("default" otherwise), in config.json with mode 0600; a ' +
        '--base-url given here is saved with it. TAVUS_API_KEY in the environment or a .env file still wins ' +
        'over a saved key (see `tavus-ten help environment`).',
    )}\n`,
  examples: [
    'tavus-ten auth login',
    'printenv TAVUS_API_KEY | tavus-ten auth login --with-key',
    'tavus-ten auth login --profile staging --base-url https://staging.example.com',
    'pass show tavus/prod | tavus-ten auth login --with-key --profile production --no-verify',
  ],
  // Bare, and taking any words: an argument is refused with this command's own message (it may be the
  // key, so it is not repeated), before any setting is read.
  allowExcessArguments: true,
  bare: true,
  handler: async (run, opts) => {
    if (run.command.args.length > 0) {
      throw new UsageError('`auth login` takes no arguments: the key is never passed on the command line (shell history, `ps`).', {
        hint: 'Run `tavus-ten auth login` to be prompted, or pipe the key: `printenv TAVUS_API_KEY | tavus-ten auth login --with-key`.',
      });
    }
    // The profile may not exist yet: login creates it.
    await login(await run.context({ allowNewProfile: true }), opts.withKey === true, opts.verify);
  },
});

const authStatus = defineCommand({
  names: ['status'],
  description: 'show the profile, where the key comes from (flag, env, .env, profile), and check it with the API',
  options: {
    offline: option('--offline', 'do not contact the API, only show where the settings come from', z.optional(z.boolean())),
  },
  examples: ['tavus-ten auth status', 'tavus-ten auth status --profile production', 'tavus-ten auth status --json | jq .api_key.source', 'tavus-ten auth status --offline'],
  handler: (ctx, opts) => status(ctx, opts.offline === true),
});

const authLogout = defineCommand({
  names: ['logout'],
  description: "remove the profile's saved key (the profile goes when nothing else is left in it)",
  examples: ['tavus-ten auth logout', 'tavus-ten auth logout --profile staging'],
  // Idempotent: a profile that is not (or no longer) saved has no key to remove, which is no error.
  requirements: { allowNewProfile: true },
  handler: (ctx) => logout(ctx),
});

async function login(ctx: Context, withKey: boolean, verify: boolean): Promise<void> {
  const { output, settings } = ctx;
  if (ctx.global.apiKey !== undefined) {
    throw new UsageError('`auth login` does not read the key from --api-key: flags stay in shell history.', {
      hint: 'Run `tavus-ten auth login` to be prompted, or pipe the key: `printenv TAVUS_API_KEY | tavus-ten auth login --with-key`.',
    });
  }
  const profileName = settings.profile.value!;
  const key = secretValue(await readKey(ctx, withKey), 'API key', KEY_FIX);
  output.addSecret(key);
  const { baseUrl, apiKey } = await ctx.tavus();

  if (verify) await checkKey(ctx, key, baseUrl.value);

  const path = settings.configPath;
  const existing: Profile | undefined = readConfigFile(path).profiles[profileName];
  const saved: Profile = { ...existing, api_key: key };
  if (baseUrl.source === 'flag') saved.base_url = baseUrl.value;
  await writeProfile(path, profileName, saved);

  if (output.json) {
    output.printJson({
      profile: profileName,
      api_key: { masked: mask(key) },
      verified: verify,
      base_url: baseUrl.value,
      created: existing === undefined,
      config_path: path,
    });
  } else {
    const what = existing?.api_key ? 'Replaced the key saved in' : 'Saved the key in';
    output.success(`${verify ? 'Tavus accepted the key. ' : ''}${what} profile "${profileName}" (${mask(key)}, ${path}).`);
    if (!verify) output.warn('The key was not checked (--no-verify): `tavus-ten auth status` checks it.');
    if (profileName !== 'default' && settings.profile.source === 'flag') {
      output.info(`Use it with --profile ${profileName}, or export TAVUS_TEN_PROFILE=${profileName}.`);
    }
  }
  if (apiKey.source === 'env' || apiKey.source === 'dotenv') {
    output.warn(`${describeSource(apiKey, 'long')} takes precedence over the saved key; unset it to use profile "${profileName}".`);
  }
}

/** The key from stdin (--with-key) or a masked prompt; never from argv. */
async function readKey(ctx: Context, withKey: boolean): Promise<string> {
  const stdinIsTTY = ctx.io.stdin.isTTY === true;
  if (withKey && !stdinIsTTY) return readStdin(ctx.io.stdin, { what: 'API key', signal: ctx.signal });
  if (!ctx.prompter.canPrompt) {
    throw new UsageError('No API key given: pipe it on stdin with --with-key.', {
      hint: `e.g. \`printenv TAVUS_API_KEY | tavus-ten auth login --with-key\`. The masked prompt is not shown because ${ctx.prompter.whyNot}.`,
    });
  }
  ctx.output.info('Paste your Tavus API key (from https://platform.tavus.io, API Keys); it is masked as you type.');
  return ctx.prompter.password({ message: 'Tavus API key', flag: '--with-key' });
}

/** One cheap authenticated GET with the new key; a rejected key is exit 3 and nothing is saved. */
async function checkKey(ctx: Context, key: string, baseUrl: string): Promise<void> {
  const { createTavusClient } = await import('../api/client.js');
  const client = createTavusClient({
    apiKey: key,
    baseUrl,
    timeoutMs: ctx.settings.timeout.value * 1000,
    signal: ctx.signal,
    onRequest: (entry) =>
      ctx.output.debug(`${entry.method} ${entry.url} → ${entry.status ?? entry.error ?? 'no response'} (${Math.round(entry.ms)} ms)`),
  });
  try {
    await client.replicas.list({ limit: 1 });
  } catch (error) {
    if (!isTavusTenError(error) || error instanceof InterruptedError) throw error;
    const rejected = error.exitCode === ExitCode.auth;
    throw new TavusTenError(error.code, error.exitCode, `${error.message} Nothing was saved.`, {
      status: error.status,
      cause: error,
      hint: rejected
        ? `${KEY_FIX} (Checked against ${client.baseUrl}; pass --base-url for another API.)`
        : `${error.hint ? `${error.hint} ` : ''}Or pass --no-verify to save the key without checking it.`,
    });
  }
}

async function status(ctx: Context, offline: boolean): Promise<void> {
  const { output, settings } = ctx;
  const { profile } = settings;
  const { apiKey, baseUrl } = await ctx.tavus();
  const doc = {
    profile: { name: profile.value!, ...sourceJson(profile), saved: settings.profiles.includes(profile.value!) },
    api_key: { set: apiKey.value !== undefined, masked: apiKey.value === undefined ? null : mask(apiKey.value), ...sourceJson(apiKey) },
    base_url: { value: baseUrl.value, ...sourceJson(baseUrl) },
    valid: null as boolean | null,
    check: null as null | { ms: number; error: ReturnType<TavusTenError['toJSON']> | null },
    config_path: settings.configPath,
    dotenv_path: settings.dotenvPath ?? null,
    profiles: settings.profiles,
  };

  let failure: TavusTenError | undefined;
  if (apiKey.value === undefined) {
    failure = new TavusTenError('config_error', ExitCode.auth, 'No Tavus API key is set.', {
      hint: `Run \`tavus-ten auth login${profile.value === 'default' ? '' : ` --profile ${profile.value}`}\`, or set TAVUS_API_KEY.`,
    });
  } else if (!offline) {
    const started = ctx.now();
    try {
      await (await ctx.client()).replicas.list({ limit: 1 });
      doc.valid = true;
      doc.check = { ms: Math.round(ctx.now() - started), error: null };
    } catch (error) {
      if (!isTavusTenError(error) || error instanceof InterruptedError) throw error;
      failure = error;
      // Only Tavus's answer judges the key: a config error (a saved key kept from a project's base URL) sent nothing.
      if (error.code === 'auth_error') doc.valid = false;
      doc.check = { ms: Math.round(ctx.now() - started), error: error.toJSON() };
    }
  }

  if (output.json) {
    output.printJson(doc);
  } else {
    const { chalk } = output;
    let check: string;
    if (apiKey.value === undefined) check = chalk.red('✗ no key');
    else if (offline) check = chalk.dim('skipped (--offline)');
    else if (doc.valid === true) check = `${chalk.green('✓')} Tavus accepted the key (${baseUrl.value}, ${doc.check!.ms} ms)`;
    else if (doc.valid === false) check = `${chalk.red('✗')} Tavus rejected the key (${failure!.status ?? 'no status'})`;
    else if (failure?.code === 'config_error') check = `${chalk.yellow('?')} key not checked (nothing was sent): ${failure.message}`;
    else check = `${chalk.yellow('?')} could not check: ${failure!.message}`;
    const shownProfile = `${profile.value}${doc.profile.saved ? '' : ' (not saved)'}${profile.source === 'default' ? '' : ` — ${describeSource(profile, 'long')}`}`;
    output.printFields([
      ['profile', shownProfile],
      ['api key', apiKey.value === undefined ? chalk.red('not set') : `${mask(apiKey.value)} — ${describeSource(apiKey, 'long')}`],
      ['base url', `${baseUrl.value} — ${describeSource(baseUrl, 'long')}`],
      ['check', check],
      ['config file', settings.configPath],
      ['profiles', settings.profiles.length > 0 ? settings.profiles.join(', ') : 'none saved'],
      ['.env file', settings.dotenvPath],
    ]);
  }
  if (failure) throw failure;
}

async function logout(ctx: Context): Promise<void> {
  const { output, settings } = ctx;
  const name = settings.profile.value!;
  const path = settings.configPath;
  const saved: Profile | undefined = readConfigFile(path).profiles[name];
  let removed = false;
  let profileRemoved = false;
  if (saved?.api_key !== undefined) {
    const { api_key: _removed, ...rest } = saved;
    if (Object.keys(rest).length === 0) {
      await deleteProfile(path, name);
      profileRemoved = true;
    } else {
      await writeProfile(path, name, rest);
    }
    removed = true;
  }
  if (output.json) {
    output.printJson({ profile: name, removed, profile_removed: profileRemoved, config_path: path });
  } else if (removed) {
    output.success(`Removed the key saved in profile "${name}"${profileRemoved ? ' (nothing else was in it, so the profile is gone)' : ''}.`);
  } else if (saved === undefined && name !== 'default') {
    output.info(`No profile "${name}" is saved (${settings.profiles.length > 0 ? `profiles: ${settings.profiles.join(', ')}` : 'none are'}); nothing to remove.`);
  } else {
    output.info(`No key is saved in profile "${name}"; nothing to do.`);
  }
  // With --mock commands use the emulator's key, whatever else is set: nothing to warn about (nor an emulator to start).
  const apiKey = ctx.global.mock ? undefined : (await ctx.tavus()).apiKey;
  if (apiKey && (apiKey.source === 'env' || apiKey.source === 'dotenv' || apiKey.source === 'flag')) {
    output.warn(`${describeSource(apiKey, 'long')} still provides a key: commands keep using it.`);
  }
}
