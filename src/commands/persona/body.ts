// Persona bodies from files and flags, checked with the client's schemas before anything is sent:
// every problem is a UsageError (exit 2) naming the field, and the flag that sets it where there is one.
import type * as z from '../../zod.js';
import { UsageError } from '../../errors.js';
import { isSecretName } from '../../io/secret-fields.js';
import type { Persona, PersonaCreateBody } from '../../api/objects.js';
import { describeType, fieldPath, wrongTypeText } from '../common/field-path.js';
import { isPlainObject, pointerTokens } from '../common/json-patch.js';
import { nearMiss } from '../common/near-miss.js';
import { isReadOnlyField } from './patch.js';

export const PIPELINE_MODES = ['full', 'echo'] as const;
export const TRANSPORTS = ['daily', 'livekit'] as const;
export type PipelineMode = (typeof PIPELINE_MODES)[number];
export type Transport = (typeof TRANSPORTS)[number];

/** The client's schemas load with the first check, not with `--help`. */
const schemas = () => import('../../api/schemas.js');

/** The flag of `persona create` that sets a body field, for its messages (other commands have none). */
export const FLAG_FOR_FIELD: Record<string, string> = {
  persona_name: '--name',
  system_prompt: '--system-prompt',
  pipeline_mode: '--pipeline-mode',
  context: '--context',
  default_replica_id: '--replica',
  'layers.transport.transport_type': '--transport',
  layers: '--transport',
  'layers.transport': '--transport',
};

/**
 * A UsageError for the first zod issue, naming the field and where the value came from, and the flag
 * that sets it when the command has one (`flags`: only `persona create` has them; `apply` has none).
 */
export function invalidPersona(
  error: z.core.$ZodError,
  where: string,
  prefix: PropertyKey[] = [],
  input?: unknown,
  flags: Record<string, string> = {},
): UsageError {
  const issue = error.issues[0]!;
  const field = fieldPath(issue.path);
  const flag = flags[field];
  const at = fieldPath([...prefix, ...issue.path]);
  // Zod's "expected string, received number" becomes "must be a string (got a number)".
  const wrongType = wrongTypeText(issue, input);
  const problem = wrongType === undefined ? `${at}: ${issue.message}` : `${at} ${wrongType}`;
  return new UsageError(`Invalid persona${where ? ` in ${where}` : ''}: ${problem}.`, {
    hint: flag ? `Set ${field} with ${flag}${where ? ` or fix it in ${where}` : ''}.` : `Fix ${field}${where ? ` in ${where}` : ''} (see \`tavus-ten persona create --help\`).`,
  });
}

/**
 * A persona object from a file: must be a JSON object whose known fields have the right types.
 * Read-only fields (`persona_id`, `created_at`… as in `persona get --json`) are dropped and named.
 */
export async function readPersonaObject(
  value: unknown,
  where: string,
  prefix: PropertyKey[] = [],
  flags: Record<string, string> = {},
): Promise<{ body: Record<string, unknown>; dropped: string[]; nulls: string[] }> {
  if (!isPlainObject(value)) {
    const at = prefix.length ? ` ${fieldPath(prefix)}` : '';
    throw new UsageError(`Invalid persona in ${where}${at}: expected a JSON object, got ${describeType(value)}.`, {
      hint: 'A persona file holds an object such as {"persona_name": "...", "pipeline_mode": "echo"}.',
    });
  }
  const dropped = Object.keys(value).filter(isReadOnlyField);
  const nulls: string[] = [];
  const body = withoutNulls(Object.fromEntries(Object.entries(value).filter(([key]) => !isReadOnlyField(key))), [], nulls);
  const { PersonaCreateFieldsSchema } = await schemas();
  refuseMisspelledFields(body, Object.keys(PersonaCreateFieldsSchema.shape), where, prefix);
  // A blank prompt is judged with the mode (checkCreateBody): fine for echo, missing for full.
  const probe = isBlank(body.system_prompt) ? { ...body, system_prompt: undefined } : body;
  const checked = PersonaCreateFieldsSchema.safeParse(probe);
  if (!checked.success) throw invalidPersona(checked.error, where, prefix, probe, flags);
  return { body, dropped, nulls };
}

/**
 * A field Tavus may add is sent as it is, but one a letter or two from a known field is a typo that
 * Tavus would ignore without a word (`pipline_mode` makes a full persona): exit 2, naming the field.
 */
function refuseMisspelledFields(body: Record<string, unknown>, known: string[], where: string, prefix: PropertyKey[]): void {
  for (const field of Object.keys(body)) {
    if (known.includes(field)) continue;
    const near = nearMiss(field, known);
    if (near === undefined) continue;
    const at = fieldPath([...prefix, field]);
    throw new UsageError(`Invalid persona in ${where}: ${at} is not a persona field; did you mean ${near}?`, {
      hint: `Rename it to "${near}" in ${where}. Fields tavus-ten does not know are sent as they are; this one looks like a typo.`,
    });
  }
}

/**
 * Tavus answers `null` for unset optional fields (`context`, `layers.llm`…); in a body they mean
 * "not set", so a `persona get --json` copy can be sent back. `nulls` collects their paths. Arrays are kept as they are.
 */
function withoutNulls(object: Record<string, unknown>, at: string[], nulls: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === null) nulls.push([...at, key].join('.'));
    else out[key] = isPlainObject(value) ? withoutNulls(value, [...at, key], nulls) : value;
  }
  return out;
}

/** The whole create body, including the rule that full mode needs a system prompt. */
export async function checkCreateBody(
  given: Record<string, unknown>,
  where: string,
  prefix: PropertyKey[] = [],
  flags: Record<string, string> = {},
): Promise<PersonaCreateBody> {
  // An echo persona's prompt is unused: an empty one (what pipecat's persona script sends) is dropped, not refused.
  const body = given.pipeline_mode === 'echo' && isBlank(given.system_prompt)
    ? Object.fromEntries(Object.entries(given).filter(([key]) => key !== 'system_prompt'))
    : given;
  const checked = (await schemas()).PersonaCreateBodySchema.safeParse(body);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  if (issue.path.length === 1 && issue.path[0] === 'system_prompt' && (body.system_prompt === undefined || isBlank(body.system_prompt))) {
    const at = prefix.length ? `${fieldPath(prefix)}: ` : '';
    throw new UsageError(`${where ? `${where}: ` : ''}${at}a full-mode persona needs a system prompt.`, {
      hint: !where
        ? 'Pass --system-prompt TEXT or --system-prompt-file PATH (or system_prompt in --file), or --pipeline-mode echo for an echo persona.'
        : `Add "system_prompt" to the persona in ${where}, or "pipeline_mode": "echo".`,
    });
  }
  throw invalidPersona(checked.error, where, prefix, body, flags);
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/** `{a: {b: v}}` for `/a/b`, to check one `--set` value against the schema; undefined under arrays. */
function sparseObject(pointer: string, value: unknown): Record<string, unknown> | undefined {
  const tokens = pointerTokens(pointer);
  if (tokens.some((token) => token === '-' || /^\d+$/.test(token))) return undefined;
  return tokens.reduceRight<unknown>((inner, token) => ({ [token]: inner }), value) as Record<string, unknown>;
}

/**
 * Checks the value a patch puts at `pointer` against the persona schema where the schema knows the
 * field (`/pipeline_mode`, `/layers/transport/transport_type`…). `where` names the flag or file;
 * `flags` are the calling command's flags for body fields, named in the hint.
 */
export async function checkPatchValue(pointer: string, value: unknown, where: string, flags: Record<string, string> = {}): Promise<void> {
  const tokens = pointerTokens(pointer);
  if (tokens.length > 0 && isReadOnlyField(tokens[0]!)) {
    throw new UsageError(`${where}: ${pointer} is read-only (Tavus sets ${tokens[0]} itself).`, { hint: `Drop the change to ${pointer}.` });
  }
  const sparse = sparseObject(pointer, value);
  if (sparse === undefined) return;
  const checked = (await schemas()).PersonaCreateFieldsSchema.safeParse(sparse);
  if (checked.success) return;
  const issue = checked.error.issues[0]!;
  throw new UsageError(`${where}: invalid value for ${pointer}: ${issue.message}.`, {
    hint: `Fix the value for ${pointer}${flags[fieldPath(issue.path)] ? ` (or use ${flags[fieldPath(issue.path)]})` : ''}.`,
  });
}

/** Tavus's transport for a persona, when the persona names one. */
export function transportOf(persona: Pick<Persona, 'layers'> | Record<string, unknown>): string | undefined {
  const layers = (persona as { layers?: unknown }).layers;
  if (!isPlainObject(layers) || !isPlainObject(layers.transport)) return undefined;
  const type = layers.transport.transport_type;
  return typeof type === 'string' ? type : undefined;
}

/** `llm.model=…, transport.transport_type=livekit`: the leaves of a persona's layers, keys masked. */
export function layerSummary(layers: unknown, maskValue: (secret: string) => string): string | undefined {
  if (!isPlainObject(layers)) return undefined;
  const parts: string[] = [];
  const walk = (value: unknown, at: string[]) => {
    if (isPlainObject(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...at, key]);
      return;
    }
    if (value === null || value === undefined) return;
    const key = at[at.length - 1] ?? '';
    const shown = isSecretName(key) && typeof value === 'string' ? maskValue(value) : JSON.stringify(value);
    parts.push(`${at.join('.')}=${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}`);
  };
  walk(layers, []);
  return parts.length ? parts.join(', ') : undefined;
}
