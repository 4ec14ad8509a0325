// The per-request timeout's one rule, shared by --timeout, TAVUS_TEN_TIMEOUT, .env, the profile and
// `config set timeout`: seconds, more than 0 (fractions too: 0.5 is half a second), at most an hour.
import { z } from '../zod.js';
import { lazySchema } from '../api/lazy-schema.js';

export const MAX_TIMEOUT_SECONDS = 3600;

/** The rule in words, for hints and help: the same sentence wherever the timeout is refused. */
export const TIMEOUT_RULE = `a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (e.g. 30, or 0.5)`;

/** Text (a flag, a variable, a typed value) → seconds. */
export const timeoutSeconds = lazySchema(() => z.pipe(
  z.pipe(z.string().check(z.trim(), z.regex(/^\d+(\.\d+)?$/, 'expected a number of seconds')), z.transform(Number)),
  z.number().check(z.positive('it must be more than 0'), z.lte(MAX_TIMEOUT_SECONDS, `it must be at most ${MAX_TIMEOUT_SECONDS}`)),
));
