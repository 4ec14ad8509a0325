// A strict .env reader: the lenient parsers silently drop a garbage line, and a dropped
// TAVUS_API_KEY line costs users an hour. Every line is a comment, blank, or KEY=VALUE.
import { UsageError } from '../errors.js';
import { readRegularFileSync, RefusedFileError } from '../io/regular-file.js';

/** A .env file is a few kilobytes; anything larger is not one. */
const MAX_DOTENV_BYTES = 1024 * 1024;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/** Parses .env text; throws UsageError naming `file:line` for a line it cannot read. */
export function parseDotenv(text: string, file = '.env'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const where = `${file}:${index + 1}`;
    let line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice('export '.length).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) {
      // The line itself is never quoted: `TAVUS_API_KEY: tvs_…` would print the key.
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line)?.[0];
      const found = name === undefined ? 'a line without "="' : `a line starting with ${truncate(name)} but without "="`;
      throw new UsageError(`${where}: expected KEY=VALUE, found ${found}.`, {
        hint: 'Fix or comment out that line (comments start with #).',
      });
    }
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) {
      throw new UsageError(`${where}: ${JSON.stringify(truncate(key))} is not a valid variable name.`, {
        hint: 'Names use letters, digits and underscores, and do not start with a digit.',
      });
    }
    const rest = line.slice(eq + 1);
    // `KEY= # fill me in` is an empty value and a comment (as in shells, dotenv and Compose); `KEY=#1` is "#1".
    values[key] = /^\s+#/.test(rest) ? '' : parseValue(rest.trim(), where);
  }
  return values;
}

function parseValue(raw: string, where: string): string {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") {
    const comment = raw.search(/\s#/);
    return (comment === -1 ? raw : raw.slice(0, comment)).trim();
  }
  const close = findClosingQuote(raw, quote);
  if (close === -1) {
    throw new UsageError(`${where}: the value opens a ${quote} quote that never closes.`, {
      hint: 'Close the quote on the same line (use \\n for new lines inside double quotes).',
    });
  }
  const rest = raw.slice(close + 1).trim();
  if (rest !== '' && !rest.startsWith('#')) {
    // Not quoted: it may be the rest of a secret.
    throw new UsageError(`${where}: unexpected text (${rest.length} characters) after the closing quote.`, {
      hint: 'Put the whole value inside the quotes, or start a comment with #.',
    });
  }
  const inner = raw.slice(1, close);
  if (quote === "'") return inner;
  return inner.replace(/\\(.)/g, (match, ch: string) => DOUBLE_QUOTE_ESCAPES[ch] ?? match);
}

function findClosingQuote(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (raw[i] === quote) return i;
  }
  return -1;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Reads a .env file. A missing file is fine when it was not asked for by name (the cwd's
 * `.env`), and a usage error when it was (`--env-file`).
 */
export function readDotenvFile(path: string, explicit: boolean): Record<string, string> {
  let text: string;
  try {
    text = readRegularFileSync(path, MAX_DOTENV_BYTES);
  } catch (error) {
    if (error instanceof RefusedFileError) {
      throw new UsageError(`Cannot read the env file ${path}: it ${error.reason}.`, {
        hint: explicit ? 'Pass --env-file a .env file.' : 'Replace it with a .env file, or remove it.',
      });
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return {};
    if (code === 'EISDIR' && !explicit) return {};
    throw new UsageError(`Cannot read the env file ${path}: ${describeFsError(code)}.`, {
      hint: explicit ? 'Check the path given to --env-file.' : 'Fix the file permissions or remove the file.',
      cause: error,
    });
  }
  return parseDotenv(text, path);
}

export function describeFsError(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? 'unknown error';
  }
}
