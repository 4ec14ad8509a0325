// `replica list` and `replica get`: the stock and trained faces a conversation can use; training a
// new one (replica/create.ts), renaming and deleting (replica/manage.ts).
import type { Command } from 'commander';
import type { Replica } from '../api/client.js';
import type { Runtime } from '../context.js';
import * as z from '../zod.js';
import { addCommands, defineCommand, examples, option } from './kit.js';
import { PAGING_OPTIONS, printList, readPagingOptions } from './common/list.js';
import { resourceId } from '../flags.js';
import { replicaCreate } from './replica/create.js';
import { replicaDelete, replicaRename } from './replica/manage.js';
import { replicaNotReady } from './common/replica-status.js';

const REPLICA_TYPES = ['user', 'system'] as const;

export function registerReplicaCommands(program: Command, runtime: Runtime): void {
  const replica = program
    .command('replica');
  examples(replica, ['tavus-ten replica list --mock', 'tavus-ten replica get r90bbd427f71 --json', 'tavus-ten replica create --train-video-url URL --wait']);
  addCommands(replica, runtime, [replicaList, replicaGet, replicaCreate, replicaRename, replicaDelete]);
}

const replicaList = defineCommand({
  names: ['list', 'ls'],
  description: 'list replicas',
  options: {
    ...PAGING_OPTIONS,
    type: option('--type <type>', 'only user (your trained) or system (stock) replicas', z.optional(z.enum(REPLICA_TYPES)), {
      fix: `Use one of: ${REPLICA_TYPES.join(', ')}.`,
    }),
  },
  examples: ['tavus-ten replica list', 'tavus-ten replica list --type system --all --json', 'tavus-ten replica list -q --all'],
  handler: async (ctx, opts) => {
    const replicaType = opts.type;
    const paging = readPagingOptions(opts);
    const client = await ctx.client();
    await printList<Replica>(ctx, {
      paging,
      noun: 'replicas',
      fetchPage: (q) => client.replicas.list({ ...q, replica_type: replicaType, verbose: true }),
      fetchAll: () => client.replicas.all({ replica_type: replicaType, verbose: true }),
      id: (r) => r.replica_id,
      columns: [
        { header: 'id', value: (r) => r.replica_id },
        { header: 'name', value: (r) => r.replica_name },
        { header: 'status', value: (r) => ctx.output.chalk[statusColor(r.status)](r.status ?? '-') },
        { header: 'progress', value: (r) => r.training_progress },
        { header: 'type', value: (r) => r.replica_type },
        { header: 'created', value: (r) => r.created_at },
      ],
    });
  },
});

const replicaGet = defineCommand({
  names: ['get'],
  description: 'show one replica',
  args: [{ name: '<id>', description: 'replica id, e.g. r90bbd427f71' }],
  examples: ['tavus-ten replica get r90bbd427f71', 'tavus-ten replica get r90bbd427f71 --json'],
  handler: async (ctx, _opts, [id]) => {
    const replicaId = resourceId(id, 'replica id');
    const found = await (await ctx.client()).replicas.get(replicaId);
    const { output } = ctx;
    if (output.json) return output.printJson(found);
    if (output.quiet) return output.printIds([found.replica_id]);
    output.printFields([
      ['id', found.replica_id],
      ['name', found.replica_name],
      ['status', output.chalk[statusColor(found.status)](found.status ?? '-')],
      ['progress', found.training_progress],
      ['type', found.replica_type],
      ['model', found.model_name],
      ['created', found.created_at],
      ['updated', found.updated_at],
      ['error', found.error_message],
      ['thumbnail', found.thumbnail_video_url],
    ]);
    if (found.status && found.status !== 'completed') {
      output.warn(
        found.status === 'error'
          ? `This replica failed training and cannot talk${found.error_message ? `: ${found.error_message}` : '.'}`
          : `This replica ${replicaNotReady(found)}: only completed replicas can join a conversation.`,
      );
    }
  },
});

function statusColor(status: string | null | undefined): 'green' | 'yellow' | 'red' {
  if (status === 'completed') return 'green';
  if (status === 'error') return 'red';
  return 'yellow';
}
