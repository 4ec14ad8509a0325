// What a command loads from dist/. The build joins what every command needs into two files
// (scripts/rechunk.mjs); without that, `replica get` loaded 52 files, each read and compiled on its own. The
// files are CommonJS, so Node's ES module loader (slower per file) never starts. A change that splits them
// again, or brings the ES module loader back, fails here, not only in a benchmark.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

/**
 * Runs the CLI with a preload that prints, as the process exits, the files of dist/ in Node's CommonJS
 * module cache (relative to dist/) and the built-in modules loaded; and with NODE_DEBUG=esm, under which
 * Node's ES module loader reports every module it stores (Node 20, 22 and 24).
 */
async function runTraced(args: string[], env: Record<string, string> = {}) {
  const dir = tempDir();
  const preload = join(dir.path, 'loaded.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => process._rawDebug('LOADED ' + Object.keys(require.cache).join(',') + '\\nBUILTINS ' + process.moduleLoadList.join(',')));\n",
  );
  const result = await runCli(args, { env: { ...env, NODE_OPTIONS: `--require ${preload}`, NODE_DEBUG: 'esm' } }).finally(dir.cleanup);
  const list = (label: string) => new RegExp(`^${label} (.*)$`, 'm').exec(result.stderr)?.[1]?.split(',') ?? [];
  return {
    ...result,
    files: list('LOADED').flatMap((path) => /[\\/]dist[\\/](.+\.js)$/.exec(path)?.[1]?.replaceAll('\\', '/') ?? []).sort(),
    builtins: list('BUILTINS'),
    /** Modules the ES module loader stored: none, when every file of the path is CommonJS. */
    esModules: [...result.stderr.matchAll(/Storing (\S+)/g)].map((match) => match[1]!),
  };
}

/** A file's name without the hash the build gives it (`chunks/core-Y94VH8tr.js` → `chunks/core`). */
const named = (file: string) => file.replace(/(-[\w-]{8})?\.js$/, '');

describe('files a command loads', { timeout: 60_000 }, () => {
  const { env } = useEmulator();

  it('`replica get ID --json` loads main, core, undici and its own command: at most 20 files (16 today, 52 before the build joined them), none through the ES module loader', async () => {
    const result = await runTraced(['replica', 'get', 'r90bbd427f71', '--json'], env);
    expect(result.exitCode, result.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ replica_id: 'r90bbd427f71' });
    const files = result.files;
    expect(files.map(named)).toEqual(expect.arrayContaining(['main', 'chunks/core', 'chunks/undici', 'chunks/replica']));
    expect(files.length, files.join('\n')).toBeLessThanOrEqual(20);
    // Neither the emulator nor a heavy dependency that this command never uses.
    expect(files.filter((file) => /emulator|livekit|inquirer|execa|open|yaml|serve/.test(file))).toEqual([]);
    expect(result.esModules).toEqual([]);
  });

  it("`replica get ID --json` loads none of Node's heavy modules it does not need (crypto, TLS, HTTP/2, child processes)", async () => {
    const result = await runTraced(['replica', 'get', 'r90bbd427f71', '--json'], env);
    expect(result.exitCode, result.stderr.slice(-2000)).toBe(0);
    expect(result.builtins).toContain('NativeModule net');
    expect(result.builtins.filter((name) => /^NativeModule (crypto|tls|http2|child_process)$/.test(name))).toEqual([]);
  });

  it('`--version` loads no file of dist/ and `--help` only the root help, none through the ES module loader', async () => {
    for (const [args, expected] of [[['--version'], []], [['--help'], []]] as const) {
      const result = await runTraced([...args]);
      expect(result.exitCode).toBe(0);
      expect(result.files).toEqual(expected);
      expect(result.esModules).toEqual([]);
    }
  });
});
