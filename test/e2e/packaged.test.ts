// The published package as users get it: `npm pack`, installed into an empty folder, run from
// there — not the source tree. It must carry no dependencies and keep what it loads from disk.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = join(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const dir = tempDir('tavus-ten-packed-');
const app = join(dir.path, 'app');
let bin: string;
interface Packed {
  filename: string;
  size: number;
  entryCount: number;
  files: { path: string }[];
}
let packed: Packed | undefined;

beforeAll(() => {
  // --ignore-scripts: dist/ is already built by `npm test`; rebuilding it here would race the other tests.
  [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir.path], { cwd: ROOT, encoding: 'utf8' }),
  ) as Packed[];
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}');
  // --offline: a package with no dependencies installs without the registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir.path, packed!.filename)], { cwd: app, stdio: 'ignore' });
  bin = join(app, 'node_modules/.bin/tavus-ten');
}, 60_000);
afterAll(() => dir.cleanup());

const run = (args: string[], env: Record<string, string> = {}) =>
  execa(bin, args, { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: dir.path, CI: 'true', TAVUS_TEN_CONFIG_DIR: join(dir.path, 'cfg'), ...env }, extendEnv: false, reject: false, stdin: 'ignore' });

describe('the packed, installed tarball', () => {
  it('installs as one package with no dependencies', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['tavus-ten']);
  });

  it('runs: --version, --help, and the main job on the embedded emulator', async () => {
    expect((await run(['--version'])).stdout).toBe(VERSION);
    const help = await run(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/conversation\|conversations/);
    const started = await run(['conversation', 'start', '--mock', '--json']);
    expect(started.exitCode, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ status: 'active' });
  });

  it('exports the client and the emulator to TypeScript and JavaScript users', async () => {
    const script = [
      "const { createTavusClient, ApiError, parseTavusCallback } = await import('tavus-ten');",
      "const { startEmulator } = await import('tavus-ten/emulator');",
      'const emulator = await startEmulator();',
      'const tavus = createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });',
      "const replica = await tavus.replicas.get('r90bbd427f71');",
      "const failed = await tavus.replicas.get('rnope').catch((error) => error);",
      "const hook = parseTavusCallback('{\"conversation_id\":\"c1\",\"event_type\":\"system.shutdown\",\"message_type\":\"system\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"properties\":{\"shutdown_reason\":\"test\"}}');",
      'console.log(replica.replica_name, failed instanceof ApiError, failed.exitCode, hook.properties.shutdown_reason);',
      'await emulator.close();',
    ].join('\n');
    const result = await execa(process.execPath, ['--input-type=module', '-e', script], { cwd: app, reject: false });
    expect(result.stdout, result.stderr).toBe('Anna true 4 test');
    expect(existsSync(join(app, 'node_modules/tavus-ten/dist/index.d.ts'))).toBe(true);
  });

  it("an uncaught library error prints its message, not the bundle's code: Node quotes the throw site's whole line", async () => {
    // No key: createTavusClient throws when the first request is made, and nothing catches it.
    const script = "const { createTavusClient } = require('tavus-ten'); createTavusClient({ baseUrl: 'http://127.0.0.1:9' }).personas.list();";
    const result = await execa(process.execPath, ['-e', script], { cwd: app, reject: false, env: { TAVUS_API_KEY: '' }, extendEnv: true });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('No Tavus API key is set');
    // Was 82 KB: the built files were one line each.
    expect(result.stderr.length, result.stderr.slice(0, 500)).toBeLessThan(4000);
  });

  it('can be required from CommonJS as well (its files are CommonJS, the named exports the same)', async () => {
    const script = [
      "const { createTavusClient, ApiError } = require('tavus-ten');",
      "const { startEmulator } = require('tavus-ten/emulator');",
      'console.log(typeof createTavusClient, typeof ApiError, typeof startEmulator);',
    ].join('\n');
    const result = await execa(process.execPath, ['-e', script], { cwd: app, reject: false });
    expect(result.stdout, result.stderr).toBe('function function function');
  });

  it('ten init --mode livekit writes the livekit_rtc extension shipped in the package', async () => {
    const result = await run(['ten', 'init', 'lk', '--mode', 'livekit', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const written = (JSON.parse(result.stdout) as { files: { name: string }[] }).files.map((file) => file.name);
    expect(written).toContain('tenapp/ten_packages/extension/livekit_rtc/src/index.ts');
    expect(JSON.parse(readFileSync(join(app, 'lk/tenapp/ten_packages/extension/livekit_rtc/manifest.json'), 'utf8'))).toMatchObject({ type: 'extension', name: 'livekit_rtc' });
  });

  it('mock --livekit-join without the optional @livekit/rtc-node: exit 2 saying how to install it', async () => {
    const result = await run(['mock', '--livekit-join']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--livekit-join needs @livekit\/rtc-node/);
    expect(result.stderr).toMatch(/npm install @livekit\/rtc-node/);
    expect(result.stdout).toBe('');
  });

  it.runIf(process.platform === 'linux')("opens a browser through open's bundled xdg-open, not the system's", async () => {
    const fakes = join(dir.path, 'fakebin');
    mkdirSync(fakes, { recursive: true });
    const opened = join(dir.path, 'opened.txt');
    const fake = (name: string, body: string) => {
      writeFileSync(join(fakes, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(fakes, name), 0o755);
    };
    fake('xdg-open', `echo "system xdg-open" > ${opened}`); // would mean the bundled copy was not found
    fake('xdg-mime', 'exit 0'); // no desktop defaults: the bundled xdg-open falls back to x-www-browser
    fake('x-www-browser', `echo "$1" > ${opened}`);
    const result = await run(['livekit', 'token', '--room', 'demo', '--open', '-q'], {
      PATH: `${fakes}:${dirname(process.execPath)}:${process.env.PATH}`,
      DISPLAY: ':0',
      CI: '',
      LIVEKIT_URL: 'wss://demo.livekit.cloud',
      LIVEKIT_API_KEY: 'APIpacked',
      LIVEKIT_API_SECRET: 'packed-secret-0123456789-abcdefghijklmn',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const link = await waitFor(() => (existsSync(opened) ? readFileSync(opened, 'utf8').trim() : undefined), 'the browser stand-in');
    expect(link).toMatch(/^https:\/\/meet\.livekit\.io\/custom\?liveKitUrl=/);
  });
});

describe('the package page (README, package.json) as npm shows it', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it("states the tarball's real size and file count", () => {
    const row = /\| tarball[^|]*\| ([\d.]+) MB, (\d+) files \|/.exec(readme);
    expect(row, 'the README has a tarball row').not.toBeNull();
    expect(Number(row![2])).toBe(packed!.entryCount);
    expect(Math.abs(Number(row![1]) - packed!.size / 1e6)).toBeLessThanOrEqual(0.05);
  });

  it('links and images only files the package carries (npm has no repository to resolve others against)', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
    const shipped = new Set(packed!.files.map((file) => file.path));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !shipped.has(target.replace(/^\.\//, '')))).toEqual([]);
  });

  it('has a license (and ships its text), keywords, and no invented repository URL', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(packed!.files.map((file) => file.path)).toContain('LICENSE');
    expect((manifest.keywords as string[]).length).toBeGreaterThan(3);
    // No public repository exists yet: when one does, add repository, homepage and bugs (npm then resolves links too).
    for (const field of ['repository', 'homepage', 'bugs']) if (field in manifest) expect(JSON.stringify(manifest[field])).toMatch(/^"?https?:|"url"/);
  });

  it('npm publish --dry-run warns about nothing in the package (only, where nobody is logged in, about that)', () => {
    const result = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const warnings = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /^npm (warn|WARN)/.test(line));
    expect(warnings.filter((line) => !/requires you to be logged in/.test(line))).toEqual([]);
  });
});
