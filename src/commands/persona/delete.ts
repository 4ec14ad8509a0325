// `persona delete ID...`: confirmed on a TTY (default No), `--yes` otherwise; each id gets a result,
// and the exit code is the first failure's (4 for an unknown id).
import type { Command } from 'commander';
import { TavusTenError, type ErrorJson } from '../../errors.js';
import type { Context, Runtime } from '../../context.js';
import { action, examples } from '../kit.js';
import { resourceId } from '../../flags.js';

export interface DeleteResult {
  persona_id: string;
  result: 'deleted' | 'failed';
  error?: ErrorJson;
}

export function registerPersonaDelete(persona: Command, runtime: Runtime): void {
  examples(
    persona
      .command('delete')
      .alias('rm')
      .argument('<ids...>', 'one or more persona ids')
      .description('delete personas (asks first on a terminal; --yes otherwise)'),
    ['tavus-ten persona delete p1234567890a', 'tavus-ten persona delete p1234567890a p0987654321b --yes --json'],
  ).action(action(runtime, (ctx, _opts, ids: string[]) => deleteCommand(ctx, ids)));
}

async function deleteCommand(ctx: Context, rawIds: string[]): Promise<number | void> {
  const { output } = ctx;
  const ids = [...new Set(rawIds.map((id) => resourceId(id, 'persona id')))];
  if (!ctx.global.yes) {
    const what = ids.length === 1 ? `persona ${ids[0]}` : `${ids.length} personas (${ids.join(', ')})`;
    const yes = await ctx.prompter.confirm({ message: `Delete ${what}? This cannot be undone.`, default: false });
    if (!yes) {
      output.info('Nothing deleted.');
      return;
    }
  }

  const client = await ctx.client();
  const results: DeleteResult[] = [];
  let exitCode: number | undefined;
  for (const id of ids) {
    try {
      await client.personas.delete(id);
      results.push({ persona_id: id, result: 'deleted' });
      output.success(`Deleted persona ${id}.`);
    } catch (error) {
      if (!(error instanceof TavusTenError) || error.code === 'interrupted' || error.code === 'auth_error' || error.code === 'config_error') throw error;
      results.push({ persona_id: id, result: 'failed', error: error.toJSON() });
      output.error(error.toJSON());
      exitCode ??= error.exitCode;
    }
  }
  if (output.json) output.printJson(results);
  else if (output.quiet) output.printIds(results.filter((r) => r.result === 'deleted').map((r) => r.persona_id));
  return exitCode;
}
