// A TEN app on disk: where its property.json is, that file parsed (a JSON error located by line and
// column), its env placeholders, and the .env files its runtime may be started with.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { readRegularFileSync, RefusedFileError } from '../io/regular-file.js';
import { describeFsError } from '../settings/dotenv.js';
import { findEnvPlaceholders, type EnvPlaceholder } from './placeholders.js';

export const PROPERTY_JSON = 'property.json';
/** TEN's own property.json files are tens of kilobytes. */
const MAX_PROPERTY_BYTES = 5 * 1024 * 1024;

export type LocateResult = { ok: true; appDir: string; propertyPath: string } | { ok: false; problem: string };

/**
 * `DIR` may be the tenapp directory itself, an example directory holding `tenapp/`, or the
 * property.json file. A path that does not exist is reported, never guessed around.
 */
export function locatePropertyJson(input: string, cwd: string): LocateResult {
  const path = isAbsolute(input) ? input : resolve(cwd, input);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    return { ok: false, problem: `Cannot read ${path}: ${describeFsError((error as NodeJS.ErrnoException).code)}.` };
  }
  if (!isDirectory) return { ok: true, appDir: dirname(path), propertyPath: path };
  for (const candidate of [join(path, PROPERTY_JSON), join(path, 'tenapp', PROPERTY_JSON)]) {
    if (existsSync(candidate)) return { ok: true, appDir: dirname(candidate), propertyPath: candidate };
  }
  return { ok: true, appDir: path, propertyPath: join(path, PROPERTY_JSON) };
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

/** JSON.parse, with a failure located as line and column (1-based) whatever Node's message says. */
export function parseJsonWithPosition(text: string): ParsedJson {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch (error) {
    const raw = (error as Error).message;
    const position = /at position (\d+)/.exec(raw);
    const offset = position ? Number(position[1]) : source.length;
    const { line, column } = lineAndColumn(source, offset);
    const message = raw
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*in JSON at position \d+/, '')
      .replace(/^JSON\.parse: /, '')
      .trim();
    return { ok: false, message, line, column };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export type TenAppRead =
  | { ok: true; propertyPath: string; document: unknown; placeholders: EnvPlaceholder[]; graphs: string[] }
  | { ok: false; propertyPath: string; problem: string; hint: string };

/** Reads and parses property.json and lists its placeholders and predefined graphs. */
export function readTenApp(propertyPath: string): TenAppRead {
  let text: string;
  try {
    text = readRegularFileSync(propertyPath, MAX_PROPERTY_BYTES);
  } catch (error) {
    if (error instanceof RefusedFileError) {
      throw new UsageError(`Cannot read ${propertyPath}: it ${error.reason}.`, { hint: 'Pass --tenapp a TEN app directory whose property.json is a file.' });
    }
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      propertyPath,
      problem: `Cannot read ${propertyPath}: ${describeFsError(code)}.`,
      hint: code === 'ENOENT' ? 'Pass --tenapp the TEN app directory (the one holding property.json and manifest.json), or create one with `tavus-ten ten init`.' : 'Fix the file permissions.',
    };
  }
  const parsed = parseJsonWithPosition(text);
  if (!parsed.ok) {
    return {
      ok: false,
      propertyPath,
      problem: `${propertyPath}:${parsed.line}:${parsed.column}: invalid JSON (${parsed.message}).`,
      hint: `Fix the JSON at line ${parsed.line}, column ${parsed.column}; the TEN runtime cannot load the app until then.`,
    };
  }
  return { ok: true, propertyPath, document: parsed.value, placeholders: findEnvPlaceholders(parsed.value), graphs: graphNames(parsed.value) };
}

/** The names of `ten.predefined_graphs`. */
export function graphNames(document: unknown): string[] {
  const graphs = (document as { ten?: { predefined_graphs?: unknown } } | null)?.ten?.predefined_graphs;
  if (!Array.isArray(graphs)) return [];
  return graphs.map((graph, index) => {
    const name = typeof graph === 'object' && graph !== null ? (graph as { name?: unknown }).name : undefined;
    return typeof name === 'string' ? name : `#${index}`;
  });
}

/**
 * The .env files a TEN app may be started with, nearest first: beside property.json, then each
 * parent up to the repository root (the TEN examples keep theirs in `ai_agents/`, below the root).
 * Outside a repository: the app's directory and its two parents, never the home directory.
 */
export function tenDotenvFiles(appDir: string, home?: string): string[] {
  const chain: string[] = [];
  for (let dir = resolve(appDir); chain.length < 16; ) {
    chain.push(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const rootIndex = chain.findIndex((dir) => existsSync(join(dir, '.git')));
  let dirs = rootIndex === -1 ? chain.slice(0, 3) : chain.slice(0, rootIndex + 1);
  if (home !== undefined) {
    const homeIndex = dirs.indexOf(resolve(home));
    if (homeIndex > 0) dirs = dirs.slice(0, homeIndex);
  }
  return dirs.map((dir) => join(dir, '.env')).filter((file) => existsSync(file));
}
