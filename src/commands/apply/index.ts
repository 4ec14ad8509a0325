// `apply FILE`: a whole Tavus setup as code. Documents, objectives, guardrails and personas in one JSON
// file, the personas referring to the others by name (file.ts checks it all before anything is sent).
// The plan (plan.ts) is printed; `--dry-run` stops there. Otherwise the steps run in dependency order
// and a failure stops the run, saying what was done and what was not: running apply again finishes it.
// A second run changes nothing. `persona apply` remains for personas alone.
import type { Command } from 'commander';
import * as z from '../../zod.js';
import { TavusTenError, UsageError } from '../../errors.js';
import type { Context, Runtime } from '../../context.js';
import type { Column } from '../../io/table.js';
import { addCommands, defineCommand, option } from '../kit.js';
import { parseJsonText, readTextInput } from '../common/files.js';
import { readApplyFile } from './file.js';
import { executePlan, printPlan } from '../common/plan.js';
import { planApply, refKey, type PlanEntry, type PlanStep, type Resolved } from './plan.js';

/** The top-level command: program.ts adds it to the tree like a group. */
export function registerApplyCommand(program: Command, runtime: Runtime): void {
  addCommands(program, runtime, [apply]);
}

const apply = defineCommand({
  names: ['apply'],
  description: 'create or update documents, objectives, guardrails and personas to match a file (idempotent)',
  args: [{ name: '<file>', description: 'a JSON (or .yaml) file: {"documents": [...], "objectives": [...], "guardrails": [...], "personas": [...]} (- for stdin)' }],
  options: { dryRun: option('--dry-run', 'print the plan and change nothing', z.optional(z.boolean())) },
  examples: [
    'tavus-ten apply setup.json --dry-run',
    'tavus-ten apply setup.yaml',
    'tavus-ten apply setup.json --json | jq -r \'.[] | select(.kind == "persona") | "\\(.name)=\\(.id)"\'',
  ],
  handler: (ctx, opts, [file]) => applyCommand(ctx, opts.dryRun === true, file),
});

async function applyCommand(ctx: Context, dryRun: boolean, file: string): Promise<number | void> {
  const { output } = ctx;
  const where = file === '-' ? 'stdin' : file;
  const text = await readTextInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, file, 'apply');
  const desired = await readApplyFile(/\.ya?ml$/i.test(file) ? await parseYaml(text, where) : parseJsonText(text, 'apply', file), where);
  const client = await ctx.client();
  const { steps, resolved } = await planApply(client, desired);
  if (steps.length === 0) output.info(`Nothing to apply: ${where} holds no documents, objectives, guardrails or personas.`);

  const failure = dryRun ? undefined : await execute(ctx, steps, resolved);
  const entries = steps.map((step) => step.entry);
  return printPlan(output, entries, { dryRun, columns: columns(dryRun), idOf: (e) => e.id, failure });
}

/** A `.yaml`/`.yml` file: the same shape as the JSON one. A syntax error is exit 2 naming the line. */
async function parseYaml(text: string, where: string): Promise<unknown> {
  const yaml = await import('yaml');
  // Bundled, yaml is its CommonJS build: the functions sit on the default export.
  const { parseDocument } = typeof yaml.parseDocument === 'function' ? yaml : (yaml as unknown as { default: typeof yaml }).default;
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: true, uniqueKeys: true });
  const [problem] = document.errors;
  if (problem) {
    const line = problem.linePos?.[0];
    throw new UsageError(`apply ${where}: not valid YAML${line ? ` at line ${line.line}, column ${line.col}` : ''} (${problem.code}).`, {
      hint: `Fix the YAML in ${where}, or write the file as JSON.`,
    });
  }
  return document.toJS({ maxAliasCount: 100 });
}

/** Runs the steps in order; stops at the first failure (the rest are skipped) and returns it. */
async function execute(ctx: Context, steps: PlanStep[], resolved: Resolved): Promise<TavusTenError | undefined> {
  const stopped = await executePlan(
    steps,
    (step) => step.run(resolved),
    ({ entry: line }, id) => {
      line.id = id;
      resolved.set(refKey(line.kind, line.name), id);
      ctx.output.debug(`${line.result} ${line.kind} ${JSON.stringify(line.name)} (${id})`);
    },
  );
  return stopped && withProgressNote(stopped.error, steps, stopped.failed.entry);
}

/** The error, its hint extended with what was done and what was not, and how to finish. */
function withProgressNote(error: TavusTenError, steps: PlanStep[], failed: PlanEntry): TavusTenError {
  const named = (pick: (e: PlanEntry) => boolean) => steps.map((s) => s.entry).filter(pick).map((e) => `${e.kind} ${e.name}`);
  const done = named((e) => e.result === 'created' || e.result === 'updated');
  const notDone = named((e) => e.result === 'skipped');
  const note =
    `Stopped at ${failed.kind} ${JSON.stringify(failed.name)}. Done: ${done.length ? done.join(', ') : 'nothing'}. ` +
    `Not done: ${[`${failed.kind} ${failed.name}`, ...notDone].join(', ')}. Fix the cause and run apply again: it finishes the rest.`;
  return new TavusTenError(error.code, error.exitCode, `${error.message} ${note}`, { hint: error.hint, status: error.status });
}

function columns(dryRun: boolean): Column<PlanEntry>[] {
  return [
    { header: dryRun ? 'plan' : 'result', value: (e) => (dryRun ? e.action : e.result) },
    { header: 'kind', value: (e) => e.kind },
    { header: 'name', value: (e) => e.name },
    { header: 'id', value: (e) => e.id },
    { header: 'changes', value: (e) => e.changes.join(', ') },
  ];
}

