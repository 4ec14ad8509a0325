// Vitest global setup: the end-to-end tiers run the built dist/, so a dist/ older than its sources
// would silently test stale code. Rebuild it first (or stop, naming the fix, when the build fails).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What scripts/build.mjs reads: a change in any of them makes dist/ stale. */
const INPUTS = [
  'src',
  'templates',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  ...['build', 'bundle-options', 'slim-deps', 'process-global', 'browser-bundle'].map((script) => `scripts/${script}.mjs`),
];
/** Written by every build (scripts/build.mjs empties dist/ first). */
const BUILT = join(ROOT, 'dist', 'main.js');

/** The newest modification time (ms) under `path`, or 0 when it does not exist. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Whether dist/ is missing or older than one of its sources. */
export function distIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > built);
}

export default function setup(): void {
  if (!distIsStale()) return;
  process.stderr.write('dist/ is missing or older than src/: rebuilding it (npm run build) before the tests.\n');
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    throw new Error('dist/ is stale and the build failed: fix the errors above and run `npm run build`.');
  }
}
