// The three timeouts of every conversation tavus-ten starts: the safe values it sends unless the user
// overrides them (Tavus's own defaults, an hour and never ending when the person leaves, bill for
// abandoned calls), and the range of each flag that overrides them, as Tavus documents it.
import { UsageError } from '../errors.js';
import { durationOrZero, durationSeconds } from '../flags.js';

export const SAFE_CONVERSATION_PROPERTIES = {
  max_call_duration: 900,
  participant_absent_timeout: 120,
  participant_left_timeout: 30,
} as const;

/**
 * The longest call Tavus documents: "max_call_duration … Maximum: 3600 seconds"
 * (docs.tavus.io, Conversation › Customizations › Call Duration and Timeout).
 */
export const MAX_CALL_DURATION_LIMIT_S = 3600;

/** --max-duration (max_call_duration): 1 s up to Tavus's documented maximum. */
export function maxCallDurationFlag(value: unknown, flag = '--max-duration'): number | undefined {
  const seconds = durationSeconds(value, flag);
  if (seconds !== undefined && seconds > MAX_CALL_DURATION_LIMIT_S) {
    throw new UsageError(`The duration for ${flag} must be from 1s to 1h (${MAX_CALL_DURATION_LIMIT_S} s), the longest call Tavus documents.`, {
      hint: `Use e.g. ${flag} 15m or ${flag} 1h.`,
    });
  }
  return seconds;
}

/** --absent-timeout (participant_absent_timeout): counted from the create, so 0 would leave nobody time to join. */
export function absentTimeoutFlag(value: unknown, flag = '--absent-timeout'): number | undefined {
  const seconds = durationOrZero(value, flag);
  if (seconds === 0) {
    throw new UsageError(`The duration for ${flag} must be more than zero: 0 would end the conversation before anyone could join.`, {
      hint: `Use e.g. ${flag} 2m (Tavus's own default is 5m).`,
    });
  }
  return seconds;
}

/** --left-timeout (participant_left_timeout): 0 is Tavus's documented default, ending the call as the last person leaves. */
export function leftTimeoutFlag(value: unknown, flag = '--left-timeout'): number | undefined {
  return durationOrZero(value, flag);
}
