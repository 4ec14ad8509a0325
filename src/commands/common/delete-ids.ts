// `<noun> delete ID...` for every resource, one style: asked on a terminal (default No), `--yes`
// otherwise (exit 2, nothing sent); every id is tried and gets a result; the exit code is that of the
// failures' one kind (3 rejected key, 4 unknown id), else 1 (batch-results.ts).
import type { TavusClient } from '../../api/client.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { resourceId } from '../../flags.js';
import { settleEach, uniqueIds } from './batch.js';
import { reportResults, toResult } from './batch-results.js';

export interface DeleteSpec {
  /** `persona`, `document`… for messages. */
  noun: string;
  /** For counts; default noun + "s". */
  plural?: string;
  /** The id's field in the --json results, e.g. `document_id`. */
  idField: string;
  /** What goes with them (`--hard`), e.g. `training footage`: named in the question and the summary. */
  alsoDeletes?: string;
  /** Deletes in flight at once; default 1, in the order given. */
  concurrency?: number;
  remove: (client: TavusClient, id: string) => Promise<void>;
  /**
   * Reads one (personas, replicas): Tavus refuses the delete of an unknown id and of a stock one alike, so
   * after a not-found the read tells them apart, and an unknown id gets the read's "Tavus has no …" error,
   * the one `get` and `update` give.
   */
  lookup?: (client: TavusClient, id: string) => Promise<unknown>;
}

export async function deleteIds(ctx: Context, rawIds: string[], spec: DeleteSpec): Promise<void> {
  const { output } = ctx;
  const plural = spec.plural ?? `${spec.noun}s`;
  const ids = uniqueIds(rawIds.map((id) => resourceId(id, `${spec.noun} id`)));
  const their = (count: number) => (spec.alsoDeletes ? ` and ${count === 1 ? 'its' : 'their'} ${spec.alsoDeletes}` : '');
  if (!ctx.global.yes) {
    const what = ids.length === 1 ? `${spec.noun} ${ids[0]}` : `${ids.length} ${plural} (${ids.join(', ')})`;
    if (!ctx.prompter.canPrompt) {
      throw new UsageError(`Deleting ${what} needs confirmation: pass --yes.`, {
        hint: `Nothing was sent. Nothing was asked because ${ctx.prompter.whyNot}.`,
      });
    }
    if (!(await ctx.prompter.confirm({ message: `Delete ${what}${their(ids.length)}? This cannot be undone.`, default: false }))) {
      output.info('Nothing deleted.');
      return;
    }
  }
  // A client Ctrl-C does not abort: a delete in flight finishes and is reported; none starts after it.
  const client = await ctx.cleanupClient();
  const settled = await settleEach(
    ids,
    spec.concurrency ?? 1,
    async (id) => {
      try {
        await spec.remove(client, id);
      } catch (error) {
        throw spec.lookup ? await unknownOrStock(error, () => spec.lookup!(client, id)) : error;
      }
      return 'deleted' as const;
    },
    ctx.signal,
  );
  reportResults(
    ctx,
    settled.map((s) => toResult(s.item, s)),
    {
      noun: spec.noun,
      plural,
      idField: spec.idField,
      total: ids.length,
      verb: 'delete',
      pastVerb: 'deleted',
      summary: (counts) => {
        const deleted = counts.deleted ?? 0;
        if (ids.length === 1 && deleted === 1) return `Deleted ${spec.noun} ${ids[0]}${their(1)}.`;
        return `Deleted ${deleted} ${deleted === 1 ? spec.noun : plural}${their(deleted)}.`;
      },
    },
  );
}

/** A refused delete's error: the read's own not-found when the id is unknown, else the delete's (a stock one, say). */
async function unknownOrStock(error: unknown, lookup: () => Promise<unknown>): Promise<unknown> {
  if ((error as { code?: string }).code !== 'not_found') return error;
  try {
    await lookup();
  } catch (readError) {
    if ((readError as { code?: string }).code === 'not_found') return readError;
  }
  return error;
}
