import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The livekit_rtc extension imports TEN's Node.js runtime, which no registry has: its tests run it
    // on the stand-in in test/ten-runtime (tsconfig.json maps the type check the same way).
    alias: { 'ten-runtime-nodejs': fileURLToPath(new URL('./test/ten-runtime/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The test-wide secret check: fails any test during which a CLI run printed or wrote a secret.
    // zod's English messages, as the CLI's and the library's entries set them before anything parses.
    setupFiles: ['test/helpers/secrets-setup.ts', 'src/zod-english.ts'],
    // The end-to-end tiers run the built dist/: a stale one is rebuilt before any test runs.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end tests spawn the built CLI; two cores here, so keep the pool small.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
