// A request body from a JSON file (`--file`, `apply FILE`), checked with the resource's zod schema
// before anything is sent: the first problem is exit 2 naming the file, the field's path and the fix.
import * as z from '../../zod.js';
import { UsageError } from '../../errors.js';
import type { Context } from '../../context.js';
import { fieldPath, wrongTypeText } from './field-path.js';
import { readJsonInput } from './files.js';
import { nearMiss } from './near-miss.js';
import { andList } from '../../io/sentence.js';

/** Checks `value` (found at `prefix` in `where`) against `schema`; throws exit 2 naming the field. */
export function checkBody<T>(schema: z.core.$ZodType<T>, value: unknown, where: string, prefix: PropertyKey[] = [], hint?: string): T {
  const checked = z.safeParse(schema, value);
  if (checked.success) return checked.data;
  // A misspelt field leaves its right spelling missing too: the typo, with its "did you mean", is what to name.
  const issue = checked.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? checked.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw unknownFields(issue.keys, fieldsAt(schema, issue.path), where, [...prefix, ...issue.path]);
  const at = fieldPath([...prefix, ...issue.path]);
  const message = issue.code !== 'invalid_type' ? issue.message : (wrongTypeText(issue, value) ?? 'missing');
  throw new UsageError(`${where}: ${at}: ${message}.`, { hint: hint ?? `Fix ${at} in ${where}.` });
}

/**
 * Fields a strict schema does not take, each by its path in the file, with "did you mean" for a near
 * miss (`tag` for `tags`), as persona fields get it; the hint renames or removes them.
 */
function unknownFields(keys: readonly string[], known: readonly string[], where: string, at: PropertyKey[]): UsageError {
  const paths = keys.map((key) => fieldPath([...at, key]));
  const renames = keys.flatMap((key) => {
    const near = nearMiss(key, known);
    return near === undefined ? [] : [{ key, near }];
  });
  const others = keys.filter((key) => !renames.some((rename) => rename.key === key));
  const one = keys.length === 1;
  const meant = renames.length === 0 ? '.' : `; did you mean ${one ? renames[0]!.near : andList(renames.map(({ key, near }) => `${near} for ${key}`))}?`;
  const fixes = [
    ...(renames.length ? [`Rename ${andList(renames.map(({ key, near }) => `${key} to "${near}"`))}`] : []),
    ...(others.length ? [`${renames.length ? 'remove' : 'Remove'} ${andList(others)}`] : []),
  ];
  // Without a near miss, what the place does take says what was meant.
  const takes = others.length && known.length ? ` ${at.length ? fieldPath(at) : where} takes ${andList([...known])}.` : '';
  return new UsageError(`${where}: ${andList(paths)} ${one ? 'is not a known field' : 'are not known fields'}${meant}`, {
    hint: `${fixes.join(' and ')} in ${where}.${takes}`,
  });
}

/** The fields the object at `path` declares, through optional values, array items and pipes (zod's definitions, as kit.ts reads them). */
function fieldsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  type Def = { type?: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; innerType?: z.core.$ZodType; in?: z.core.$ZodType; getter?: () => z.core.$ZodType };
  const defOf = (node: z.core.$ZodType | undefined) => (node as { def?: Def } | undefined)?.def;
  const unwrap = (def: Def | undefined): Def | undefined => {
    while (def) {
      const inner = def.innerType ?? def.in ?? def.getter?.();
      if (inner === undefined || def.type === 'object' || def.type === 'array') return def;
      def = defOf(inner);
    }
    return def;
  };
  let def = unwrap(defOf(schema));
  for (const key of path) {
    def = unwrap(defOf(typeof key === 'number' ? def?.element : def?.shape?.[String(key)]));
  }
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Reads `path` (- for stdin) as JSON and checks it; `flag` names where it came from in messages. */
export async function readBodyFile<T>(ctx: Context, path: string, flag: string, schema: z.core.$ZodType<T>, hint?: string): Promise<T> {
  const raw = await readJsonInput({ cwd: ctx.cwd, stdin: ctx.io.stdin }, path, flag);
  return checkBody(schema, raw, `${flag} ${path === '-' ? 'stdin' : path}`, [], hint);
}
