// An apply plan (`persona apply`, `apply`): the words of what each entry will do and did, the loop that
// carries the steps out, and the printing of the result (table, ids or JSON, summary line, failure).
import { TavusTenError, type ErrorJson } from '../../errors.js';
import type { Output } from '../../io/output.js';
import type { Column } from '../../io/table.js';

export type PlanAction = 'create' | 'update' | 'unchanged';
export type PlanResult = 'planned' | 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped';

/** What every printed line of a plan has, whatever else it names. */
export interface PlanLine {
  action: PlanAction;
  result: PlanResult;
  error?: ErrorJson;
}

/**
 * Runs the steps in order (`carryOut` is never called for `unchanged` ones) and records each result on
 * its entry; `done` hears of each step carried out, with its id. The first failure stops the run: the
 * steps after it are marked skipped, and it is returned with its entry. Anything not a TavusTenError,
 * and an interruption, is thrown as it is.
 */
export async function executePlan<S extends { entry: PlanLine }>(
  steps: readonly S[],
  carryOut: (step: S) => Promise<{ id: string; changed: boolean }>,
  done: (step: S, id: string) => void,
): Promise<{ error: TavusTenError; failed: S } | undefined> {
  for (const [index, step] of steps.entries()) {
    const line = step.entry;
    if (line.action === 'unchanged') {
      line.result = 'unchanged';
      continue;
    }
    try {
      const { id, changed } = await carryOut(step);
      line.result = line.action === 'create' ? 'created' : changed ? 'updated' : 'unchanged';
      done(step, id);
    } catch (error) {
      if (!(error instanceof TavusTenError) || error.code === 'interrupted') throw error;
      line.result = 'failed';
      line.error = error.toJSON();
      for (const rest of steps.slice(index + 1)) rest.entry.result = rest.entry.action === 'unchanged' ? 'unchanged' : 'skipped';
      return { error, failed: step };
    }
  }
  return undefined;
}

/**
 * Prints a plan's entries (JSON, ids under --quiet, else a table), the summary line, and the failure if
 * there was one; returns the failure's exit code.
 */
export function printPlan<E extends PlanLine>(
  output: Output,
  entries: readonly E[],
  how: { dryRun: boolean; columns: Column<E>[]; idOf: (entry: E) => string | null; failure?: TavusTenError },
): number | undefined {
  if (output.json) output.printJson(entries);
  else if (output.quiet) output.printIds(entries.flatMap((e) => {
    const id = how.idOf(e);
    return id ? [id] : [];
  }));
  else if (entries.length > 0) output.printTable(entries, how.columns);
  if (entries.length > 0) output.info(planSummary(entries, how.dryRun));
  if (how.failure) {
    output.error(how.failure.toJSON());
    return how.failure.exitCode;
  }
  return undefined;
}

/**
 * The line after a plan's table: `Plan: 1 to create, 0 to update, 2 unchanged. Dry run: nothing was changed.`
 * for a dry run, else the counts of what happened (`1 created, 2 unchanged.`), zero counts left out.
 */
function planSummary(entries: readonly PlanLine[], dryRun: boolean): string {
  const count = (pick: (e: PlanLine) => boolean) => entries.filter(pick).length;
  if (dryRun) {
    const parts = [`${count((e) => e.action === 'create')} to create`, `${count((e) => e.action === 'update')} to update`, `${count((e) => e.action === 'unchanged')} unchanged`];
    return `Plan: ${parts.join(', ')}. Dry run: nothing was changed.`;
  }
  const parts = (['created', 'updated', 'unchanged', 'failed', 'skipped'] as const)
    .map((result) => [result, count((e) => e.result === result)] as const)
    .filter(([, n]) => n > 0)
    .map(([result, n]) => `${n} ${result}`);
  return `${parts.join(', ')}.`;
}
