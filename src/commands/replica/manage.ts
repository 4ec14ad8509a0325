// `replica rename ID NAME` (PATCH /replicas/{id}/name) and `replica delete ID...` (guarded; `--hard`
// also removes the training footage).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { action, examples } from '../../program.js';
import { deleteIds } from '../common/delete-ids.js';
import { optionalText, resourceId } from '../common/parse.js';

export function registerReplicaManage(replica: Command, runtime: Runtime): void {
  examples(
    replica.command('rename').argument('<id>', 'replica id').argument('<name>', 'the new replica_name').description('rename a replica'),
    ['tavus-ten replica rename r1234567890a "Support agent"'],
  ).action(
    action(runtime, async (ctx, _opts, rawId: string, rawName: string) => {
      const id = resourceId(rawId, 'replica id');
      const name = optionalText(rawName, 'the new name', 1000)!;
      await (await ctx.client()).replicas.rename(id, name);
      const { output } = ctx;
      if (output.json) output.printJson({ replica_id: id, replica_name: name });
      else if (output.quiet) output.printIds([id]);
      else output.success(`Renamed replica ${id} to ${JSON.stringify(name)}.`);
    }),
  );

  examples(
    replica
      .command('delete')
      .alias('rm')
      .argument('<ids...>', 'one or more replica ids')
      .description('delete replicas (asks first on a terminal; --yes otherwise)')
      .option('--hard', 'also delete the training footage (irrevocable)'),
    ['tavus-ten replica delete r1234567890a', 'tavus-ten replica delete r1234567890a --hard --yes --json'],
  ).action(
    action(runtime, async (ctx, opts, ids: string[]) => {
      const client = await ctx.client();
      return deleteIds(ctx, ids, {
        noun: 'replica',
        idField: 'replica_id',
        warning: opts.hard === true ? 'Its training footage is deleted too.' : undefined,
        remove: (id) => client.replicas.delete(id, { hard: opts.hard === true }),
      });
    }),
  );
}
