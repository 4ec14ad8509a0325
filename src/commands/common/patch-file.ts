// `--patch-file PATH` (- for stdin): a JSON Patch array (RFC 6902), each operation checked before
// anything is sent; the first problem is exit 2 naming the file, the operation's field and the fix.
import type { JsonPatchOp } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import type { Context } from '../../context.js';
import { fieldPath } from './field-path.js';
import { readJsonInput } from './files.js';

/** How a command explains a patch it cannot send. */
export interface PatchFileChecks {
  /** One operation for this resource, shown when the file is not an array of them. */
  example: string;
  /** Checks an operation beyond its form (persona: its value against Tavus's schema); `where` names it. */
  checkOperation?: (operation: JsonPatchOp, where: string) => Promise<void>;
}

const OPERATION_FORM = 'Each operation is {"op": "add"|"remove"|"replace"|"move"|"copy"|"test", "path": "/json/pointer", "value": …} (RFC 6902).';

export async function readPatchFile(ctx: Context, path: string, checks: PatchFileChecks): Promise<JsonPatchOp[]> {
  const where = `--patch-file ${path === '-' ? 'stdin' : path}`;
  const raw = await readJsonInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, path, '--patch-file');
  if (!Array.isArray(raw)) {
    throw new UsageError(`${where}: a JSON Patch must be an array of operations, got ${raw === null ? 'null' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`}.`, {
      hint: `Write [${checks.example}] (RFC 6902).`,
    });
  }
  if (raw.length === 0) throw new UsageError(`${where}: the patch is empty.`, { hint: 'Add at least one operation.' });
  const { JsonPatchSchema } = await import('../../api/schemas.js');
  const checked = JsonPatchSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(`${where}: ${fieldPath(issue.path)}: ${issue.message}.`, { hint: OPERATION_FORM });
  }
  if (checks.checkOperation) {
    for (const [index, operation] of checked.data.entries()) await checks.checkOperation(operation, `${where} [${index}]`);
  }
  return checked.data;
}
