// The livekit_rtc extension's figures on the real LiveKit server: added latency each way and CPU per
// room. The extension is TypeScript on the stand-in of TEN's runtime, so this bundles
// livekit-rtc-run.ts with esbuild (ten-runtime-nodejs aliased to the stand-in, packages external) into
// .cache/ and runs it. Skips with a line when the server is not built.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}.cache/bench/livekit-rtc-run.mjs`;
await build({
  absWorkingDir: root,
  entryPoints: ['bench/livekit-rtc-run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  alias: { 'ten-runtime-nodejs': './test/ten-runtime/index.ts' },
  logLevel: 'warning',
});
// rtc-node logs at debug level unless NODE_ENV=production.
process.stdout.write(execFileSync(process.execPath, [outfile], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] }));
