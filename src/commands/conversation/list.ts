// `conversation list`: conversations newest first, optionally only the active or the ended ones.
import * as z from '../../zod.js';
import type { Conversation } from '../../api/client.js';
import { defineCommand, option } from '../kit.js';
import { PAGING_OPTIONS, printList, readPagingOptions } from '../common/list.js';

const STATUSES = ['active', 'ended'] as const;

export const conversationList = defineCommand({
  names: ['list', 'ls'],
  description: 'list conversations',
  options: {
    ...PAGING_OPTIONS,
    status: option('--status <status>', 'only active or ended conversations', z.optional(z.enum(STATUSES)), { fix: `Use one of: ${STATUSES.join(', ')}.` }),
  },
  examples: [
    'tavus-ten conversation list --status active          # what is holding your concurrency slots',
    'tavus-ten conversation list --all --json',
    'tavus-ten conversation list --status active --all -q',
  ],
  handler: async (ctx, opts) => {
    const { status } = opts;
    const paging = readPagingOptions(opts);
    const client = await ctx.client();
    await printList<Conversation>(ctx, {
      paging,
      noun: status ? `${status} conversations` : 'conversations',
      fetchPage: (q) => client.conversations.list({ ...q, status }),
      fetchAll: () => client.conversations.all({ status }),
      id: (c) => c.conversation_id,
      columns: [
        { header: 'id', value: (c) => c.conversation_id },
        { header: 'name', value: (c) => c.conversation_name },
        { header: 'status', value: (c) => c.status },
        { header: 'replica', value: (c) => c.replica_id },
        { header: 'persona', value: (c) => c.persona_id },
        { header: 'created', value: (c) => c.created_at },
      ],
    });
  },
});
