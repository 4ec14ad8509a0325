// The package version and the Node range it supports.
import { readFileSync } from 'node:fs';

interface PackageJson {
  version: string;
  engines?: { node?: string };
}

// The published bundle has both values compiled in (scripts/build.mjs); from src/ they are read.
declare const __TAVUS_TEN_VERSION__: string | undefined;
declare const __TAVUS_TEN_NODE_RANGE__: string | undefined;

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  cached ??= JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageJson;
  return cached;
}

export function packageVersion(): string {
  return typeof __TAVUS_TEN_VERSION__ === 'string' ? __TAVUS_TEN_VERSION__ : packageJson().version;
}

/** `engines.node` of package.json, e.g. `>=20.19`. */
export function requiredNodeRange(): string | undefined {
  return typeof __TAVUS_TEN_NODE_RANGE__ === 'string' ? __TAVUS_TEN_NODE_RANGE__ || undefined : packageJson().engines?.node;
}

/** The running Node, e.g. `v20.19.2`. */
export function nodeVersion(): string {
  return process.version;
}

export function userAgent(): string {
  return `tavus-ten/${packageVersion()} node/${nodeVersion()}`;
}
