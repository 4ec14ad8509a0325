// What every esbuild bundle of src/ for Node shares (scripts/build.mjs), and what the test of the
// dependency edits bundles with (test/unit/build/slim-deps.test.ts): Node 20.19+, ESM, minified, the
// dependency edits and the version.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { slimDependencies } from './slim-deps.mjs';
import { processGlobal } from './process-global.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const bundleOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: process.env.TAVUS_TEN_BUILD_DEBUG !== '1',
  // Error classes name themselves after their constructor (`this.name = new.target.name`).
  keepNames: true,
  legalComments: 'none',
  // Optional and native (`mock --livekit-join` only): imported at run time from the user's install, never bundled.
  external: ['@livekit/rtc-node'],
  logLevel: 'warning',
  plugins: [slimDependencies, processGlobal],
  define: {
    __TAVUS_TEN_VERSION__: JSON.stringify(pkg.version),
    __TAVUS_TEN_NODE_RANGE__: JSON.stringify(pkg.engines?.node ?? ''),
  },
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins: one made on first
  // use (most chunks never call it), from getBuiltinModule rather than an ES import of node:module.
  banner: {
    js: "let __tavusTenRequire; const require = (id) => (__tavusTenRequire ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);",
  },
};
