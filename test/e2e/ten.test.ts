// `tavus-ten ten init` through the built CLI: the files written, never an overwrite without --force.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const scratch = tempDir('tavus-ten-ten-');
afterAll(() => scratch.cleanup());

let counter = 0;
function freshDir(): string {
  const dir = join(scratch.path, `case-${++counter}`);
  mkdirSync(dir);
  return dir;
}

const read = (path: string) => readFileSync(path, 'utf8');

describe('ten init', () => {
  it('writes the Daily app by default, prints the files and the next steps', async () => {
    const cwd = freshDir();
    const result = await runCli(['ten', 'init', 'agent'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['agent/tenapp/manifest.json', 'agent/tenapp/property.json', 'agent/.env.example']);
    const manifest = JSON.parse(read(join(cwd, 'agent/tenapp/manifest.json')));
    expect(manifest).toMatchObject({ name: 'tavus_digital_human', dependencies: [{ name: 'ten_runtime_go', version: '0.11' }] });
    const property = JSON.parse(read(join(cwd, 'agent/tenapp/property.json')));
    expect(property.ten.predefined_graphs[0]).toMatchObject({ name: 'tavus_digital_human', auto_start: true, graph: { nodes: [] } });
    expect(read(join(cwd, 'agent/.env.example'))).toMatch(/^TAVUS_API_KEY=$/m);
    expect(result.stderr).toMatch(/Next steps/);
    expect(result.stderr).toContain('tavus-ten doctor --tenapp agent/tenapp');
    expect(result.stderr).toContain('tavus-ten serve --env-file agent/.env');
  });

  it('into the current directory it says so in words (not "in .."), and names another directory as given', async () => {
    const here = await runCli(['ten', 'init'], { cwd: freshDir() });
    expect(here.exitCode).toBe(0);
    expect(here.stderr).toContain('✓ Wrote the TEN app for Daily (Tavus CVI) in the current directory.\n');
    expect(here.stderr).not.toContain('in ..');
    const dot = await runCli(['ten', 'init', '.'], { cwd: freshDir() });
    expect(dot.stderr).toContain('in the current directory.\n');
    const named = await runCli(['ten', 'init', 'agent'], { cwd: freshDir() });
    expect(named.stderr).toContain('✓ Wrote the TEN app for Daily (Tavus CVI) in agent.\n');
  });

  it('--mode livekit writes the LiveKit graph and its variables; --json reports the files', async () => {
    const cwd = freshDir();
    const result = await runCli(['ten', 'init', '--mode', 'livekit', '--json'], { cwd });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dir: cwd, mode: 'livekit' });
    const files = report.files.map((f: { name: string; action: string }) => [f.name, f.action]);
    expect(files.slice(0, 3)).toEqual([
      ['tenapp/manifest.json', 'created'],
      ['tenapp/property.json', 'created'],
      ['.env.example', 'created'],
    ]);
    // Then the livekit_rtc extension's source, identical to the package's template.
    const extension = files.slice(3).map(([name]: [string]) => name);
    expect(extension).toEqual(expect.arrayContaining(['tenapp/ten_packages/extension/livekit_rtc/manifest.json', 'tenapp/ten_packages/extension/livekit_rtc/src/index.ts']));
    for (const name of extension) {
      expect(read(join(cwd, name))).toBe(read(join(import.meta.dirname, '../../templates/ten', name.replace('tenapp/ten_packages/extension/', ''))));
    }
    const steps = report.next_steps.join('\n');
    expect(steps).toMatch(/doctor --mode livekit --tenapp tenapp/);
    // The steps end with the app running on TEN and the avatar joining through conversation start.
    expect(steps).toMatch(/tman install && \.\/scripts\/install_deps\.sh && \.\/scripts\/build\.sh/);
    expect(report.next_steps.at(-2)).toMatch(/tman run start/);
    expect(report.next_steps.at(-1)).toMatch(/^tavus-ten conversation start --transport livekit /);
    expect(steps).not.toMatch(/is your own/);
    const property = read(join(cwd, 'tenapp/property.json'));
    expect(JSON.parse(property).ten.predefined_graphs[0].name).toBe('tavus_livekit');
    expect(property).toContain('${env:LIVEKIT_URL}');
    const env = read(join(cwd, '.env.example'));
    for (const name of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'DEEPGRAM_API_KEY', 'OPENAI_API_KEY', 'ELEVENLABS_TTS_KEY']) {
      expect(env).toMatch(new RegExp(`^${name}=$`, 'm'));
    }
    expect(env).toMatch(/^OPENAI_MODEL=gpt-4o-mini$/m);
  });

  it('refuses to overwrite existing files (exit 2, nothing written); --force replaces them', async () => {
    const cwd = freshDir();
    mkdirSync(join(cwd, 'tenapp'));
    writeFileSync(join(cwd, 'tenapp/property.json'), '{"mine": true}\n');
    const refused = await runCli(['ten', 'init'], { cwd });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/tenapp\/property\.json/);
    expect(refused.stderr).toMatch(/--force/);
    expect(read(join(cwd, 'tenapp/property.json'))).toBe('{"mine": true}\n');
    expect(existsSync(join(cwd, 'tenapp/manifest.json'))).toBe(false);
    expect(existsSync(join(cwd, '.env.example'))).toBe(false);

    const forced = await runCli(['ten', 'init', '--force', '--json'], { cwd });
    expect(forced.exitCode).toBe(0);
    const report = JSON.parse(forced.stdout);
    expect(report.files.find((f: { name: string }) => f.name === 'tenapp/property.json').action).toBe('overwritten');
    expect(JSON.parse(read(join(cwd, 'tenapp/property.json'))).ten).toBeDefined();
  });

  it('a bad --mode is exit 2 naming the choices; a file in the way of DIR is exit 2', async () => {
    const cwd = freshDir();
    const mode = await runCli(['ten', 'init', '--mode', 'agora'], { cwd });
    expect(mode.exitCode).toBe(2);
    expect(mode.stderr).toMatch(/--mode/);
    expect(mode.stderr).toMatch(/daily, livekit/);
    writeFileSync(join(cwd, 'file'), '');
    const notDir = await runCli(['ten', 'init', 'file'], { cwd });
    expect(notDir.exitCode).toBe(2);
    expect(notDir.stderr).toMatch(/not a directory/);
  });
});

describe('ten init, then doctor --tenapp', () => {
  it('the generated LiveKit app passes doctor once its variables are set, and fails naming them until then', async () => {
    const cwd = freshDir();
    expect((await runCli(['ten', 'init', 'agent', '--mode', 'livekit'], { cwd })).exitCode).toBe(0);
    const placeholders = [...read(join(cwd, 'agent/tenapp/property.json')).matchAll(/\$\{env:([A-Z0-9_]+)(\|[^}]*)?\}/g)];
    const required = [...new Set(placeholders.filter((m) => m[2] === undefined).map((m) => m[1]!))];
    expect(required).toEqual(expect.arrayContaining(['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'DEEPGRAM_API_KEY', 'OPENAI_API_KEY']));

    const tenChecks = (stdout: string) =>
      (JSON.parse(stdout) as { checks: Array<{ id: string; status: string }> }).checks.filter((check) => check.id.startsWith('tenapp.'));

    const unset = await runCli(['doctor', '--tenapp', 'agent/tenapp', '--offline', '--json'], { cwd });
    expect(unset.exitCode).toBe(1);
    const failing = tenChecks(unset.stdout).filter((check) => check.status === 'fail').map((check) => check.id);
    expect(failing.sort()).toEqual(required.map((name) => `tenapp.env.${name}`).sort());

    const values = Object.fromEntries(required.map((name) => [name, name === 'LIVEKIT_URL' ? 'wss://ten-demo.livekit.cloud' : `value-for-${name}-0123456789abcdef0123456789`]));
    const set = await runCli(['doctor', '--tenapp', 'agent/tenapp', '--offline', '--json'], { cwd, env: values });
    const checks = tenChecks(set.stdout);
    expect(checks.find((check) => check.id === 'tenapp.property_json')?.status).toBe('pass');
    expect(checks.filter((check) => check.status === 'fail')).toEqual([]);
  });
});
