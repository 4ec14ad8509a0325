// zod's English messages, set once by each entry (src/main.ts, src/index.ts) before anything parses.
// Product code builds its schemas with zod's functional API, `import * as z from 'zod/mini'`: zod's
// method API (`'zod'`) is about 90 KB of code a command compiles and runs before its first schema, and
// gives every schema instance ~40 bound methods of its own. zod/mini is the same engine (same issues,
// same `safeParse`), with checks passed as arguments (`z.string().check(z.minLength(1))`); esbuild keeps
// only the functions used. The emulator (src/emulator) keeps the method API: a long-running stand-in.
//
// zod/mini loads no locale (its messages would read "Invalid input"). zod's config is global, so the
// messages do not depend on whether something else (the emulator's method API) set English first.
// Not re-exported from here: a namespace passed on as a value makes esbuild keep all of zod/mini (its
// 60 locales too), and one re-exported with `export *` is more than the declaration bundler can follow.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
