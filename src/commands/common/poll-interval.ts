// The hidden `--poll-interval <ms>` of the commands that --wait (tests use it to wait less): how often
// they ask for the status. Each command keeps its own default.
import * as z from '../../zod.js';
import { option } from '../kit.js';

/** `--poll-interval MS`, 10 to 60000, `defaultMs` when not given. */
export function pollIntervalOption(defaultMs: number) {
  const schema = z._default(z.coerce.number().check(z.int(), z.gte(10, 'at least 10 ms'), z.lte(60_000, 'at most 60000 ms')), defaultMs);
  return option('--poll-interval <ms>', 'how often --wait checks the status', schema, { hidden: true, fix: 'Pass milliseconds from 10 to 60000.' });
}
