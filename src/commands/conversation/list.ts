// `conversation list`: conversations newest first, optionally only the active or the ended ones.
import type { Command } from 'commander';
import type { Conversation } from '../../api/client.js';
import type { Context, Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { addPagingOptions, printList, readPagingOptions } from '../common/list.js';
import { oneOf } from '../../flags.js';

const STATUSES = ['active', 'ended'] as const;

export function registerListCommand(group: Command, runtime: Runtime): void {
  examples(
    addPagingOptions(group.command('list').alias('ls').description('list conversations')).option('--status <status>', 'only active or ended conversations'),
    [
      'tavus-ten conversation list --status active          # what is holding your concurrency slots',
      'tavus-ten conversation list --all --json',
      'tavus-ten conversation list --status active --all -q',
    ],
  ).action(action(runtime, (ctx, opts) => runList(ctx, opts)));
}

async function runList(ctx: Context, opts: Record<string, unknown>): Promise<void> {
  const status = oneOf(opts.status, '--status', STATUSES);
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
}
