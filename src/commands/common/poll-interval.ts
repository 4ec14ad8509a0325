// The hidden `--poll-interval <ms>` of the commands that --wait (tests use it to wait less): how often
// they ask for the status. Each command keeps its own default.
import * as z from '../../zod.js';
import { checkedBy, numberFlag } from '../../flags.js';
import { option } from '../kit.js';

/** `--poll-interval MS`, 10 to 60000, `defaultMs` when not given. */
export function pollIntervalOption(defaultMs: number) {
  const schema = z.pipe(
    checkedBy((value) => numberFlag(value, '--poll-interval', { min: 10, max: 60_000, unit: 'milliseconds', example: '500' })),
    z.transform((ms) => ms ?? defaultMs),
  );
  return option('--poll-interval <ms>', 'how often --wait checks the status', schema, { hidden: true });
}
