// Why a conversation ended, read rather than echoed: Tavus's documented shutdown reasons sorted into
// normal endings and failures. Everything that shows an ending (`start --wait`, `conversation get`,
// `smoke`) asks this table, so a startup exception can never read as a clean ending.
//
// Source: https://docs.tavus.io/sections/webhooks-and-callbacks (system.shutdown), which lists the
// reasons with spaces ("max_call_duration reached"); the API and the verbose conversation examples
// use underscores ("participant_left_timeout"). Both spellings are matched.

import { tavusTenCommand, type TargetFlags } from '../shell-command.js';

export type ShutdownKind = 'normal' | 'failure' | 'unknown';

export interface ShutdownVerdict {
  /** The reason exactly as Tavus gave it (shown as it is). */
  reason: string;
  kind: ShutdownKind;
  /** One line for people: what the reason means. */
  meaning: string;
}

interface Entry {
  /** The normalised reason (see normalise), or its start for reasons with a variable tail. */
  match: string;
  prefix?: boolean;
  kind: Exclude<ShutdownKind, 'unknown'>;
  meaning: string;
}

/** Tavus's documented reasons, plus the two this project's emulator adds (marked). */
export const SHUTDOWN_REASONS: readonly Entry[] = [
  { match: 'max_call_duration', kind: 'normal', meaning: 'it reached its max_call_duration' },
  { match: 'participant_left_timeout', kind: 'normal', meaning: 'everyone left (participant_left_timeout)' },
  { match: 'participant_absent_timeout', kind: 'normal', meaning: 'nobody joined in time (participant_absent_timeout)' },
  { match: 'end_conversation_endpoint_hit', kind: 'normal', meaning: 'it was ended through the API (conversation end)' },
  { match: 'bot_could_not_join_meeting_it_was_probably_ended', kind: 'failure', meaning: 'the replica could not join the room' },
  { match: 'daily_room_has_been_deleted', kind: 'failure', meaning: 'the room was deleted under it' },
  { match: 'exception_encountered_during_conversation_startup', kind: 'failure', meaning: 'Tavus hit an error while starting it (often a persona, objectives or guardrails problem)' },
  { match: 'internal_error', prefix: true, kind: 'failure', meaning: 'Tavus hit an internal error' },
  // The emulator's: a test_mode conversation is created ended; a LiveKit avatar that could not join.
  { match: 'test_mode', kind: 'normal', meaning: 'test_mode: created ended, nothing billed' },
  { match: 'livekit_join_failed', prefix: true, kind: 'failure', meaning: 'the avatar could not join the LiveKit room' },
];

/** "max_call_duration reached" and "max_call_duration_reached" → "max_call_duration". */
function normalise(reason: string): string {
  return reason
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/_reached$/, '');
}

/**
 * Sorts a shutdown reason. An unknown reason is `unknown` (show it as it is, with a warning): never
 * assumed normal. `undefined` (Tavus gave none) is unknown too.
 */
export function classifyShutdown(reason: string | undefined): ShutdownVerdict {
  if (reason === undefined || reason.trim() === '') {
    return { reason: reason ?? '', kind: 'unknown', meaning: 'Tavus gave no shutdown reason' };
  }
  const key = normalise(reason);
  const entry = SHUTDOWN_REASONS.find((candidate) => (candidate.prefix ? key.startsWith(candidate.match) : key === candidate.match));
  if (!entry) return { reason, kind: 'unknown', meaning: 'a shutdown reason tavus-ten does not know' };
  return { reason, kind: entry.kind, meaning: entry.meaning };
}

/** The hint every failed or unknown ending carries; `target`: the flags that chose the API, for the command to reach it too. */
export function shutdownHint(conversationId: string, target?: TargetFlags): string {
  return `See what happened: ${tavusTenCommand(['conversation', 'get', conversationId, '--events'], target)}`;
}
