// The outcome of acting on many ids (delete, conversation end): one entry per id, printed as the
// contract's JSON array (`[{"<noun>_id", "result", "error"?}]`), as ids, or as a table; failures set the
// exit code (3 for a rejected key, 4 for an unknown id…).
import { ExitCode, InterruptedError, interruptionOf, isTavusTenError, TavusTenError, type ErrorCodeName, type ErrorJson, type ExitCodeValue } from '../../errors.js';
import type { Context } from '../../context.js';
import type { Column } from '../../io/table.js';
import type { Settled } from './batch.js';
import { ERROR_CODES } from './error-codes.js';
import { withoutFinalPeriod } from '../../io/sentence.js';

/**
 * The exit code of failures all of one error code: the code's own (error-codes.ts), except that a batch
 * has sent requests, so never 2 ("nothing was sent"), and an interruption is the signal's, thrown before.
 */
function exitFor(code: ErrorCodeName): ExitCodeValue {
  const { exit } = ERROR_CODES[code];
  return exit === ExitCode.usage || exit === ExitCode.interrupted ? ExitCode.failure : exit;
}

export interface BatchResult<R extends string> {
  id: string;
  result: R | 'failed';
  error?: ErrorJson;
}

export function toResult<R extends string>(id: string, settled: Settled<R>): BatchResult<R> {
  if (settled.ok) return { id, result: settled.value };
  const { error } = settled;
  return {
    id,
    result: 'failed',
    error: isTavusTenError(error)
      ? error.toJSON()
      : { code: 'internal_error', message: error instanceof Error ? error.message : String(error), status: null },
  };
}

/** What the ids are, for the JSON field and the messages. */
export interface BatchNouns {
  /** `conversation`, in "Could not end conversation c123". */
  noun: string;
  /** `conversations`, in "2 of 3 conversations could not be ended". */
  plural: string;
  /** The id's field in the JSON results: `conversation_id`. */
  idField: string;
}

/**
 * Prints every result, then: interrupted → exit 130/143 after saying how many were not tried;
 * failures → the exit code of their one kind (3, 4, 5, 6), else 1, naming the first; else a one-line summary.
 */
export function reportResults<R extends string>(
  ctx: Context,
  results: BatchResult<R>[],
  opts: BatchNouns & { total: number; verb: string; pastVerb: string; summary: (counts: Record<string, number>) => string },
): void {
  const { output } = ctx;
  if (output.json) output.printJson(results.map(({ id, ...rest }) => ({ [opts.idField]: id, ...rest })));
  else if (output.quiet) output.printIds(results.filter((r) => r.result !== 'failed').map((r) => r.id));
  else if (results.length > 0) {
    const columns: Column<BatchResult<R>>[] = [
      { header: 'id', value: (r) => r.id },
      { header: 'result', value: (r) => r.result.replace('_', ' ') },
    ];
    if (results.some((r) => r.error)) columns.push({ header: 'error', value: (r) => r.error?.message });
    output.printTable(results, columns);
  }

  const counts: Record<string, number> = {};
  for (const r of results) counts[r.result] = (counts[r.result] ?? 0) + 1;
  const failed = results.filter((r) => r.result === 'failed');
  if (ctx.signal.aborted) {
    const { signal } = interruptionOf(ctx.signal.reason);
    throw new InterruptedError(signal, `Interrupted: ${opts.total - results.length} of ${opts.total} ${opts.plural} were not ${opts.pastVerb}.`);
  }
  if (failed.length > 0) {
    const first = failed[0]!;
    const why = withoutFinalPeriod(first.error?.message ?? 'unknown error');
    // When every failure is the same kind, its code decides the exit: 3 for a rejected key, 4 for an
    // unknown id. Mixed failures are a plain failure (1).
    const codes = new Set(failed.map((r) => r.error?.code ?? 'check_failed'));
    const code: ErrorCodeName = codes.size === 1 ? [...codes][0]! : 'check_failed';
    throw new TavusTenError(
      code,
      exitFor(code),
      failed.length === 1 && opts.total === 1
        ? `Could not ${opts.verb} ${opts.noun} ${first.id}: ${why}.`
        : `${failed.length} of ${opts.total} ${opts.plural} could not be ${opts.pastVerb}; the first, ${first.id}: ${why}.`,
      { status: first.error?.status ?? null, hint: first.error?.hint ?? 'Run the command again for the ones that failed; it is safe to repeat.' },
    );
  }
  output.success(opts.summary(counts));
}
