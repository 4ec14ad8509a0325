// A vitest setup file (vitest.config.ts): after every test, and after each file's last hook (long-lived
// children such as `serve` end there), fail if a CLI run printed or wrote a secret (see secrets.ts).
import { afterAll, afterEach } from 'vitest';
import { takeLeaks } from './secrets.js';

function assertNoLeaks(when: string): void {
  const leaks = takeLeaks();
  if (leaks.length > 0) throw new Error(`A secret leaked ${when}:\n  - ${leaks.join('\n  - ')}`);
}

afterEach(() => assertNoLeaks('during this test'));
// Registered first, so it runs after the file's own afterAll hooks (vitest runs after-hooks as a stack).
afterAll(() => assertNoLeaks("in this file's hooks"));
