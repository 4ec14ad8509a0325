// How long things take in the emulator, as a pure function of elapsed emulator time (world.now(), which
// the controlled clock drives): a new replica's training and a document's processing. One small
// interface, so a faster or slower schedule (or the real clock's time scale) plugs in without touching
// the routes.

export interface Stage<S extends string> {
  status: S;
  /** 0 to 100. */
  percent: number;
}

/** Status and progress after `elapsedMs` of emulator time. */
export interface Progression<S extends string> {
  at(elapsedMs: number): Stage<S>;
}

/** A replica trains for this long (emulator time; Tavus takes hours, the emulator a minute). */
export const REPLICA_TRAINING_MS = 60_000;
/** A failing training stops at this share of the way. */
const TRAINING_FAILS_AT = 0.4;

export function replicaTraining(fails: boolean): Progression<'started' | 'completed' | 'error'> {
  return {
    at(elapsedMs) {
      const share = Math.max(0, elapsedMs) / REPLICA_TRAINING_MS;
      if (fails && share >= TRAINING_FAILS_AT) return { status: 'error', percent: Math.round(TRAINING_FAILS_AT * 100) };
      if (share >= 1) return { status: 'completed', percent: 100 };
      return { status: 'started', percent: Math.floor(share * 100) };
    },
  };
}

/** A document is `started` this long, then `processing` until DOCUMENT_READY_MS. */
export const DOCUMENT_STARTED_MS = 2_000;
export const DOCUMENT_READY_MS = 10_000;

export function documentProcessing(fails: boolean, busy: 'processing' | 'recrawling' = 'processing'): Progression<'started' | 'processing' | 'recrawling' | 'ready' | 'error'> {
  return {
    at(elapsedMs) {
      const t = Math.max(0, elapsedMs);
      if (busy === 'processing' && t < DOCUMENT_STARTED_MS) return { status: 'started', percent: 0 };
      if (t >= DOCUMENT_READY_MS) return fails ? { status: 'error', percent: 0 } : { status: 'ready', percent: 100 };
      return { status: busy, percent: Math.floor((t / DOCUMENT_READY_MS) * 100) };
    },
  };
}

/** Media the emulator pretends it cannot use: any URL containing "fail" (documented in the README). */
export function asksForFailure(...urls: Array<string | null | undefined>): boolean {
  return urls.some((url) => typeof url === 'string' && /fail/i.test(url));
}
