// `conversation delete ID... [--hard]`: remove conversations from the account (--hard also removes
// their assets), with the guarded delete every resource shares (common/delete-ids.ts).
import * as z from '../../zod.js';
import { defineCommand, option } from '../kit.js';
import { deleteIds } from '../common/delete-ids.js';
import { END_CONCURRENCY } from './end.js';

export const conversationDelete = defineCommand({
  names: ['delete', 'rm'],
  description: 'delete conversations (asks first; --yes without a terminal)',
  args: [{ name: '<ids...>', description: 'conversation ids' }],
  options: {
    hard: option('--hard', 'also delete their assets (recordings, transcripts): cannot be undone (hard=true)', z.optional(z.boolean())),
  },
  examples: ['tavus-ten conversation delete c123456789ab', 'tavus-ten conversation delete c123456789ab c0987654321f --hard --yes'],
  handler: (ctx, opts, [ids]) => {
    const hard = opts.hard === true;
    return deleteIds(ctx, ids, {
      noun: 'conversation',
      idField: 'conversation_id',
      alsoDeletes: hard ? 'assets (recordings, transcripts)' : undefined,
      // Clearing out hundreds of test conversations should take seconds, not minutes.
      concurrency: END_CONCURRENCY,
      remove: (client, id) => client.conversations.delete(id, { hard }),
    });
  },
});
