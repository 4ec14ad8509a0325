// Writes the TEN app files into a directory: all or nothing, never through a symlink, and never over
// an existing file unless forced. Every file `ten init` writes goes through writeAllOrNothing, so a
// file added to the templates gets these rules for free.
import { existsSync, linkSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { tenAppFiles, type TenMode } from './templates.js';

export interface WrittenFile {
  /** Absolute. */
  path: string;
  /** Relative to the target directory, e.g. `tenapp/property.json`. */
  name: string;
  action: 'created' | 'overwritten';
}

export function initTenApp(options: { dir: string; mode: TenMode; force: boolean }): WrittenFile[] {
  return writeAllOrNothing(options.dir, tenAppFiles(options.mode), options.force);
}

/** What exists at a path, without following a symlink. */
function kindAt(path: string): 'missing' | 'file' | 'directory' | 'symlink' | 'other' {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return 'symlink';
    if (stats.isFile()) return 'file';
    if (stats.isDirectory()) return 'directory';
    return 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * Writes `files` (paths relative to `dir`, `/`-separated) under `dir`. Everything is checked before
 * anything is written: a symlink anywhere below `dir` (dangling or not), a directory or a device
 * where a file goes, or (without `force`) an existing file is exit 2 naming each, and nothing is
 * written. Each file is written to a temporary name and then moved into place (a move replaces, never
 * follows); if one fails, the files already moved in are not rolled back but the rest are not written.
 */
export function writeAllOrNothing(dir: string, files: readonly { path: string; content: string }[], force: boolean): WrittenFile[] {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`${dir} exists and is not a directory.`, { hint: 'Pass a directory (it is created when missing).' });
  }
  const planned = files.map((file) => ({ ...file, absolute: join(dir, ...file.path.split('/')) }));
  const problems: string[] = [];
  const existing = new Set<string>();
  for (const file of planned) {
    const parts = relative(dir, file.absolute).split(sep);
    let at = dir;
    for (const [index, part] of parts.entries()) {
      at = join(at, part);
      const kind = kindAt(at);
      const last = index === parts.length - 1;
      const shown = relative(dir, at);
      if (kind === 'missing') break;
      if (kind === 'symlink') problems.push(`${shown} is a symbolic link (tavus-ten never writes through one)`);
      else if (!last && kind !== 'directory') problems.push(`${shown} is not a directory`);
      else if (last && kind !== 'file') problems.push(`${shown} is ${kind === 'directory' ? 'a directory' : 'not a regular file'}`);
      else if (last) existing.add(file.path);
      if (kind !== 'directory') break;
    }
  }
  const unique = [...new Set(problems)];
  if (unique.length > 0) {
    throw new UsageError(`Cannot write the TEN app in ${dir}: ${unique.join('; ')}. Nothing was written.`, { hint: 'Move those away and run again.' });
  }
  if (existing.size > 0 && !force) {
    const names = [...existing].join(', ');
    throw new UsageError(`Not overwriting ${names} in ${dir}: ${existing.size === 1 ? 'it exists' : 'they exist'}. Nothing was written.`, {
      hint: 'Pass --force to replace them, or choose another directory.',
    });
  }

  const suffix = `.tavus-ten-${randomBytes(4).toString('hex')}`;
  const staged: { tmp: string; file: (typeof planned)[number] }[] = [];
  const createdDirs: string[] = [];
  try {
    for (const file of planned) {
      const parent = dirname(file.absolute);
      const first = mkdirSync(parent, { recursive: true });
      if (first !== undefined) createdDirs.push(first);
      const tmp = join(parent, `.${basename(file.absolute)}${suffix}`);
      writeFileSync(tmp, file.content, { flag: 'wx' });
      staged.push({ tmp, file });
    }
  } catch (error) {
    for (const { tmp } of staged) unlinkQuietly(tmp);
    for (const created of createdDirs.reverse()) removeCreatedTree(created);
    throw error;
  }
  const written: WrittenFile[] = [];
  try {
    for (const { tmp, file } of staged) {
      if (force) renameSync(tmp, file.absolute);
      else {
        // A hard link fails if a file appeared since the check: never overwrite without --force.
        linkSync(tmp, file.absolute);
        unlinkSync(tmp);
      }
      written.push({ path: file.absolute, name: file.path, action: existing.has(file.path) ? 'overwritten' : 'created' });
    }
  } finally {
    for (const { tmp } of staged) unlinkQuietly(tmp);
  }
  return written;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already moved into place, or never written.
  }
}

/** Removes a directory tree this run created (it did not exist before the run). */
function removeCreatedTree(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
