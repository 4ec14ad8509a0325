// `persona delete ID...`: the guarded delete every resource shares (common/delete-ids.ts).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { deleteIds } from '../common/delete-ids.js';

export function registerPersonaDelete(persona: Command, runtime: Runtime): void {
  examples(
    persona
      .command('delete')
      .alias('rm')
      .argument('<ids...>', 'one or more persona ids')
      .description('delete personas (asks first on a terminal; --yes otherwise)'),
    ['tavus-ten persona delete p1234567890a', 'tavus-ten persona delete p1234567890a p0987654321b --yes --json'],
  ).action(
    action(runtime, (ctx, _opts, ids: string[]) => deleteIds(ctx, ids, { noun: 'persona', idField: 'persona_id', remove: (client, id) => client.personas.delete(id) })),
  );
}
