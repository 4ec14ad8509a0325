// Test tiers that need an outside program (the real LiveKit server, the Python Tavus clients, Chromium).
// Locally a missing program skips its tier with a printed notice; under .ci/run
// (TAVUS_TEN_REQUIRE_TIERS=1) a missing program fails the run instead, so CI cannot go green without it.
import { describe, it } from 'vitest';

/** True when .ci/run asked that no tier be skipped. */
export const tiersRequired = process.env.TAVUS_TEN_REQUIRE_TIERS === '1';

/**
 * Whether a tier can run. `missing` is undefined when its program is there, else a sentence saying
 * what is missing and how to install it. Locally: prints `[<tier> tests] skipped: <missing>` and
 * returns false. Under .ci/run: registers a failing test naming what is missing and returns false.
 */
export function tierAvailable(tier: string, missing: string | undefined): boolean {
  if (missing === undefined) return true;
  if (tiersRequired) {
    describe(`${tier} tier`, () => {
      it('has what it needs (TAVUS_TEN_REQUIRE_TIERS=1 makes a skip a failure)', () => {
        throw new Error(`${tier} tests cannot run: ${missing}`);
      });
    });
  } else {
    console.warn(`[${tier} tests] skipped: ${missing}`);
  }
  return false;
}
