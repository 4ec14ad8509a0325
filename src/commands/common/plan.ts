// The words of an apply plan (`persona apply`, `apply`): what each entry will do, what it did, and the
// one-line summary printed after the table.

export type PlanAction = 'create' | 'update' | 'unchanged';
export type PlanResult = 'planned' | 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped';

/**
 * The line after a plan's table: `Plan: 1 to create, 0 to update, 2 unchanged. Dry run: nothing was changed.`
 * for a dry run, else the counts of what happened (`1 created, 2 unchanged.`), zero counts left out.
 */
export function planSummary(entries: readonly { action: PlanAction; result: PlanResult }[], dryRun: boolean): string {
  const count = (pick: (e: { action: PlanAction; result: PlanResult }) => boolean) => entries.filter(pick).length;
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
