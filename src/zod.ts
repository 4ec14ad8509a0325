// The zod that product code imports: zod's functional API (`zod/mini`), with zod's English messages.
// zod's method API (`import * as z from 'zod'`) is about 90 KB of code a command compiles and runs
// before its first schema, and it gives every schema instance ~40 bound methods of its own: about
// 35 million instructions and a few MB on every start. zod/mini is the same engine (same issues,
// same `safeParse`), with checks passed as arguments (`z.string().check(z.minLength(1))`) instead.
// The emulator (src/emulator) keeps the method API: it is a long-running stand-in, not a command.
//
// zod/mini loads no locale (its messages would read "Invalid input"); the English one is set here, once,
// so the messages do not depend on whether something else (the emulator) loaded zod's method API first.
//
// Import it as `import * as z from '…/zod.js'`: esbuild then keeps only the functions used. A namespace
// passed on as a value (`export { z }`, imported as `{ z }`) makes it keep all of zod/mini, its 60
// locales and JSON Schema code too (about 290 KB more in the chunk every command loads).
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
