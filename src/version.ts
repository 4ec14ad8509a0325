// The package version and the Node range it supports, read once from package.json (works from src/ and from dist/).
import { readFileSync } from 'node:fs';

interface PackageJson {
  version: string;
  engines?: { node?: string };
}

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  cached ??= JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageJson;
  return cached;
}

export function packageVersion(): string {
  return packageJson().version;
}

/** `engines.node` of package.json, e.g. `>=20.19`. */
export function requiredNodeRange(): string | undefined {
  return packageJson().engines?.node;
}

/** The running Node, e.g. `v20.19.2`. */
export function nodeVersion(): string {
  return process.version;
}

export function userAgent(): string {
  return `tavus-ten/${packageVersion()} node/${nodeVersion()}`;
}
