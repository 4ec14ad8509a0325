// A request body from a JSON file (`--file`, `apply FILE`), checked with the resource's zod schema
// before anything is sent: the first problem is exit 2 naming the file, the field's path and the fix.
import * as z from '../../zod.js';
import { UsageError } from '../../errors.js';
import type { Context } from '../../context.js';
import { fieldPath, wrongTypeText } from './field-path.js';
import { readJsonInput } from './files.js';

/** Checks `value` (found at `prefix` in `where`) against `schema`; throws exit 2 naming the field. */
export function checkBody<T>(schema: z.core.$ZodType<T>, value: unknown, where: string, prefix: PropertyKey[] = [], hint?: string): T {
  const checked = z.safeParse(schema, value);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  const at = fieldPath([...prefix, ...issue.path]);
  const unknownKeys = issue.code === 'unrecognized_keys' ? ` (unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')})` : '';
  const message = issue.code !== 'invalid_type' ? issue.message : (wrongTypeText(issue, value) ?? 'missing');
  throw new UsageError(`${where}: ${at}: ${message}${unknownKeys}.`, { hint: hint ?? `Fix ${at} in ${where}.` });
}

/** Reads `path` (- for stdin) as JSON and checks it; `flag` names where it came from in messages. */
export async function readBodyFile<T>(ctx: Context, path: string, flag: string, schema: z.core.$ZodType<T>, hint?: string): Promise<T> {
  const raw = await readJsonInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, path, flag);
  return checkBody(schema, raw, `${flag} ${path === '-' ? 'stdin' : path}`, [], hint);
}
