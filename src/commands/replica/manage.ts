// `replica rename ID NAME` (PATCH /replicas/{id}/name) and `replica delete ID...` (guarded; `--hard`
// also removes the training footage).
import * as z from 'zod/mini';
import { optionalText, resourceId } from '../../flags.js';
import { deleteIds } from '../common/delete-ids.js';
import { defineCommand, option } from '../kit.js';

export const replicaRename = defineCommand({
  names: ['rename'],
  description: 'rename a replica',
  args: [
    { name: '<id>', description: 'replica id' },
    { name: '<name>', description: 'the new replica_name' },
  ],
  examples: ['tavus-ten replica rename r1234567890a "Support agent"'],
  handler: async (ctx, _opts, [rawId, rawName]) => {
    const id = resourceId(rawId, 'replica id');
    const name = optionalText(rawName, 'the new name', 1000)!;
    await (await ctx.client()).replicas.rename(id, name);
    const { output } = ctx;
    if (output.json) output.printJson({ replica_id: id, replica_name: name });
    else if (output.quiet) output.printIds([id]);
    else output.success(`Renamed replica ${id} to ${JSON.stringify(name)}.`);
  },
});

export const replicaDelete = defineCommand({
  names: ['delete', 'rm'],
  description: 'delete replicas (asks first on a terminal; --yes otherwise)',
  args: [{ name: '<ids...>', description: 'one or more replica ids' }],
  options: {
    hard: option('--hard', 'also delete the training footage (irrevocable)', z.optional(z.boolean())),
  },
  examples: ['tavus-ten replica delete r1234567890a', 'tavus-ten replica delete r1234567890a --hard --yes --json'],
  handler: (ctx, opts, [ids]) => {
    const hard = opts.hard === true;
    return deleteIds(ctx, ids, {
      noun: 'replica',
      idField: 'replica_id',
      alsoDeletes: hard ? 'training footage' : undefined,
      remove: (client, id) => client.replicas.delete(id, { hard }),
      lookup: (client, id) => client.replicas.get(id),
    });
  },
});
