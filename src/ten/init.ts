// Writes the TEN app files into a directory: all or nothing, and never over an existing file
// unless forced.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  const { dir, mode, force } = options;
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`${dir} exists and is not a directory.`, { hint: 'Pass a directory (it is created when missing).' });
  }
  const files = tenAppFiles(mode).map((file) => ({ ...file, absolute: join(dir, file.path) }));
  const existing = files.filter((file) => existsSync(file.absolute));
  if (existing.length > 0 && !force) {
    const names = existing.map((file) => file.path).join(', ');
    throw new UsageError(`Not overwriting ${names} in ${dir}: ${existing.length === 1 ? 'it exists' : 'they exist'}. Nothing was written.`, {
      hint: 'Pass --force to replace them, or choose another directory.',
    });
  }
  for (const file of existing) {
    if (statSync(file.absolute).isDirectory()) {
      throw new UsageError(`${file.absolute} is a directory, not a file. Nothing was written.`, { hint: 'Move it away and run again.' });
    }
  }
  const written: WrittenFile[] = [];
  for (const file of files) {
    const existed = existing.includes(file);
    mkdirSync(dirname(file.absolute), { recursive: true });
    // 'wx' fails if a file appeared since the check: never overwrite without --force.
    writeFileSync(file.absolute, file.content, { flag: force ? 'w' : 'wx' });
    written.push({ path: file.absolute, name: file.path, action: existed ? 'overwritten' : 'created' });
  }
  return written;
}
