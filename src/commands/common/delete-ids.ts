// `<noun> delete ID...` for any resource: confirmed on a TTY (default No), `--yes` otherwise; each id
// gets a result, and the exit code is the first failure's (4 for an unknown id).
import { TavusTenError, type ErrorJson } from '../../errors.js';
import type { Context } from '../../context.js';
import { resourceId } from '../../flags.js';

export interface DeleteSpec {
  /** `document`, `objectives`… for messages. */
  noun: string;
  /** The id's field in the --json results, e.g. `document_id`. */
  idField: string;
  /** Said in the confirmation after "This cannot be undone." */
  warning?: string;
  remove: (id: string) => Promise<void>;
}

/** Runs the deletes one after another; returns the exit code of the first failure. */
export async function deleteIds(ctx: Context, rawIds: string[], spec: DeleteSpec): Promise<number | void> {
  const { output } = ctx;
  const ids = [...new Set(rawIds.map((id) => resourceId(id, `${spec.noun} id`)))];
  if (!ctx.global.yes) {
    const what = ids.length === 1 ? `${spec.noun} ${ids[0]}` : `${ids.length} ${spec.noun}${spec.noun.endsWith('s') ? '' : 's'} (${ids.join(', ')})`;
    const yes = await ctx.prompter.confirm({ message: `Delete ${what}? This cannot be undone.${spec.warning ? ` ${spec.warning}` : ''}`, default: false });
    if (!yes) {
      output.info('Nothing deleted.');
      return;
    }
  }
  const results: Array<Record<string, unknown>> = [];
  let exitCode: number | undefined;
  for (const id of ids) {
    try {
      await spec.remove(id);
      results.push({ [spec.idField]: id, result: 'deleted' });
      output.success(`Deleted ${spec.noun} ${id}.`);
    } catch (error) {
      if (!(error instanceof TavusTenError) || ['interrupted', 'auth_error', 'config_error'].includes(error.code)) throw error;
      const json: ErrorJson = error.toJSON();
      results.push({ [spec.idField]: id, result: 'failed', error: json });
      output.error(json);
      exitCode ??= error.exitCode;
    }
  }
  if (output.json) output.printJson(results);
  else if (output.quiet) output.printIds(results.filter((r) => r.result === 'deleted').map((r) => String(r[spec.idField])));
  return exitCode;
}
