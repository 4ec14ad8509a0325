// Keys going where they should not: a project .env redirecting the saved key, credentials, queries and
// fragments inside the base URL, plain http to another machine, and proxy credentials in doctor.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile.js';

const KEY = 'tvs_0123456789abcdef0123456789abcdef';
const dirs: { cleanup: () => void }[] = [];
let servers: HostileServer[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) dir.cleanup();
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function projectWithDotenvBaseUrl(): Promise<{ dir: string; server: HostileServer; env: Record<string, string> }> {
  const dir = tempDir('tavus-ten-trust-');
  dirs.push(dir);
  const server = await startHostileServer((_req, res) => json(res, 200, { data: [], total_count: 0 }));
  servers.push(server);
  const env = { TAVUS_TEN_CONFIG_DIR: join(dir.path, '.config') };
  const login = await runCli(['auth', 'login', '--with-key', '--no-verify'], { cwd: dir.path, env, input: `${KEY}\n` });
  expect(login.exitCode, login.stderr).toBe(0);
  writeFileSync(join(dir.path, '.env'), `TAVUS_API_BASE_URL=${server.url}\n`);
  return { dir: dir.path, server, env };
}

describe('a project .env cannot redirect the saved key', () => {
  it('a command is exit 3 naming both layers, and nothing is sent', async () => {
    const { dir, server, env } = await projectWithDotenvBaseUrl();
    const result = await runCli(['persona', 'list'], { cwd: dir, env });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/profile "default".*TAVUS_API_BASE_URL in .*\.env/s);
    expect(server.requests).toHaveLength(0);
  });

  it('auth status and doctor fail on it and say where each came from', async () => {
    const { dir, server, env } = await projectWithDotenvBaseUrl();
    const status = await runCli(['auth', 'status', '--json'], { cwd: dir, env });
    expect(status.exitCode).toBe(3);
    const doc = JSON.parse(status.stdout) as { api_key: { source: string }; base_url: { source: string } };
    expect([doc.api_key.source, doc.base_url.source]).toEqual(['profile', 'dotenv']);
    const doctor = await runCli(['doctor', '--json'], { cwd: dir, env });
    expect(doctor.exitCode).toBe(1);
    const checks = (JSON.parse(doctor.stdout) as { checks: { id: string; status: string; message: string }[] }).checks;
    expect(checks.find((check) => check.id === 'config.settings')).toMatchObject({ status: 'fail', message: expect.stringMatching(/a project file/) });
    expect(server.requests).toHaveLength(0);
  });

  it('auth status says the key was not checked, and why: valid is null, not false (the key was never sent)', async () => {
    const { dir, server, env } = await projectWithDotenvBaseUrl();
    const status = await runCli(['auth', 'status', '--json'], { cwd: dir, env });
    expect(status.exitCode).toBe(3);
    expect(JSON.parse(status.stdout)).toMatchObject({ valid: null, check: { error: { code: 'config_error', message: expect.stringMatching(/does not send a saved key/) } } });
    const human = await runCli(['auth', 'status'], { cwd: dir, env });
    expect(human.exitCode).toBe(3);
    expect(human.stdout).toMatch(/check: +\? key not checked \(nothing was sent\): The API key comes from profile "default".*does not send a saved key/);
    expect(human.stdout).not.toMatch(/rejected/);
    expect(server.requests).toHaveLength(0);
  });

  it('the same base URL passed as a flag is the user speaking, and is used', async () => {
    const { dir, server, env } = await projectWithDotenvBaseUrl();
    const result = await runCli(['persona', 'list', '--base-url', server.url], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the base URL', () => {
  for (const [url, what] of [
    ['https://user:hunter2pass@tavusapi.com', /user name or password/],
    ['https://tavusapi.com/?x=1', /query/],
    ['https://tavusapi.com/#frag', /fragment/],
    ['http://tavus.example.com', /plain http to tavus\.example\.com/],
  ] as const) {
    it(`${url} is exit 2, nothing sent and no password printed`, async () => {
      for (const args of [['persona', 'list'], ['persona', 'create', '--name', 'n', '--system-prompt', 'p', '--dry-run'], ['auth', 'status']]) {
        const result = await runCli([...args, '--base-url', url], { env: { TAVUS_API_KEY: KEY } });
        expect(result.exitCode, args.join(' ')).toBe(2);
        expect(result.stderr).toMatch(what);
        expect(result.stderr + result.stdout).not.toContain('hunter2pass');
      }
    });
  }
});

describe('doctor and proxies', () => {
  it('refuses a proxy with no scheme, and never prints its password', async () => {
    for (const value of ['proxy.example.com:3128', 'me:hunter2pass@proxy.example.com:3128']) {
      const result = await runCli(['doctor', '--offline', '--json'], { env: { HTTPS_PROXY: value } });
      const check = (JSON.parse(result.stdout) as { checks: { id: string; status: string; message: string }[] }).checks.find((c) => c.id === 'network.proxy');
      expect(check, value).toMatchObject({ status: 'fail', message: expect.stringMatching(/not an http\(s\) URL/) });
      expect(result.stdout + result.stderr).not.toContain('hunter2pass');
    }
  });
});
