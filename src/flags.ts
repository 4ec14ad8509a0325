// Flag values checked before anything is sent: a bad value is exit 2 naming the flag and the fix.
import * as z from 'zod/mini';
import { UsageError } from './errors.js';

/** Parses `value` with `schema`; on failure throws a UsageError that names `flag`. */
export function parseFlag<T>(schema: z.core.$ZodType<T>, value: unknown, flag: string, fix: string): T {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return parsed.data;
  // A 100 KB value is not worth repeating back in full: enough of it to recognise.
  const text = typeof value === 'string' && value.length > 60 ? `${value.slice(0, 40)}… (${value.length} characters)` : value;
  const shown = typeof text === 'string' ? JSON.stringify(text) : String(text);
  throw new UsageError(`Invalid value ${shown} for ${flag}: ${parsed.error.issues[0]!.message}.`, { hint: fix });
}

/**
 * A check of this file as a defineCommand option schema (src/commands/kit.ts), e.g.
 * `checkedBy((value) => durationSeconds(value, '--ttl'))`: the flag is checked with the command's other
 * options, before its handler runs, and a refusal keeps the check's own message and fix. A flag not
 * given (undefined) is not checked: it stays undefined.
 */
export function checkedBy<T>(check: (value: unknown) => T) {
  return z.pipe(
    z.unknown(),
    z.transform((value) => (value === undefined ? undefined : check(value))),
  );
}

// Number typed as text: `42` (or `4.2` with fractions), not `0x2a`, `4e1` or an empty string, which
// Number() would take. A minus goes through to the range check, which says what the floor is.
const integerText = z.pipe(z.string().check(z.trim(), z.regex(/^-?\d+$/, 'expected a whole number')), z.transform(Number));
const decimalText = z.pipe(z.string().check(z.trim(), z.regex(/^-?\d+(\.\d+)?$/, 'expected a number')), z.transform(Number));

/** What a numeric flag accepts: `min` to `max` (both included), or anything `above` a bound; whole unless `fractions`. */
export interface NumberRange {
  min?: number;
  max?: number;
  /** Instead of `min`: the value must be more than this (0 for a scale, where 0.5 means something and 0 does not). */
  above?: number;
  fractions?: boolean;
  /** Named in the hint: `a whole number of milliseconds from 0 to 60000`. */
  unit?: string;
  /** What follows the flag in the hint's example (`--port 8787`); default: a value in range. */
  example?: string;
}

/** A port to listen on (`--port`): 0 lets the system pick a free one. */
export const PORT_RANGE: NumberRange = { min: 0, max: 65_535, example: '8787, or 0 for a free one' };

/**
 * A number from a flag (`--limit`, `--port`, `--latency`…), refused in plain words (`expected a whole number`,
 * `it must be at most 100`) with a hint naming the accepted range: every numeric flag says it the same way.
 * A flag with a default is always text (`z.string().transform((value) => numberFlag(value, …))` is a number).
 */
export function numberFlag(value: string, flag: string, range?: NumberRange): number;
export function numberFlag(value: unknown, flag: string, range?: NumberRange): number | undefined;
export function numberFlag(value: unknown, flag: string, range: NumberRange = {}): number | undefined {
  if (value === undefined) return undefined;
  const { min = 1, max = Number.MAX_SAFE_INTEGER, above, fractions = false, unit } = range;
  // Without a real upper bound, the hint names none (no one needs to read 9007199254740991).
  const bounded = max < Number.MAX_SAFE_INTEGER;
  const text = fractions ? decimalText : integerText;
  const lowest = above === undefined ? z.gte(min, `it must be ${min} or more`) : z.gt(above, `it must be more than ${above}`);
  const schema = z.number().check(lowest, z.lte(max, bounded ? `it must be at most ${max}` : 'it is too large'));
  const kind = `${fractions ? 'a number' : 'a whole number'}${unit ? ` of ${unit}` : ''}`;
  const span =
    above !== undefined ? `above ${above}${bounded ? ` and at most ${max}` : ''}` : bounded ? `from ${min} to ${max}` : `of ${min} or more`;
  const example = range.example ?? String(bounded ? Math.max(min, Math.min(10, max)) : min + 1);
  return parseFlag(z.pipe(text, schema), value, flag, `Pass ${kind} ${span}, e.g. ${flag} ${example}.`);
}

/** An id given on the command line: non-empty, no spaces, no slashes (it goes into a URL path). */
export function resourceId(value: unknown, what: string): string {
  return parseFlag(
    z.string().check(z.trim(), z.minLength(1, 'it is empty'), z.maxLength(128, 'it is too long'), z.regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "_" and "-"')),
    value,
    what,
    `Pass the ${what} as printed by the list command.`,
  );
}

/** Durations like 90, 90s, 10m, 1h30m, 2d → seconds. */
export function durationSeconds(value: unknown, flag: string): number | undefined {
  const seconds = anyDuration(value, flag);
  // 0 as 0s: the same message and hint as every other zero duration.
  if (seconds === 0) throw new UsageError(`The duration for ${flag} must be more than zero.`, { hint: durationFix(flag) });
  return seconds;
}

/** A duration flag that may be 0 (e.g. a timeout whose documented default is 0), else as durationSeconds. */
export function durationOrZero(value: unknown, flag: string): number | undefined {
  return anyDuration(value, flag);
}

function durationFix(flag: string): string {
  return `Use a duration such as 90s, 10m, 1h or 1h30m for ${flag}.`;
}

/** Durations in seconds, 0 included: whole numbers, or parts with units (1h30m). */
function anyDuration(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  const fix = durationFix(flag);
  if (/^\d+$/.test(text)) {
    if (Number(text) === 0) return 0;
    return numberFlag(text, flag);
  }
  const parts = [...text.matchAll(/(\d+)\s*([smhd])/g)];
  if (parts.length === 0 || parts.map((m) => m[0]).join('') !== text.replace(/\s+/g, '')) {
    throw new UsageError(`Invalid duration ${JSON.stringify(text)} for ${flag}.`, { hint: fix });
  }
  const seconds = parts.reduce((sum, m) => sum + Number(m[1]) * units[m[2]!]!, 0);
  // 99999999999999999999d is no duration anyone means, and not a number JSON carries exactly.
  if (!Number.isSafeInteger(seconds)) throw new UsageError(`The duration for ${flag} is too large.`, { hint: fix });
  return seconds;
}

/** Free text from a flag (a name, a greeting): trimmed, not empty, bounded. */
export function optionalText(value: unknown, flag: string, max = 10_000): string | undefined {
  if (value === undefined) return undefined;
  return parseFlag(z.string().check(z.trim(), z.minLength(1, 'it is empty'), z.maxLength(max, `it is longer than ${max} characters`)), value, flag, `Pass a non-empty value for ${flag}, or leave it out.`);
}

/** An http(s) URL from a flag, e.g. a callback URL Tavus will POST to; `example` is one for the hint. */
export function httpUrl(value: unknown, flag: string, example = 'https://example.com/tavus/callback'): string | undefined {
  if (value === undefined) return undefined;
  return parseFlag(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }), typeof value === 'string' ? value.trim() : value, flag, `Pass a full URL such as ${example} for ${flag}.`);
}

/**
 * A LiveKit room name or participant identity: what the token grants and LiveKit matches exactly.
 * Empty or blank is the classic silent failure (the token joins no room), so it is refused here.
 */
export function livekitName(value: unknown, flag: string, example: string, fix = `Pass ${flag} ${example}.`): string {
  return parseFlag(
    z.string().check(
      z.trim(),
      z.minLength(1, 'it is empty'),
      z.maxLength(256, 'LiveKit allows at most 256 characters'),
      z.regex(/^[^\u0000-\u001f\u007f]+$/, 'it contains control characters'),
    ),
    value,
    flag,
    fix,
  );
}

/** A duration flag (see durationSeconds) with an upper bound. */
export function boundedDuration(value: unknown, flag: string, maxSeconds: number, maxText: string): number | undefined {
  if (value !== undefined && /^\s*0+\s*$/.test(String(value))) {
    throw new UsageError(`The duration for ${flag} must be more than zero.`, { hint: `Use a duration such as 90s, 10m or 1h for ${flag}.` });
  }
  const seconds = durationSeconds(value, flag);
  if (seconds !== undefined && seconds > maxSeconds) {
    throw new UsageError(`The duration for ${flag} is more than ${maxText}.`, { hint: `Use a duration of at most ${maxText}, e.g. ${flag} 1h.` });
  }
  return seconds;
}

/**
 * A secret read from a prompt or stdin (API key, LiveKit secret): trimmed, non-empty, one token.
 * Unlike parseFlag, the error never shows the value.
 */
export function secretValue(value: string, what: string, fix: string): string {
  const parsed = z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'it is empty'),
      z.maxLength(1024, 'it is longer than 1024 characters'),
      z.regex(/^[\x21-\x7e]+$/, 'it contains spaces or characters that are not printable ASCII'),
    )
    .safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UsageError(`Invalid ${what}: ${parsed.error.issues[0]!.message} (the value is not shown).`, { hint: fix });
}

/** A LiveKit-only flag (`--room`, `--agent-identity`, …) given without `--transport livekit`. */
export function livekitOnlyFlag(flag: string): UsageError {
  return new UsageError(`${flag} goes with --transport livekit.`, { hint: 'Add --transport livekit, or drop the flag.' });
}
