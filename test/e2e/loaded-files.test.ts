// What a command loads from dist/, as Node's ES module loader reports it (NODE_DEBUG=esm: every module it
// stores, on Node 20, 22 and 24). The build joins what every command needs into two files
// (scripts/rechunk.mjs); without that, `replica get` loaded 52 files, each resolved, read, compiled and
// linked on its own. A change that splits them again fails here, not only in a benchmark.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

/** The files of dist/ the run's ES module loader stored, relative to dist/. */
function loadedFiles(stderr: string): string[] {
  return [...new Set([...stderr.matchAll(/Storing file:\/\/\S*\/dist\/(\S+\.js)\b/g)].map((match) => match[1]!))].sort();
}

/** A file's name without the hash the build gives it (`chunks/core-Y94VH8tr.js` → `chunks/core`). */
const named = (file: string) => file.replace(/(-[\w-]{8})?\.js$/, '');

describe('files a command loads', { timeout: 60_000 }, () => {
  const { env } = useEmulator();

  it('`replica get ID --json` loads main, core, undici and its own command: at most 20 files (16 today, 52 before the build joined them)', async () => {
    const result = await runCli(['replica', 'get', 'r90bbd427f71', '--json'], { env: { ...env, NODE_DEBUG: 'esm' } });
    expect(result.exitCode, result.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ replica_id: 'r90bbd427f71' });
    const files = loadedFiles(result.stderr);
    expect(files.map(named)).toEqual(expect.arrayContaining(['main', 'chunks/core', 'chunks/undici', 'chunks/replica']));
    expect(files.length, files.join('\n')).toBeLessThanOrEqual(20);
    // Neither the emulator nor a heavy dependency that this command never uses.
    expect(files.filter((file) => /emulator|livekit|inquirer|execa|open|yaml|serve/.test(file))).toEqual([]);
  });

  it("`replica get ID --json` loads none of Node's heavy modules it does not need (crypto, TLS, HTTP/2, child processes)", async () => {
    // A preload that prints the built-in modules the process loaded, as it exits.
    const dir = tempDir();
    const preload = join(dir.path, 'builtins.cjs');
    writeFileSync(preload, "process.on('exit', () => process._rawDebug('BUILTINS ' + process.moduleLoadList.join(',')));\n");
    const result = await runCli(['replica', 'get', 'r90bbd427f71', '--json'], { env: { ...env, NODE_OPTIONS: `--require ${preload}` } }).finally(dir.cleanup);
    expect(result.exitCode, result.stderr.slice(-2000)).toBe(0);
    const builtins = /BUILTINS (.*)/.exec(result.stderr)?.[1]?.split(',') ?? [];
    expect(builtins).toContain('NativeModule net');
    expect(builtins.filter((name) => /^NativeModule (crypto|tls|http2|child_process)$/.test(name))).toEqual([]);
  });

  it('`--version` and `--help` load nothing through the ES module loader', async () => {
    for (const args of [['--version'], ['--help']]) {
      const result = await runCli(args, { env: { NODE_DEBUG: 'esm' } });
      expect(result.exitCode).toBe(0);
      expect(loadedFiles(result.stderr)).toEqual([]);
    }
  });
});
