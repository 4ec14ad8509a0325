// The package version, read once from package.json (works from src/ and from dist/).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}

export function userAgent(): string {
  return `tavus-ten/${packageVersion()} node/${process.version}`;
}
