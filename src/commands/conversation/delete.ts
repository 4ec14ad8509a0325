// `conversation delete ID... [--hard]`: remove conversations from the account (--hard also removes
// their assets). Asks first on a terminal; needs --yes otherwise.
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Context, Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { settleEach, uniqueIds } from '../common/batch.js';
import { resourceId } from '../../flags.js';
import { reportResults, toResult } from './results.js';
import { END_CONCURRENCY } from './end.js';

export function registerDeleteCommand(group: Command, runtime: Runtime): void {
  examples(
    group
      .command('delete')
      .alias('rm')
      .argument('<ids...>', 'conversation ids')
      .description('delete conversations (asks first; --yes without a terminal)')
      .option('--hard', 'also delete their assets (recordings, transcripts): cannot be undone (hard=true)'),
    ['tavus-ten conversation delete c123456789ab', 'tavus-ten conversation delete c123456789ab c0987654321f --hard --yes'],
  ).action(action(runtime, (ctx, opts, ids: string[]) => runDelete(ctx, opts, ids)));
}

async function runDelete(ctx: Context, opts: Record<string, unknown>, rawIds: string[]): Promise<void> {
  const ids = uniqueIds(rawIds.map((id) => resourceId(id, 'conversation id')));
  const hard = opts.hard === true;
  const what = ids.length === 1 ? `conversation ${ids[0]}` : `${ids.length} conversations (${ids.join(', ')})`;
  if (!ctx.global.yes) {
    if (!ctx.prompter.canPrompt) {
      throw new UsageError(`Deleting ${what} needs confirmation: pass --yes.`, { hint: 'Nothing was sent.' });
    }
    const confirmed = await ctx.prompter.confirm({
      message: `Delete ${what}${hard ? ` and ${ids.length === 1 ? 'its' : 'their'} assets (recordings, transcripts)` : ''}? This cannot be undone.`,
      default: false,
    });
    if (!confirmed) {
      ctx.output.info('Cancelled: nothing was deleted.');
      return;
    }
  }
  const client = await ctx.cleanupClient();
  const settled = await settleEach(ids, END_CONCURRENCY, async (id) => {
    await client.conversations.delete(id, { hard });
    return 'deleted' as const;
  }, ctx.signal);
  reportResults(ctx, settled.map((s) => toResult(s.item, s)), {
    total: ids.length,
    verb: 'delete',
    pastVerb: 'deleted',
    summary: (counts) =>
      `Deleted ${counts.deleted ?? 0} conversation${counts.deleted === 1 ? '' : 's'}${hard ? ` and ${counts.deleted === 1 ? 'its' : 'their'} assets` : ''}.`,
  });
}
