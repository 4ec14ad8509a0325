// The livekit_rtc extension's source as `ten init --mode livekit` writes it: the files under
// templates/ten/livekit_rtc/ of this package (shipped in the npm package, beside dist/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION_NAME = 'livekit_rtc';

/** templates/ten/livekit_rtc, found upwards from this module (src/ten/ in a checkout, dist/chunks/ when built). */
export function extensionTemplateDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates', 'ten', EXTENSION_NAME);
    if (existsSync(join(candidate, 'manifest.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`the ${EXTENSION_NAME} extension's files are missing from this installation of tavus-ten (templates/ten/${EXTENSION_NAME})`);
  }
}

/** Every file of the extension, path relative to its directory (`/`-separated), in a stable order. */
export function extensionFiles(): { path: string; content: string }[] {
  const root = extensionTemplateDir();
  const files: { path: string; content: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // A developer's own build or install in the template folder is not part of the source.
      if (['node_modules', 'build'].includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push({ path: relative(root, path).split('\\').join('/'), content: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}
