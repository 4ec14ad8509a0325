// Input files named by flags (`--file`, `--patch-file`, `--system-prompt-file`, `apply FILE`): read
// relative to the working directory, `-` for stdin, and every failure is exit 2 naming the flag.
import { readRegularFileSync, RefusedFileError } from '../../io/regular-file.js';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../../errors.js';

/** Files larger than this are refused: a persona or a patch is a few kilobytes. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export interface InputSource {
  cwd: string;
  stdin: Readable;
}

/** The text of `path` (or stdin for `-`). `flag` names where it came from, e.g. `--file`. */
export async function readTextInput(source: InputSource, path: string, flag: string): Promise<string> {
  if (path.trim() === '') throw new UsageError(`${flag} is empty.`, { hint: `Pass a file path to ${flag} (or - for stdin).` });
  if (path === '-') return readStream(source.stdin, flag);
  const full = resolve(source.cwd, path);
  try {
    return readRegularFileSync(full, MAX_INPUT_BYTES);
  } catch (error) {
    if (error instanceof RefusedFileError) {
      const tooLarge = error.reason.startsWith('is larger');
      throw new UsageError(`${flag} ${path}: ${tooLarge ? `the file ${error.reason}` : error.reason}.`, {
        hint: tooLarge ? `Check that ${path} is the right file.` : `Pass a file to ${flag} (or - for stdin).`,
      });
    }
    const code = (error as { code?: string }).code;
    if (code === 'EISDIR') throw new UsageError(`${flag} ${path}: is a directory.`, { hint: `Pass a file to ${flag}.` });
    if (code === 'ENOENT') throw new UsageError(`${flag} ${path}: no such file.`, { hint: `Check the path (relative to ${source.cwd}).` });
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`${flag} ${path}: permission denied.`, { hint: 'Check the file permissions.' });
    throw new UsageError(`${flag} ${path}: cannot be read (${code ?? (error as Error).message}).`, { hint: 'Check the path.' });
  }
}

/** Parses JSON text; a syntax error is exit 2 naming the flag, the file and where it broke. */
export function parseJsonText(text: string, flag: string, path: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const where = path === '-' ? 'stdin' : path;
    // V8 quotes the text around the fault, line breaks and all: kept on the error's one line.
    const detail = (error as Error).message.replace(/^JSON\.parse: /, '').replace(/\r?\n/g, '\\n');
    const check = path === '-' ? '' : ` (\`jq . ${path}\` shows where it breaks)`;
    const hint = /\.ya?ml$/i.test(path)
      ? `${flag} takes JSON, not YAML: only \`tavus-ten apply FILE\` reads YAML (an apply file). Write the file as JSON.`
      : `Fix the JSON in ${where}${check}.`;
    throw new UsageError(`${flag} ${where}: not valid JSON (${detail}).`, { hint });
  }
}

export async function readJsonInput(source: InputSource, path: string, flag: string): Promise<unknown> {
  return parseJsonText(await readTextInput(source, path, flag), flag, path);
}

async function readStream(stream: Readable, flag: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`${flag} -: stdin is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`, { hint: 'Pipe a smaller file.' });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
