// `persona create`: a persona from flags, a JSON file, the echo + LiveKit preset, or prompts; checked
// before anything is sent; `--if-missing` makes it safe to run twice; `--dry-run` sends nothing.
import * as z from 'zod/mini';
import type { Persona, PersonaCreateBody, Replica, TavusClient } from '../../api/client.js';
import { TavusTenError, UsageError } from '../../errors.js';
import type { Context } from '../../context.js';
import type { Prompter } from '../../io/prompter.js';
import { defineCommand, option, type OptionValues } from '../kit.js';
import { printDryRun } from '../common/dry-run.js';
import { maskedKeyPaths } from '../../io/secret-fields.js';
import { readJsonInput, readTextInput } from '../common/files.js';
import { checkedBy, resourceId } from '../../flags.js';
import { checkCreateBody, FLAG_FOR_FIELD, PIPELINE_MODES, readPersonaObject, TRANSPORTS, transportOf, type PipelineMode, type Transport } from './body.js';
import { isPlainObject, patchPaths } from '../common/json-patch.js';
import { diffPersonaFields } from './patch.js';
import { refuseApplyFile } from './not-apply-file.js';
import { goneWithMockHint } from '../common/mock-gone.js';
import { nextStepHint, personasByName, printPersona, SHOW_SECRETS_OPTION, showPersona, warnIfReplicaCannotTalk } from './shared.js';

export interface CreateFlags {
  name?: string;
  systemPrompt?: string;
  context?: string;
  replica?: string;
  pipelineMode?: PipelineMode;
  transport?: Transport;
  echoLivekit: boolean;
}

const text = (what: string) => z.optional(z.string().check(z.trim(), z.minLength(1, `${what} is empty`)));
const flag = z.optional(z.boolean());

const CREATE_OPTIONS = {
  name: option('--name <name>', 'persona_name', text('the name'), { fix: 'Pass a name, e.g. --name "Sales coach".' }),
  systemPrompt: option('--system-prompt <text>', 'the LLM system prompt (required in full mode)', text('the prompt'), {
    fix: 'Pass the prompt text, or --system-prompt-file PATH.',
  }),
  systemPromptFile: option('--system-prompt-file <path>', 'read the system prompt from a file (- for stdin)', z.optional(z.string()), { stdin: true }),
  context: option('--context <text>', 'extra context for the LLM', z.optional(z.string())),
  replica: option('--replica <id>', 'default replica for its conversations (sent as default_replica_id)', checkedBy((value) => resourceId(value, '--replica')), {
    setting: 'replicaId',
  }),
  pipelineMode: option('--pipeline-mode <mode>', `${PIPELINE_MODES.join(' | ')}: full runs Tavus's own LLM; echo speaks what your agent sends`, z.optional(z.enum(PIPELINE_MODES)), {
    fix: `Use one of: ${PIPELINE_MODES.join(', ')}.`,
  }),
  transport: option('--transport <type>', `${TRANSPORTS.join(' | ')} (sent as layers.transport.transport_type)`, z.optional(z.enum(TRANSPORTS)), {
    fix: `Use one of: ${TRANSPORTS.join(', ')}.`,
  }),
  echoLivekit: option('--echo-livekit', 'preset for TEN / LiveKit agents: pipeline_mode echo + livekit transport, no system prompt', flag),
  file: option('--file <path>', 'a persona JSON body (- for stdin); flags override its fields', z.optional(z.string()), { stdin: true }),
  ifMissing: option('--if-missing', 'if one of your personas already has this name, print it and create nothing', flag),
  dryRun: option('--dry-run', 'print the request (key masked) and send nothing', flag),
  showSecrets: SHOW_SECRETS_OPTION,
};

export const personaCreate = defineCommand({
  names: ['create'],
  description: 'create a persona (prompts for what is missing when interactive)',
  options: CREATE_OPTIONS,
  examples: [
    'tavus-ten persona create --name "TEN LiveKit avatar" --echo-livekit --replica r90bbd427f71',
    'tavus-ten persona create --name Coach --system-prompt-file prompt.txt --replica r90bbd427f71',
    'ID=$(tavus-ten persona create --name "TEN LiveKit avatar" --echo-livekit --if-missing -q)',
    'tavus-ten persona create --file persona.json --name "Copy of Coach" --dry-run',
    'tavus-ten persona create                          # interactive: asks for each field',
  ],
  handler: (ctx, opts) => createCommand(ctx, opts),
});

async function createCommand(ctx: Context, opts: OptionValues<typeof CREATE_OPTIONS>): Promise<void> {
  const { output } = ctx;
  if (opts.systemPrompt !== undefined && opts.systemPromptFile !== undefined) {
    throw new UsageError('--system-prompt and --system-prompt-file cannot be used together.', { hint: 'Pick one.' });
  }
  const flags: CreateFlags = {
    name: opts.name,
    systemPrompt: opts.systemPrompt,
    context: opts.context,
    replica: opts.replica,
    pipelineMode: opts.pipelineMode,
    transport: opts.transport,
    echoLivekit: opts.echoLivekit === true,
  };
  if (opts.systemPromptFile !== undefined) {
    const prompt = (await readTextInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, opts.systemPromptFile, '--system-prompt-file')).trimEnd();
    if (prompt.trim() === '') throw new UsageError(`--system-prompt-file ${opts.systemPromptFile}: the file is empty.`, { hint: 'Write the system prompt in the file.' });
    flags.systemPrompt = prompt;
  }

  let base: Record<string, unknown> = {};
  if (opts.file !== undefined) {
    const where = `--file ${opts.file === '-' ? 'stdin' : opts.file}`;
    const raw = await readJsonInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, opts.file, '--file');
    await refuseApplyFile(raw, where, opts.file);
    const { body, dropped, nulls } = await readPersonaObject(raw, where, [], FLAG_FOR_FIELD);
    // A masked key copied from `persona get --json` would be stored as the key itself.
    const masked = maskedKeyPaths(body);
    if (masked.length > 0) {
      throw new UsageError(`${where}: ${masked.join(', ')} holds a masked value, not a key.`, {
        hint: 'Copy the persona with `tavus-ten persona get ID --json --show-secrets`, or put the real key in the file.',
      });
    }
    if (dropped.length > 0) output.info(output.chalk.dim(`Ignoring read-only fields in ${where}: ${dropped.join(', ')}.`));
    if (nulls.length > 0) output.info(output.chalk.dim(`Treating null as not set in ${where}: ${nulls.join(', ')}.`));
    base = body;
  }

  let body = applyCreateFlags(base, flags);
  const missingRequired = body.persona_name === undefined || (body.pipeline_mode !== 'echo' && body.system_prompt === undefined);
  if (missingRequired && ctx.prompter.canPrompt) {
    body = await askMissing(ctx.prompter, body, {
      loadReplicas: async () => collect((await ctx.client()).replicas.all({ verbose: true })),
      defaultReplica: ctx.settings.replicaId.value,
      onNote: (message) => output.info(message),
    });
  }
  if (body.persona_name === undefined) {
    throw new UsageError('Missing persona name: pass --name.', {
      hint: 'Every persona needs a name (it is how --if-missing and `persona apply` find it again). Or set persona_name in --file.',
    });
  }
  const checked = await checkCreateBody(body, '', [], FLAG_FOR_FIELD);
  if (checked.pipeline_mode === 'echo' && typeof body.system_prompt === 'string') {
    output.warn('An echo-mode persona does not use its system prompt: your agent decides what the avatar says.');
  }
  if (checked.pipeline_mode === 'echo' && transportOf(checked) === undefined) {
    output.info(output.chalk.dim('This echo persona names no transport (Tavus uses Daily). For a LiveKit room (TEN, LiveKit Agents) use --echo-livekit or --transport livekit.'));
  }

  if (opts.dryRun === true) {
    if (opts.ifMissing === true) output.info(output.chalk.dim(`--if-missing: the real run first looks for a persona named ${JSON.stringify(checked.persona_name)}.`));
    await printDryRun(ctx, { method: 'POST', path: '/personas', body: checked });
    return;
  }

  const client = await ctx.client();
  if (opts.ifMissing === true) {
    const existing = await findExisting(ctx, client, checked, opts.showSecrets === true);
    if (existing) return;
  }

  const created = await client.personas.create(checked);
  // Only once it exists: a create Tavus refuses (its 400 Invalid replica_uuid) made no persona to warn about.
  if (typeof checked.default_replica_id === 'string') await warnIfReplicaCannotTalk(ctx, client, checked.default_replica_id);
  const sent: Persona = { ...(checked as Record<string, unknown>), ...created } as Persona;
  if (output.json) {
    // Tavus answers a create with only id, name and created_at: scripts want the whole persona.
    output.printJson(await fetchCreated(ctx, client, created.persona_id, sent), { showSecrets: opts.showSecrets });
    return;
  }
  if (output.quiet) return output.printIds([created.persona_id]);
  output.success(`Created persona ${created.persona_id}${created.persona_name ? ` (${JSON.stringify(created.persona_name)})` : ''}.`);
  printPersona(ctx, sent, { full: false });
  output.info(output.chalk.dim(ctx.global.mock ? goneWithMockHint(`persona ${created.persona_id}`) : nextStepHint(sent)));
}

/** The body the flags describe, on top of a file's fields (flags win). Pure. */
export function applyCreateFlags(base: Record<string, unknown>, flags: CreateFlags): Record<string, unknown> {
  if (flags.echoLivekit && flags.pipelineMode === 'full') {
    throw new UsageError('--echo-livekit makes an echo persona: it cannot be used with --pipeline-mode full.', { hint: 'Drop one of the two.' });
  }
  if (flags.echoLivekit && flags.transport === 'daily') {
    throw new UsageError('--echo-livekit uses the livekit transport: it cannot be used with --transport daily.', { hint: 'Drop one of the two.' });
  }
  const body: Record<string, unknown> = { ...base };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('persona_name', flags.name);
  set('system_prompt', flags.systemPrompt);
  set('pipeline_mode', flags.echoLivekit ? 'echo' : flags.pipelineMode);
  set('context', flags.context);
  set('default_replica_id', flags.replica);
  const transport = flags.echoLivekit ? 'livekit' : flags.transport;
  if (transport !== undefined) body.layers = withTransport(body.layers, transport);
  return body;
}

function withTransport(layers: unknown, transport: Transport): Record<string, unknown> {
  const current = isPlainObject(layers) ? layers : {};
  const currentTransport = isPlainObject(current.transport) ? current.transport : {};
  return { ...current, transport: { ...currentTransport, transport_type: transport } };
}

export interface AskOptions {
  loadReplicas: () => Promise<Replica[]>;
  defaultReplica?: string;
  onNote?: (message: string) => void;
}

const NO_REPLICA = '';

/** Interactive create: asks for every field the flags and file left out, in the order people think of them. */
export async function askMissing(prompter: Prompter, given: Record<string, unknown>, opts: AskOptions): Promise<Record<string, unknown>> {
  let body = { ...given };
  if (body.persona_name === undefined) {
    body.persona_name = (await prompter.text({ message: 'Persona name:', flag: '--name' })).trim();
  }
  if (body.pipeline_mode === undefined) {
    body.pipeline_mode = await prompter.select<PipelineMode>({
      message: 'Pipeline mode:',
      flag: '--pipeline-mode',
      choices: [
        { name: 'full', value: 'full', description: 'Tavus runs the conversation (its LLM, speech and voice) from your system prompt' },
        { name: 'echo', value: 'echo', description: 'the avatar speaks what your agent sends (TEN, LiveKit Agents); no system prompt' },
      ],
    });
  }
  if (body.pipeline_mode === 'echo' && transportOf(body) === undefined) {
    const transport = await prompter.select<Transport>({
      message: 'Transport:',
      flag: '--transport',
      choices: [
        { name: 'livekit', value: 'livekit', description: 'the avatar joins your LiveKit room (TEN mode 2, LiveKit Agents)' },
        { name: 'daily', value: 'daily', description: "Tavus's own Daily room" },
      ],
    });
    body = { ...body, layers: withTransport(body.layers, transport) };
  }
  if (body.default_replica_id === undefined) {
    const replicas = (await opts.loadReplicas()).filter((replica) => replica.status === 'completed');
    if (replicas.length === 0) {
      opts.onNote?.('No completed replica to choose as the default: pick one per conversation with --replica.');
    } else {
      const choice = await prompter.select<string>({
        message: 'Default replica:',
        flag: '--replica',
        choices: [
          ...replicas.map((replica) => ({
            name: `${replica.replica_name ?? replica.replica_id} (${replica.replica_id})`,
            value: replica.replica_id,
            description: [replica.replica_type, replica.model_name].filter(Boolean).join(', ') || undefined,
          })),
          { name: 'None: choose a replica for each conversation', value: NO_REPLICA },
        ],
        default: replicas.some((replica) => replica.replica_id === opts.defaultReplica) ? opts.defaultReplica : undefined,
      });
      if (choice !== NO_REPLICA) body.default_replica_id = choice;
    }
  }
  if (body.pipeline_mode !== 'echo' && body.system_prompt === undefined) {
    body.system_prompt = (await prompter.text({ message: 'System prompt (one line; use --system-prompt-file for longer ones):', flag: '--system-prompt' })).trim();
  }
  return body;
}

/** --if-missing: prints the persona that already has this name (and what differs), or returns undefined. */
async function findExisting(ctx: Context, client: TavusClient, wanted: PersonaCreateBody, showSecrets: boolean): Promise<Persona | undefined> {
  const { output } = ctx;
  const name = wanted.persona_name!;
  const matches = (await personasByName(client)).get(name) ?? [];
  if (matches.length === 0) return undefined;
  if (matches.length > 1) {
    output.warn(`${matches.length} of your personas are named ${JSON.stringify(name)} (${matches.map((p) => p.persona_id).join(', ')}); using ${matches[0]!.persona_id}.`);
  }
  const found = await client.personas.get(matches[0]!.persona_id);
  const differences = patchPaths(diffPersonaFields(found, wanted as Record<string, unknown>));
  if (differences.length > 0) {
    output.warn(
      `Persona ${found.persona_id} (${JSON.stringify(name)}) exists but differs from this request at ${differences.join(', ')}; ` +
        'nothing was changed (`tavus-ten persona apply FILE` updates it).',
    );
  }
  output.info(`Persona ${JSON.stringify(name)} already exists (${found.persona_id}): nothing created.`);
  showPersona(ctx, found, { full: false, showSecrets });
  return found;
}

/** The whole new persona for --json; if reading it back fails, what was sent plus Tavus's answer (with a warning). */
async function fetchCreated(ctx: Context, client: TavusClient, id: string, fallback: Persona): Promise<Persona> {
  try {
    return await client.personas.get(id);
  } catch (error) {
    if (!(error instanceof TavusTenError) || error.code === 'interrupted') throw error;
    ctx.output.warn(`Created persona ${id}, but reading it back failed (${error.message}); printing what was sent.`);
    return fallback;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
