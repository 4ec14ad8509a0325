// `persona update ID`: a JSON Patch built from flags (`--name`, `--set /pointer=JSON`…) and/or a patch
// file, checked before anything is sent. Tavus's 304 is "no changes" (exit 0); a 422 says why.
import * as z from 'zod/mini';
import type { JsonPatchOp, Persona, TavusClient } from '../../api/client.js';
import { ApiError, ExitCode, UsageError } from '../../errors.js';
import type { Context } from '../../context.js';
import { defineCommand, option, type OptionValues } from '../kit.js';
import { collect } from '../common/collect.js';
import { printDryRun } from '../common/dry-run.js';
import { readTextInput } from '../common/files.js';
import { readPatchFile, type PatchFileChecks } from '../common/patch-file.js';
import { checkedBy, resourceId } from '../../flags.js';
import { checkPatchValue } from './body.js';
import { deepEqual, documentAfter, pointerTokens, setOperations, valueAt } from '../common/json-patch.js';
import { applyOperation, JsonPatchError, type Operation } from 'fast-json-patch';
import { changedFieldRows, distinctChanges, patchChanges } from '../common/changed-fields.js';
import { parseSetFlag } from '../common/set-flag.js';
import { SHOW_SECRETS_OPTION, warnIfReplicaCannotTalk } from './shared.js';

const text = (what: string) => z.optional(z.string().check(z.trim(), z.minLength(1, `${what} is empty`)));

/** The body fields this command has a flag for (no --pipeline-mode or --transport here), for hints. */
const FLAG_FOR_UPDATE_FIELD = { persona_name: '--name', system_prompt: '--system-prompt', context: '--context', default_replica_id: '--replica' };

const UPDATE_OPTIONS = {
  name: option('--name <name>', 'new persona_name', text('the name'), { fix: 'Pass the new name.' }),
  systemPrompt: option('--system-prompt <text>', 'new system prompt', text('the prompt'), { fix: 'Pass the prompt text.' }),
  systemPromptFile: option('--system-prompt-file <path>', 'read the new system prompt from a file (- for stdin)', z.optional(z.string()), { stdin: true }),
  context: option('--context <text>', 'new context', z.optional(z.string())),
  replica: option('--replica <id>', 'new default replica (default_replica_id)', checkedBy((value) => resourceId(value, '--replica')), {
    setting: 'replicaId',
  }),
  set: option('--set <pointer=json>', 'set any field by JSON pointer to a JSON value (repeatable)', z.optional(z.array(z.string())), { collect }),
  patchFile: option('--patch-file <path>', 'a JSON Patch array (RFC 6902) to send, before the flags above (- for stdin)', z.optional(z.string()), { stdin: true }),
  dryRun: option('--dry-run', 'print the PATCH (key masked) and send no change', z.optional(z.boolean())),
  showSecrets: SHOW_SECRETS_OPTION,
};

export const personaUpdate = defineCommand({
  names: ['update'],
  description: 'change a persona (sends a JSON Patch; only what you name changes)',
  args: [{ name: '<id>', description: 'persona id' }],
  options: UPDATE_OPTIONS,
  examples: [
    'tavus-ten persona update p1234567890a --name "Sales coach v2"',
    `tavus-ten persona update p1234567890a --set '/layers/llm/model="tavus-gpt-4o"' --set /layers/perception/perception_model='"raven-1"'`,
    'tavus-ten persona update p1234567890a --set /layers/transport/transport_type=\'"livekit"\' --dry-run',
    'tavus-ten persona update p1234567890a --patch-file patch.json',
  ],
  handler: (ctx, opts, [id]) => updateCommand(ctx, opts, id),
});

interface FieldChange {
  pointer: string;
  value: unknown;
}

async function updateCommand(ctx: Context, opts: OptionValues<typeof UPDATE_OPTIONS>, rawId: string): Promise<void> {
  const { output } = ctx;
  const id = resourceId(rawId, 'persona id');
  if (opts.systemPrompt !== undefined && opts.systemPromptFile !== undefined) {
    throw new UsageError('--system-prompt and --system-prompt-file cannot be used together.', { hint: 'Pick one.' });
  }
  const changes: FieldChange[] = [];
  if (opts.name !== undefined) changes.push({ pointer: '/persona_name', value: opts.name });
  if (opts.systemPrompt !== undefined) changes.push({ pointer: '/system_prompt', value: opts.systemPrompt });
  if (opts.systemPromptFile !== undefined) {
    const prompt = (await readTextInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, opts.systemPromptFile, '--system-prompt-file')).trimEnd();
    if (prompt.trim() === '') throw new UsageError(`--system-prompt-file ${opts.systemPromptFile}: the file is empty.`, { hint: 'Write the system prompt in the file.' });
    changes.push({ pointer: '/system_prompt', value: prompt });
  }
  if (opts.context !== undefined) changes.push({ pointer: '/context', value: opts.context });
  if (opts.replica !== undefined) changes.push({ pointer: '/default_replica_id', value: opts.replica });
  for (const raw of opts.set ?? []) {
    const { pointer, value } = parseSetFlag(raw);
    await checkPatchValue(pointer, value, '--set', FLAG_FOR_UPDATE_FIELD);
    changes.push({ pointer, value });
  }
  const fileOps = opts.patchFile !== undefined ? await readPatchFile(ctx, opts.patchFile, PATCH_FILE_CHECKS) : [];
  if (changes.length === 0 && fileOps.length === 0) {
    throw new UsageError('Nothing to update.', { hint: 'Pass --name, --system-prompt, --context, --replica, --set /pointer=JSON or --patch-file PATH.' });
  }

  const client = await ctx.client();
  // Flags become add or replace depending on what the persona holds once the file's operations, sent
  // first, are done (RFC 6902: replace needs the member, and an add of a missing parent would replace
  // what the file just added there).
  const current = changes.length > 0 ? documentAfter(await client.personas.get(id), fileOps) : undefined;
  const operations: JsonPatchOp[] = [...fileOps, ...setOperations(current, changes)];

  if (opts.dryRun === true) {
    await printDryRun(ctx, { method: 'PATCH', path: `/personas/${encodeURIComponent(id)}`, body: operations });
    return;
  }

  const result = await sendPatch(client, id, operations);
  // Only once the PATCH is accepted: a refused one changed no replica to warn about.
  const replica = changes.find((change) => change.pointer === '/default_replica_id');
  if (replica) await warnIfReplicaCannotTalk(ctx, client, replica.value as string);
  // Name what the user asked for (/layers/llm/model), not the parent an add had to create.
  // A flag that gives a field the value it already had (as the file's operations leave it) changed nothing.
  const named = [...patchChanges(fileOps), ...changes.filter((change) => !alreadyHolds(current, change))];
  // Each path once, and none inside another: the file's /layers holds the --set's /layers/llm/model.
  const paths = distinctChanges(named).map((change) => change.pointer);
  if (output.json) {
    output.printJson(result.persona ?? (await client.personas.get(id)), { showSecrets: opts.showSecrets });
    return;
  }
  if (output.quiet) return output.printIds([id]);
  if (!result.changed) {
    output.success(`No changes: persona ${id} already had these values.`);
    return;
  }
  output.success(paths.length > 0 ? `Updated persona ${id}: ${paths.join(', ')}.` : `Updated persona ${id}.`);
  // What changed and what it is now (keys masked), read from Tavus's answer when it carried the persona.
  output.printFields([['id', id], ...changedFieldRows(named, result.persona)]);
}

/** Whether `document` (the persona as read before the PATCH) already holds `change.value` at `change.pointer`. */
function alreadyHolds(document: unknown, change: FieldChange): boolean {
  return document !== undefined && deepEqual(valueAt(document, pointerTokens(change.pointer)), change.value);
}

/** PATCH with Tavus's 422 explained: a path that does not exist, an op the server refuses. */
export async function sendPatch(client: TavusClient, id: string, operations: JsonPatchOp[]): Promise<{ changed: boolean; persona?: Persona }> {
  try {
    return await client.personas.update(id, operations);
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const body = error.body as { message?: unknown; error?: unknown } | undefined;
      const said = typeof body === 'object' && body !== null ? (body.message ?? body.error) : undefined;
      // Tavus's answer names no path ("Invalid JSON patch format"): find the operation on the persona as it is.
      const culprit = await failingOperation(client, id, operations);
      throw new ApiError('api_error', ExitCode.failure, `Tavus rejected the patch for persona ${id} (422${typeof said === 'string' ? `: ${said}` : ''})${culprit ? `: ${culprit}` : ''}.`, {
        status: 422,
        body: error.body,
        method: error.method,
        url: error.url,
        hint:
          `Every path must exist in the persona for replace, remove and test (and its parent for add): ` +
          `compare with \`tavus-ten persona get ${id} --json\`. Nothing was changed.`,
      });
    }
    throw error;
  }
}

/**
 * Which operation of `operations` cannot apply to persona `id` as Tavus now holds it, in words
 * (`operation 1, remove /layers/stt, names a path the persona does not have`); undefined when every one
 * applies, or the persona cannot be read. fast-json-patch applies them to a copy, checking each.
 */
async function failingOperation(client: TavusClient, id: string, operations: readonly JsonPatchOp[]): Promise<string | undefined> {
  const persona = await client.personas.get(id).catch(() => undefined);
  if (persona === undefined) return undefined;
  // One at a time, so the error says which: validate() reports every failure as index 0.
  let document: unknown = structuredClone(persona);
  let failed: { index: number; name: string; message: string } | undefined;
  for (const [index, operation] of operations.entries()) {
    try {
      document = applyOperation(document, structuredClone(operation) as Operation, true, true).newDocument;
    } catch (error) {
      if (!(error instanceof JsonPatchError)) return undefined;
      failed = { index, name: error.name, message: error.message };
      break;
    }
  }
  if (failed === undefined) return undefined;
  const operation = operations[failed.index]!;
  const why: Record<string, string> = {
    OPERATION_PATH_UNRESOLVABLE: 'names a path the persona does not have',
    OPERATION_FROM_UNRESOLVABLE: 'moves or copies from a path the persona does not have',
    TEST_OPERATION_FAILED: 'tests for a value the persona does not hold',
  };
  const what = 'from' in operation ? `${operation.op} ${operation.from} to ${operation.path}` : `${operation.op} ${operation.path}`;
  return `operation ${failed.index + 1}, ${what}, ${why[failed.name] ?? (failed.message.split('\n')[0] ?? '').toLowerCase()}`;
}

/** Each operation's value is checked against what Tavus's schema knows of the persona. */
const PATCH_FILE_CHECKS: PatchFileChecks = {
  example: '{"op": "replace", "path": "/persona_name", "value": "New name"}',
  async checkOperation(operation: JsonPatchOp, where: string) {
    if (operation.op === 'add' || operation.op === 'replace') await checkPatchValue(operation.path, operation.value, where, FLAG_FOR_UPDATE_FIELD);
    else if (operation.op !== 'test') await checkPatchValue(operation.path, undefined, where, FLAG_FOR_UPDATE_FIELD);
  },
};
