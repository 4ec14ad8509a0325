// `persona apply FILE`: personas as code. Each persona in the file is matched to one of yours by
// `persona_name`: created when missing, patched at exactly the leaves that differ, left alone when
// equal. The plan is printed (and is all that happens with --dry-run); a second run sends no write.
import * as z from '../../zod.js';
import type { JsonPatchOp, Persona, PersonaCreateBody, TavusClient } from '../../api/client.js';
import { TavusTenError, UsageError, type ErrorJson } from '../../errors.js';
import type { Context } from '../../context.js';
import type { Column } from '../../io/table.js';
import { defineCommand, option } from '../kit.js';
import { readJsonInput } from '../common/files.js';
import { checkCreateBody, readPersonaObject } from './body.js';
import { fieldPath } from '../common/field-path.js';
import { patchPaths } from '../common/json-patch.js';
import { diffPersonaFields } from './patch.js';
import { refuseApplyFile } from './not-apply-file.js';
import { personasByName } from './shared.js';
import { sendPatch } from './update.js';

export type { PlanAction, PlanResult } from '../common/plan.js';
import { executePlan, printPlan, type PlanAction, type PlanResult } from '../common/plan.js';

/** One line of the plan, as printed under --json. */
export interface PlanEntry {
  persona_name: string;
  persona_id: string | null;
  action: PlanAction;
  /** The JSON pointers an update changes (empty otherwise). */
  changes: string[];
  result: PlanResult;
  error?: ErrorJson;
}

interface PlanStep {
  entry: PlanEntry;
  body: PersonaCreateBody;
  operations: JsonPatchOp[];
}

export const personaApply = defineCommand({
  names: ['apply'],
  description: 'create or update personas to match a file, by persona_name (idempotent)',
  args: [{ name: '<file>', description: 'a JSON file holding one persona or an array of them (- for stdin)' }],
  options: {
    dryRun: option('--dry-run', 'print the plan and change nothing', z.optional(z.boolean())),
  },
  examples: [
    'tavus-ten persona apply personas.json --dry-run',
    'tavus-ten persona apply personas.json',
    'tavus-ten persona apply personas.json --json | jq -r \'.[] | "\\(.persona_name)=\\(.persona_id)"\'',
  ],
  handler: (ctx, opts, [file]) => applyCommand(ctx, opts.dryRun === true, file),
});

async function applyCommand(ctx: Context, dryRun: boolean, file: string): Promise<number | void> {
  const { output } = ctx;
  const raw = await readJsonInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, file, 'persona apply');
  const desired = await readApplyFile(raw, file, (note) => output.info(output.chalk.dim(note)));
  if (desired.length === 0) {
    output.info(`Nothing to apply: ${file} holds an empty array.`);
    if (output.json) output.printJson([]);
    return;
  }

  const client = await ctx.client();
  const steps = await planSteps(client, desired);
  const failure = dryRun ? undefined : await execute(ctx, client, steps);
  const entries = steps.map((step) => step.entry);
  return printPlan(output, entries, { dryRun, columns: planColumns(dryRun), idOf: (e) => e.persona_id, failure });
}

/** The file's personas, each checked as a create body (so any of them could be created), names unique. */
export async function readApplyFile(
  raw: unknown,
  file: string,
  note?: (message: string) => void,
): Promise<{ body: PersonaCreateBody; raw: Record<string, unknown> }[]> {
  const where = file === '-' ? 'stdin' : file;
  if (raw === null || typeof raw !== 'object') {
    throw new UsageError(`persona apply ${where}: expected a persona object or an array of persona objects.`, {
      hint: 'Write {"persona_name": "...", ...} or [{"persona_name": "..."}, ...].',
    });
  }
  await refuseApplyFile(raw, where, file);
  const list = Array.isArray(raw) ? raw : [raw];
  const seen = new Map<string, number>();
  const checked: { body: PersonaCreateBody; raw: Record<string, unknown> }[] = [];
  for (const [index, item] of list.entries()) {
    const prefix = Array.isArray(raw) ? [index] : [];
    if (prefix.length > 0) await refuseApplyFile(item, `${where} ${fieldPath(prefix)}`, file);
    const { body, dropped } = await readPersonaObject(item, where, prefix);
    if (dropped.length > 0) note?.(`Ignoring read-only fields in ${where}${prefix.length ? ` ${fieldPath(prefix)}` : ''}: ${dropped.join(', ')}.`);
    const name = body.persona_name;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new UsageError(`Invalid persona in ${where}${prefix.length ? ` ${fieldPath(prefix)}` : ''}: persona_name is ${name === undefined ? 'missing' : 'blank'}.`, {
        hint: '`persona apply` finds each persona again by its persona_name: give every persona one.',
      });
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new UsageError(`${where}: ${fieldPath([index])} and ${fieldPath([earlier])} are both named ${JSON.stringify(name)}.`, {
        hint: 'Personas are matched by persona_name, so each name may appear once.',
      });
    }
    seen.set(name, index);
    const sent = await checkCreateBody(body, where, prefix);
    // A blank echo prompt checkCreateBody dropped is not a field to compare either.
    const { system_prompt: prompt, ...rest } = body;
    checked.push({ body: sent, raw: sent.system_prompt === undefined && prompt !== undefined ? rest : body });
  }
  return checked;
}

/** Reads your personas and works out, for each one in the file, what would change. Sends no write. */
async function planSteps(client: TavusClient, desired: { body: PersonaCreateBody; raw: Record<string, unknown> }[]): Promise<PlanStep[]> {
  const byName = await personasByName(client);
  const ambiguous = desired.filter(({ body }) => (byName.get(body.persona_name!)?.length ?? 0) > 1);
  if (ambiguous.length > 0) {
    const names = ambiguous.map(({ body }) => `${JSON.stringify(body.persona_name)} (${byName.get(body.persona_name!)!.map((p) => p.persona_id).join(', ')})`);
    throw new UsageError(`More than one of your personas has the name ${names.join('; ')}: apply cannot tell which to change. Nothing was changed.`, {
      hint: 'Delete or rename the extra ones (`tavus-ten persona delete ID`, `tavus-ten persona update ID --name NEW`), then apply again.',
    });
  }
  const steps: PlanStep[] = [];
  for (const { body, raw } of desired) {
    const match = byName.get(body.persona_name!)?.[0];
    if (!match) {
      steps.push({ entry: entry(body.persona_name!, null, 'create', []), body: raw as PersonaCreateBody, operations: [] });
      continue;
    }
    // Diff against the persona as GET returns it: list items may be abridged, and patch paths must match it.
    const current: Persona = await client.personas.get(match.persona_id);
    const operations = diffPersonaFields(current, raw);
    steps.push({
      entry: entry(body.persona_name!, match.persona_id, operations.length ? 'update' : 'unchanged', patchPaths(operations)),
      body: raw as PersonaCreateBody,
      operations,
    });
  }
  return steps;
}

function entry(name: string, id: string | null, planned: PlanAction, changes: string[]): PlanEntry {
  return { persona_name: name, persona_id: id, action: planned, changes, result: 'planned' };
}

/** Runs the plan in order; stops at the first failure (the rest are marked skipped) and returns it. */
async function execute(ctx: Context, client: TavusClient, steps: PlanStep[]): Promise<TavusTenError | undefined> {
  const stopped = await executePlan(
    steps,
    async ({ entry: line, body, operations }) =>
      line.action === 'create'
        ? { id: (await client.personas.create(body)).persona_id, changed: true }
        : { id: line.persona_id!, changed: (await sendPatch(client, line.persona_id!, operations)).changed },
    ({ entry: line }, id) => {
      if (line.result !== 'created') return;
      line.persona_id = id;
      ctx.output.debug(`created ${JSON.stringify(line.persona_name)} as ${id}`);
    },
  );
  return stopped?.error;
}

function planColumns(dryRun: boolean): Column<PlanEntry>[] {
  // Plain words: the shared table measures cells with their colour codes, which would misalign the columns.
  return [
    { header: dryRun ? 'plan' : 'result', value: (e) => (dryRun ? e.action : e.result) },
    { header: 'name', value: (e) => e.persona_name },
    { header: 'id', value: (e) => e.persona_id },
    { header: 'changes', value: (e) => e.changes.join(', ') },
  ];
}

