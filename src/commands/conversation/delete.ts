// `conversation delete ID... [--hard]`: remove conversations from the account (--hard also removes
// their assets), with the guarded delete every resource shares (common/delete-ids.ts).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { deleteIds } from '../common/delete-ids.js';
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
  ).action(
    action(runtime, (ctx, opts, ids: string[]) => {
      const hard = opts.hard === true;
      return deleteIds(ctx, ids, {
        noun: 'conversation',
        idField: 'conversation_id',
        alsoDeletes: hard ? 'assets (recordings, transcripts)' : undefined,
        // Clearing out hundreds of test conversations should take seconds, not minutes.
        concurrency: END_CONCURRENCY,
        remove: (client, id) => client.conversations.delete(id, { hard }),
      });
    }),
  );
}
