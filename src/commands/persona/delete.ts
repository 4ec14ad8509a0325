// `persona delete ID...`: the guarded delete every resource shares (common/delete-ids.ts).
import { defineCommand } from '../kit.js';
import { deleteIds } from '../common/delete-ids.js';

export const personaDelete = defineCommand({
  names: ['delete', 'rm'],
  description: 'delete personas (asks first on a terminal; --yes otherwise)',
  args: [{ name: '<ids...>', description: 'one or more persona ids' }],
  examples: ['tavus-ten persona delete p1234567890a', 'tavus-ten persona delete p1234567890a p0987654321b --yes --json'],
  handler: (ctx, _opts, [ids]) =>
    deleteIds(ctx, ids, {
      noun: 'persona',
      idField: 'persona_id',
      remove: (client, id) => client.personas.delete(id),
      lookup: (client, id) => client.personas.get(id),
    }),
});
