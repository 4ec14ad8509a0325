// Reads a file only when it is a regular file of bounded size: a FIFO, /dev/zero, a socket or a
// terminal named as `.env`, `--file` or a TEN app's property.json would otherwise hang the process
// (a FIFO blocks the thread, beyond the reach of signals) or grow it to gigabytes.
import type { Stats } from 'node:fs';

// Not an ES import: that evaluates every export of node:fs, `promises` too, which loads fs/promises,
// streams, dir and watchers (about 17 million instructions) into every command that reads a setting.
const { closeSync, constants, fstatSync, openSync, readSync, statSync } = process.getBuiltinModule('node:fs');

/** The file exists but is refused; `reason` completes "PATH …", e.g. "is a FIFO (named pipe), not a regular file". */
export class RefusedFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'RefusedFileError';
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function check(path: string, stats: Stats, maxBytes: number): void {
  if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path} is a directory`), { code: 'EISDIR' });
  if (!stats.isFile()) throw new RefusedFileError(path, `is ${kindOf(stats)}, not a regular file`);
  if (stats.size > maxBytes) throw new RefusedFileError(path, `is larger than ${formatBytes(maxBytes)}`);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The UTF-8 text of `path` (symlinks followed), at most `maxBytes`.
 * Throws RefusedFileError (not a regular file, too large) or the fs error (ENOENT, EACCES, EISDIR).
 */
export function readRegularFileSync(path: string, maxBytes: number): string {
  check(path, statSync(path), maxBytes);
  // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it must not block.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    check(path, fstatSync(fd), maxBytes);
    // Read one byte past the limit, so a file that grew since the stat is refused, not cut.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, fstatSync(fd).size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw new RefusedFileError(path, `is larger than ${formatBytes(maxBytes)}`);
    if (length === buffer.length) throw new RefusedFileError(path, 'grew while it was being read');
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Undefined for a regular file (or one that cannot be stat'ed: the reader reports that); else why not, e.g. "is a FIFO (named pipe), not a regular file". */
export function notRegularFile(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? undefined : `is ${stats.isDirectory() ? 'a directory' : kindOf(stats)}, not a regular file`;
  } catch {
    return undefined;
  }
}
