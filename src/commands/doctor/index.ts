// `tavus-ten doctor`: checks the whole setup — Node and config, the Tavus key, replica and persona,
// LiveKit, variable names, a TEN app's env placeholders — each pass/warn/fail/skip with one fix.
// Settings that cannot be loaded (a corrupt config file, a bad .env line) are a finding here, not a crash.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { CheckFailedError, InterruptedError, isTavusTenError, UsageError, type TavusTenError } from '../../errors.js';
import type { Context, Runtime } from '../../context.js';
import { readDotenvFile } from '../../settings/dotenv.js';
import { configPath } from '../../settings/profile-store.js';
import type { Settings } from '../../settings/resolve.js';
import { locatePropertyJson } from '../../ten/app.js';
import { notRegularFile } from '../../io/regular-file.js';
import { addCommands, defineCommand, option, type Invocation, type OptionValues } from '../kit.js';
import { resourceId } from '../../flags.js';
import { CheckList, DOCTOR_MODES, fail, skip, type CheckResult, type DoctorMode } from './checks.js';
import { checkConfigFile, checkNodeVersion, checkProfile, checkProxy, checkSettingSources } from './environment.js';
import { runLivekitChecks } from './livekit.js';
import { checkNameAliases, type VariableLayer } from './names.js';
import { checkJson, renderChecklist, summarize } from './report.js';
import { runTavusChecks } from './tavus.js';
import { runTenappChecks } from './tenapp.js';

export function registerDoctorCommand(program: Command, runtime: Runtime): void {
  addCommands(program, runtime, [doctor]);
}

/** Ids and --tenapp are checked in the handler, before anything runs (readDoctorFlags). */
const DOCTOR_OPTIONS = {
  mode: option(
    '--mode <mode>',
    `what to check for: ${DOCTOR_MODES.join(', ')} (default: all when a LiveKit setting is set, else daily)`,
    z.optional(z.enum(DOCTOR_MODES)),
    { fix: `Use one of: ${DOCTOR_MODES.join(', ')}.` },
  ),
  tenapp: option('--tenapp <dir>', "a TEN app directory: check its property.json and every ${env:VAR} placeholder in it", z.optional(z.string())),
  offline: option('--offline', 'skip every check that needs the network (reported as skipped)', z.optional(z.boolean())),
  // doctor's --persona, --replica and LiveKit flags are the settings it checks.
  persona: option('--persona <id>', 'persona to check (env TAVUS_PERSONA_ID)', z.optional(z.string()), { setting: 'personaId' }),
  replica: option('--replica <id>', 'replica to check (env TAVUS_REPLICA_ID)', z.optional(z.string()), { setting: 'replicaId' }),
  livekitUrl: option('--livekit-url <url>', 'LiveKit server URL (env LIVEKIT_URL)', z.optional(z.string()), { setting: 'livekitUrl' }),
  livekitApiKey: option('--livekit-api-key <key>', 'LiveKit API key (env LIVEKIT_API_KEY)', z.optional(z.string()), { setting: 'livekitApiKey' }),
  livekitApiSecret: option('--livekit-api-secret <secret>', 'LiveKit API secret (env LIVEKIT_API_SECRET; prefer the env)', z.optional(z.string()), {
    setting: 'livekitApiSecret',
  }),
};

const doctor = defineCommand({
  names: ['doctor'],
  description: 'check the whole setup with a fix for each problem',
  options: DOCTOR_OPTIONS,
  examples: [
    'tavus-ten doctor',
    'tavus-ten doctor --mode livekit --tenapp ./tenapp',
    'tavus-ten doctor --offline --json | jq \'.checks[] | select(.status == "fail")\'',
  ],
  // Bare: settings that cannot be loaded are a finding here, so doctor builds its context itself.
  bare: true,
  handler: async (run, opts) => {
    const flags = readDoctorFlags(opts, run.runtime.cwd);
    const { ctx, settingsError } = await doctorContext(run);
    const { runtime, rawOptions } = run;
    // Doctor reports the API's base URL and key with the rest: with --mock that starts the emulator, after the flags are checked.
    const settings = settingsError ? undefined : { ...ctx.settings, ...(await ctx.tavus()) };
    await runDoctor(ctx, { ...flags, settings, settingsError, env: runtime.env, cwd: runtime.cwd, envFile: rawOptions.envFile });
  },
});

interface DoctorFlags {
  mode: DoctorMode | undefined;
  offline: boolean;
  tenapp: { appDir: string; propertyPath: string } | undefined;
}

/** Every flag checked before anything runs: a bad one is exit 2. */
function readDoctorFlags(opts: OptionValues<typeof DOCTOR_OPTIONS>, cwd: string): DoctorFlags {
  if (opts.persona !== undefined) resourceId(opts.persona, '--persona');
  if (opts.replica !== undefined) resourceId(opts.replica, '--replica');
  let tenapp: DoctorFlags['tenapp'];
  if (opts.tenapp !== undefined) {
    const dir = opts.tenapp;
    if (dir.trim() === '') throw new UsageError('--tenapp is empty.', { hint: 'Pass the TEN app directory, e.g. --tenapp ./tenapp.' });
    const located = locatePropertyJson(dir, cwd);
    if (!located.ok) throw new UsageError(`Invalid value for --tenapp: ${located.problem}`, { hint: 'Pass the TEN app directory (the one holding property.json), e.g. --tenapp ./tenapp.' });
    // A FIFO or a device as property.json would hang the read: refuse it here, before any check runs.
    const kind = notRegularFile(located.propertyPath);
    if (kind !== undefined) throw new UsageError(`Invalid value for --tenapp: ${located.propertyPath} ${kind}.`, { hint: 'Point --tenapp at a TEN app whose property.json is a regular file.' });
    tenapp = { appDir: located.appDir, propertyPath: located.propertyPath };
  }
  return { mode: opts.mode, offline: opts.offline === true, tenapp };
}

/**
 * The context; when the settings cannot be loaded because of the environment (a corrupt config file,
 * a bad .env line, an empty variable), a context without them and the error, which doctor reports.
 * When the command line itself is at fault, the error stands (exit 2 or 3 as usual).
 */
async function doctorContext(run: Invocation): Promise<{ ctx: Context; settingsError?: TavusTenError }> {
  try {
    return { ctx: await run.context() };
  } catch (error) {
    if (!isTavusTenError(error) || error instanceof InterruptedError) throw error;
    const { runtime, rawOptions: opts } = run;
    const nowhere = join(tmpdir(), `tavus-ten-doctor-${randomUUID()}`);
    const env = runtime.env;
    const probeRuntime: Runtime = {
      ...runtime,
      cwd: nowhere,
      env: { TAVUS_TEN_CONFIG_DIR: nowhere, NO_COLOR: env.NO_COLOR, FORCE_COLOR: env.FORCE_COLOR, TERM: env.TERM },
    };
    const envFile = typeof opts.envFile === 'string' ? resolve(runtime.cwd, opts.envFile) : undefined;
    let probe: Context;
    try {
      // The probe's config dir is empty: a --profile (or the .env's TAVUS_TEN_PROFILE) is not in it, and need not be.
      probe = await run.context({ runtime: probeRuntime, rawOptions: { ...opts, envFile, mock: false }, allowNewProfile: true });
    } catch {
      throw error;
    }
    return { ctx: { ...probe, env: runtime.env, cwd: runtime.cwd }, settingsError: error };
  }
}

interface DoctorRun extends DoctorFlags {
  settings: Settings | undefined;
  settingsError: TavusTenError | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  envFile: unknown;
}

const LIVEKIT_VARIABLES = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'];

function chooseMode(run: DoctorRun): { mode: DoctorMode; why: string } {
  if (run.mode) return { mode: run.mode, why: '--mode' };
  const { settings } = run;
  const livekitSet = settings
    ? [settings.livekitUrl, settings.livekitApiKey, settings.livekitApiSecret].some((setting) => setting.value !== undefined)
    : LIVEKIT_VARIABLES.some((name) => run.env[name]);
  return livekitSet ? { mode: 'all', why: 'a LiveKit setting is set' } : { mode: 'daily', why: 'no LiveKit setting is set' };
}

async function runDoctor(ctx: Context, run: DoctorRun): Promise<void> {
  const { settings } = run;
  const { mode, why } = chooseMode(run);
  const list = new CheckList();
  const unavailable = skip('Not checked: the settings could not be loaded (see config.settings).');

  await list.run('Environment', 'node.version', () => checkNodeVersion());
  await list.run('Environment', 'config.file', () => checkConfigFile(settings?.configPath ?? configPath(run.env)));
  if (settings) {
    await list.run('Environment', 'config.profile', () => checkProfile(settings));
    await list.run('Environment', 'config.settings', () => checkSettingSources(settings));
  } else {
    list.add('Environment', 'config.profile', unavailable);
    const error = run.settingsError!;
    list.add('Environment', 'config.settings', fail(error.message, error.hint ?? 'Fix the setting named above.'));
  }
  await list.run('Environment', 'network.proxy', () => checkProxy(run.env));

  const livekit = mode !== 'daily';
  if (settings) {
    await Promise.all([
      runTavusChecks({ list, settings, client: () => ctx.client(), offline: run.offline, mode }),
      livekit ? runLivekitChecks({ list, settings, offline: run.offline, signal: ctx.signal }) : Promise.resolve(),
    ]);
  } else {
    for (const id of ['tavus.key', 'tavus.auth', 'tavus.replica', 'tavus.persona']) list.add('Tavus', id, unavailable);
    if (livekit) for (const id of ['livekit.url', 'livekit.credentials', 'livekit.server']) list.add('LiveKit', id, unavailable);
  }

  const { layers, unreadable } = nameLayers(run);
  await list.run('Names', 'names.aliases', () => checkNameAliases(layers, unreadable));

  if (run.tenapp) {
    await runTenappChecks({ list, ...run.tenapp, env: run.env, settings, cwd: run.cwd });
  }

  report(ctx, list.all(), mode, why);
}

/** The environment, then tavus-ten's .env (read again here: a bad line is this check's finding too). */
function nameLayers(run: DoctorRun): { layers: VariableLayer[]; unreadable?: string } {
  const layers: VariableLayer[] = [{ where: 'the environment', values: run.env }];
  const explicit = typeof run.envFile === 'string';
  const path = run.settings?.dotenvPath ?? resolve(run.cwd, explicit ? (run.envFile as string) : '.env');
  try {
    layers.push({ where: path, values: readDotenvFile(path, explicit) });
    return { layers };
  } catch (error) {
    if (!isTavusTenError(error)) throw error;
    return { layers, unreadable: error.message };
  }
}

function report(ctx: Context, results: CheckResult[], mode: DoctorMode, why: string): void {
  const { output } = ctx;
  const failed = results.filter((result) => result.status === 'fail');
  if (output.json) {
    output.printJson({ ok: failed.length === 0, mode, checks: results.map(checkJson) });
  } else if (output.quiet) {
    output.printIds(failed.map((result) => result.id));
  } else {
    output.out(`${output.chalk.dim(`Mode: ${mode} (${why === '--mode' ? 'from --mode' : `${why}; choose with --mode`})`)}\n\n`);
    output.out(renderChecklist(results, { chalk: output.chalk, groups: true }));
    output.out(`\n${summarize(results, output.chalk)}.\n`);
  }
  if (failed.length > 0) {
    throw new CheckFailedError(`${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((result) => result.id).join(', ')}.`, {
      hint: 'Each failed check says how to fix it; run `tavus-ten doctor` again afterwards.',
    });
  }
}
