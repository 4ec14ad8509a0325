// The three timeouts that end a conversation by themselves, on the emulator's clock:
// max_call_duration (from creation), participant_absent_timeout (from creation, until a participant
// joins) and participant_left_timeout (from when the last participant left). Applied lazily on each
// request and by one unref'd timer armed for the earliest deadline, so listeners hear of an end promptly.
import { endConversationRecord, SHUTDOWN_REASON } from './conversation-lifecycle.js';
import type { StoredConversation } from './types.js';
import type { World } from './world.js';

export interface Deadline {
  atMs: number;
  reason: string;
}

/** When and why an active conversation will end by itself; undefined once it has ended. */
export function deadlineOf(c: StoredConversation): Deadline | undefined {
  if (c.status !== 'active') return undefined;
  let deadline: Deadline = { atMs: c.createdAtMs + c.maxCallDurationS * 1000, reason: SHUTDOWN_REASON.maxCallDuration };
  const consider = (atMs: number, reason: string) => {
    if (atMs < deadline.atMs) deadline = { atMs, reason };
  };
  if (c.firstParticipantAtMs === undefined) consider(c.createdAtMs + c.absentTimeoutS * 1000, SHUTDOWN_REASON.participantAbsent);
  else if (c.participants.length === 0 && c.lastLeftAtMs !== undefined) {
    consider(c.lastLeftAtMs + c.leftTimeoutS * 1000, SHUTDOWN_REASON.participantLeft);
  }
  return deadline;
}

/** Ends every active conversation whose deadline has passed, dated at its deadline. */
export function expireConversations(world: World): void {
  const nowMs = world.now();
  for (const c of world.state.conversations.values()) {
    const deadline = deadlineOf(c);
    if (deadline && nowMs >= deadline.atMs) endConversationRecord(world, c, deadline.reason, deadline.atMs);
  }
}

function earliestDeadlineMs(world: World): number | undefined {
  let earliest: number | undefined;
  for (const c of world.state.conversations.values()) {
    const atMs = deadlineOf(c)?.atMs;
    if (atMs !== undefined && (earliest === undefined || atMs < earliest)) earliest = atMs;
  }
  return earliest;
}

/** setTimeout's ceiling (about 24.8 days); a later deadline re-arms when this fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One timer for the earliest deadline. Call arm() after anything that may move a deadline. */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly world: World) {}

  arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    expireConversations(this.world);
    const next = earliestDeadlineMs(this.world);
    if (next === undefined) return;
    // +1 ms so the emulated clock is past the deadline when the timer fires, not a hair short of it.
    const delay = Math.min(MAX_TIMER_MS, Math.ceil(this.world.clock.realMsUntil(next)) + 1);
    this.timer = setTimeout(() => this.arm(), delay);
    this.timer.unref(); // never keeps a process alive
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
