// Files that never end (a FIFO, /dev/zero) named as .env, --file or a TEN app's property.json hung the
// process beyond the reach of signals; `ten init --force` wrote through symlinks and left partial writes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/capture.js';
import { runCli, tempDir } from '../helpers/cli.js';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});
const scratch = () => {
  const dir = tempDir('tavus-ten-hostile-files-');
  dirs.push(dir);
  return dir.path;
};
const fifo = (path: string) => execFileSync('mkfifo', [path]);

describe('only regular files are read', () => {
  it('a FIFO as the .env of the working directory is exit 2 naming it', async () => {
    const dir = scratch();
    fifo(join(dir, '.env'));
    const result = await runCli(['persona', 'list'], { cwd: dir, env: { TAVUS_API_KEY: 'tvs_x' }, timeoutMs: 10_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\.env: it is a FIFO \(named pipe\), not a regular file/);
  });

  it('--file /dev/zero and a FIFO are exit 2 naming them', async () => {
    const dir = scratch();
    fifo(join(dir, 'persona.json'));
    for (const file of ['/dev/zero', 'persona.json']) {
      const result = await runCli(['persona', 'create', '--file', file, '--name', 'x'], { cwd: dir, env: { TAVUS_API_KEY: 'tvs_x' }, timeoutMs: 10_000 });
      expect(result.exitCode, file).toBe(2);
      expect(result.stderr).toContain(`--file ${file}: is a`);
    }
  });

  it("--tenapp whose property.json is a FIFO is exit 2 naming it", async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'app'));
    fifo(join(dir, 'app', 'property.json'));
    const result = await runCli(['doctor', '--tenapp', 'app', '--offline'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/property\.json is a FIFO/);
  });

  // Node 20 and 22 read a --env-file argument themselves before any script runs (README, Known issues),
  // so through the bin /dev/zero hangs in Node; tavus-ten's own reading is checked in process.
  it('--env-file /dev/zero and a FIFO are exit 2 naming them', async () => {
    const dir = scratch();
    fifo(join(dir, 'pipe.env'));
    for (const file of ['/dev/zero', join(dir, 'pipe.env')]) {
      const result = await runInProcess(['persona', 'list', '--env-file', file], { TAVUS_API_KEY: 'tvs_x' }, { cwd: dir });
      expect(result.exitCode, file).toBe(2);
      expect(result.stderr).toContain(`${file}: it is a`);
    }
  });

  it('a malformed .env line never quotes the key on it', async () => {
    const dir = scratch();
    const key = 'tvs_0123456789abcdef0123456789abcdef';
    writeFileSync(join(dir, '.env'), `TAVUS_API_KEY: ${key}\n`);
    const result = await runCli(['persona', 'list'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\.env:1: expected KEY=VALUE/);
    expect(result.stderr).not.toContain(key.slice(4, 12));
  });
});

describe('ten init never writes through a symlink, and writes all or nothing', () => {
  it('--force with tenapp/ a symlink to a directory outside writes nothing there', async () => {
    const dir = scratch();
    const outside = scratch();
    mkdirSync(join(dir, 'app'));
    symlinkSync(outside, join(dir, 'app', 'tenapp'));
    const result = await runCli(['ten', 'init', 'app', '--force'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/tenapp is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(dir, 'app', '.env.example'))).toBe(false);
  });

  it('--force over a symlinked file replaces nothing outside; a dangling one is named, nothing written', async () => {
    const dir = scratch();
    const victim = join(scratch(), 'victim.txt');
    writeFileSync(victim, 'keep me');
    mkdirSync(join(dir, 'tenapp'));
    symlinkSync(victim, join(dir, 'tenapp', 'property.json'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'tenapp', 'manifest.json'));
    const result = await runCli(['ten', 'init', '.', '--force'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^(?=.*property\.json is a symbolic link)(?=.*manifest\.json is a symbolic link).*Nothing was written/s);
    expect(result.stderr).not.toMatch(/bug/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    expect(existsSync(join(dir, '.env.example'))).toBe(false);
  });
});
