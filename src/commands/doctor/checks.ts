// What a check is (an id, pass/warn/fail/skip, one line, one fix), and the list that runs them:
// it times each one and turns a typed error into a failed check with the error's own hint.
import { InterruptedError, isTavusTenError } from '../../errors.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skip'];

/** What a check decides. */
export interface Outcome {
  status: CheckStatus;
  message: string;
  /** The one-line fix; none for a pass. */
  hint?: string;
}

/** The report's groups, in the order they are printed. */
export const GROUPS = ['Environment', 'Tavus', 'LiveKit', 'Names', 'TEN app', 'Conversation'] as const;
export type Group = (typeof GROUPS)[number];

export interface CheckResult {
  id: string;
  status: CheckStatus;
  message: string;
  hint: string | null;
  group: Group;
  durationMs: number;
}

export const pass = (message: string, hint?: string): Outcome => ({ status: 'pass', message, hint });
export const warn = (message: string, hint: string): Outcome => ({ status: 'warn', message, hint });
export const fail = (message: string, hint: string): Outcome => ({ status: 'fail', message, hint });
export const skip = (message: string, hint?: string): Outcome => ({ status: 'skip', message, hint });

export class CheckList {
  private readonly results: CheckResult[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs one check; a TavusTenError becomes a failed check, Ctrl-C and bugs propagate. */
  async run(group: Group, id: string, check: () => Outcome | Promise<Outcome>): Promise<CheckResult> {
    const started = this.now();
    let outcome: Outcome;
    try {
      outcome = await check();
    } catch (error) {
      if (error instanceof InterruptedError || !isTavusTenError(error)) throw error;
      outcome = fail(error.message, error.hint ?? 'Run again with --verbose to see the requests.');
    }
    return this.add(group, id, outcome, this.now() - started);
  }

  add(group: Group, id: string, outcome: Outcome, durationMs = 0): CheckResult {
    const result: CheckResult = {
      id,
      status: outcome.status,
      message: outcome.message,
      hint: outcome.hint ?? null,
      group,
      durationMs: Math.round(durationMs),
    };
    this.results.push(result);
    return result;
  }

  get(id: string): CheckResult | undefined {
    return this.results.find((result) => result.id === id);
  }

  /** Grouped in GROUPS order; within a group, in the order they were added. */
  all(): CheckResult[] {
    return GROUPS.flatMap((group) => this.results.filter((result) => result.group === group));
  }

  /** In the order they ran (smoke's steps). */
  inOrder(): CheckResult[] {
    return [...this.results];
  }

  failed(): CheckResult[] {
    return this.results.filter((result) => result.status === 'fail');
  }
}

/** Which transport doctor checks for: Daily (CVI), your own LiveKit room, or both. */
export const DOCTOR_MODES = ['daily', 'livekit', 'all'] as const;
export type DoctorMode = (typeof DOCTOR_MODES)[number];
