// auth login / status / logout through the built CLI against the emulator: what is saved (and with
// which file mode), which key later commands send, where each setting comes from, and that the key
// itself never appears in any output.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';

// A key that looks like nothing else in the output, so a leak cannot hide.
const KEY = 'tvs_e2e_auth_9f8e7d6c5b4a3210';
const { emulator } = useEmulator({ apiKey: KEY });
let dir: { path: string; cleanup: () => void };
let configDir: string;
/** Every result of this file, checked at the end for the key. */
const outputs: Array<{ args: string[]; result: CliResult }> = [];

afterAll(() => {
  const leaks = outputs.filter(({ result }) => `${result.stdout}${result.stderr}`.includes(KEY)).map(({ args }) => args.join(' '));
  expect(leaks, 'the key must appear in no output').toEqual([]);
});
beforeEach(() => {
  dir = tempDir();
  configDir = join(dir.path, 'cfg');
});
afterEach(() => dir.cleanup());

/** Runs in the temp dir with only the config dir set (no key, no base URL) unless env says more. */
async function cli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  const result = await runCli(args, { cwd: dir.path, env: { TAVUS_TEN_CONFIG_DIR: configDir, ...opts.env }, input: opts.input });
  outputs.push({ args, result });
  return result;
}

function savedConfig(): { profiles: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
}

describe('auth login', () => {
  it('reads the key from stdin, checks it, saves it 0600, and later commands use it with no env', async () => {
    const login = await cli(['auth', 'login', '--with-key', '--base-url', emulator.url], { input: `${KEY}\n` });
    expect(login.exitCode).toBe(0);
    expect(login.stdout).toBe('');
    expect(login.stderr).toMatch(/Tavus accepted the key\. Saved the key in profile "default" \(tvs_…3210/);
    // The check: one cheap authenticated GET with the new key.
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({ method: 'GET', path: '/v2/replicas', query: { limit: '1' } });
    expect(emulator.requests[0]!.headers['x-api-key']).toBe(KEY);

    const file = join(configDir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    expect(savedConfig().profiles.default).toEqual({ api_key: KEY, base_url: emulator.url });

    emulator.reset();
    const list = await cli(['replica', 'get', 'r90bbd427f71', '-q']);
    expect(list).toMatchObject({ exitCode: 0, stdout: 'r90bbd427f71\n' });
    expect(emulator.requests[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('a rejected key is exit 3 and nothing is saved', async () => {
    const result = await cli(['auth', 'login', '--with-key', '--base-url', emulator.url], { input: 'tvs_not_the_right_key_00\n' });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/Tavus rejected the API key \(401 .*\)\. Nothing was saved\./);
    expect(result.stderr).not.toContain('tvs_not_the_right_key_00');
    expect(existsSync(join(configDir, 'config.json'))).toBe(false);
  });

  it('--json prints what was saved; --no-verify sends nothing', async () => {
    const result = await cli(['auth', 'login', '--with-key', '--no-verify', '--profile', 'staging', '--base-url', emulator.url, '--json'], {
      input: KEY,
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      profile: 'staging',
      api_key: { masked: 'tvs_…3210' },
      verified: false,
      base_url: emulator.url,
      created: true,
      config_path: join(configDir, 'config.json'),
    });
    expect(emulator.requests).toHaveLength(0);
    expect(savedConfig().profiles.staging).toEqual({ api_key: KEY, base_url: emulator.url });
  });

  it('never takes the key from argv: a positional key or --api-key is exit 2, unrepeated, and nothing is sent', async () => {
    for (const args of [
      ['auth', 'login', KEY],
      ['auth', 'login', '--with-key', KEY],
      ['auth', 'login', '--api-key', KEY],
    ]) {
      const result = await cli([...args, '--base-url', emulator.url], { input: KEY });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/shell history/);
    }
    expect(emulator.requests).toHaveLength(0);
    expect(existsSync(join(configDir, 'config.json'))).toBe(false);
  });

  it('refuses a positional key before reading any setting: a corrupt config file does not hide the reason', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), '{ not json');
    const result = await cli(['auth', 'login', KEY]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/`auth login` takes no arguments/);
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe('{ not json');
  });

  it('without a TTY and without --with-key it says how to pipe the key (exit 2); empty or spaced keys are exit 2', async () => {
    const noKey = await cli(['auth', 'login', '--base-url', emulator.url]);
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr).toMatch(/--with-key/);
    const empty = await cli(['auth', 'login', '--with-key', '--base-url', emulator.url], { input: '\n' });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/Invalid API key: it is empty/);
    const spaced = await cli(['auth', 'login', '--with-key', '--base-url', emulator.url], { input: 'tvs one two\n' });
    expect(spaced.exitCode).toBe(2);
    expect(spaced.stderr).not.toMatch(/tvs one two/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('keeps the other settings of the profile, and warns when TAVUS_API_KEY will still win', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ profiles: { default: { persona_id: 'p123', base_url: emulator.url } } }));
    const result = await cli(['auth', 'login', '--with-key'], { input: KEY, env: { TAVUS_API_KEY: 'tvs_from_env_key_1234' } });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/TAVUS_API_KEY in the environment takes precedence over the saved key/);
    expect(savedConfig().profiles.default).toEqual({ persona_id: 'p123', base_url: emulator.url, api_key: KEY });
    // An existing 0644 file is tightened.
    expect(statSync(join(configDir, 'config.json')).mode & 0o777).toBe(0o600);
  });
});

describe('auth status', () => {
  it('shows which source wins: flag > env > .env > profile', async () => {
    await cli(['auth', 'login', '--with-key', '--no-verify', '--base-url', emulator.url], { input: 'tvs_profile_key_1111' });
    const status = async (extra: string[], env: Record<string, string> = {}) => {
      const result = await cli(['auth', 'status', '--json', '--offline', ...extra], { env });
      expect(result.exitCode).toBe(0);
      return JSON.parse(result.stdout) as { api_key: { masked: string; source: string; origin: string } };
    };
    expect((await status([])).api_key).toMatchObject({ masked: 'tvs_…1111', source: 'profile' });

    writeFileSync(join(dir.path, '.env'), 'TAVUS_API_KEY=tvs_dotenv_key_2222\n');
    expect((await status([])).api_key).toMatchObject({ masked: 'tvs_…2222', source: 'dotenv', origin: `TAVUS_API_KEY in ${join(dir.path, '.env')}` });

    const env = { TAVUS_API_KEY: 'tvs_env_key_3333' };
    expect((await status([], env)).api_key).toMatchObject({ masked: 'tvs_…3333', source: 'env', origin: 'TAVUS_API_KEY' });

    expect((await status(['--api-key', 'tvs_flag_key_4444'], env)).api_key).toMatchObject({ masked: 'tvs_…4444', source: 'flag', origin: '--api-key' });
    expect(emulator.requests).toHaveLength(0);
  });

  it('checks the key live: accepted is exit 0 with the documented JSON shape', async () => {
    await cli(['auth', 'login', '--with-key', '--base-url', emulator.url, '--profile', 'prod'], { input: KEY });
    emulator.reset();
    const result = await cli(['auth', 'status', '--json'], { env: { TAVUS_TEN_PROFILE: 'prod' } });
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      profile: { name: 'prod', source: 'env', origin: 'TAVUS_TEN_PROFILE', saved: true },
      api_key: { set: true, masked: 'tvs_…3210', source: 'profile', origin: `profile "prod" (${join(configDir, 'config.json')})` },
      base_url: { value: emulator.url, source: 'profile' },
      valid: true,
      check: { error: null },
      config_path: join(configDir, 'config.json'),
      dotenv_path: null,
      profiles: ['prod'],
    });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]!.headers['x-api-key']).toBe(KEY);

    const human = await cli(['auth', 'status', '--profile', 'prod']);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/profile:\s+prod — --profile flag/);
    expect(human.stdout).toMatch(/api key:\s+tvs_…3210 — profile "prod"/);
    expect(human.stdout).toMatch(/check:\s+✓ Tavus accepted the key/);
  });

  it('a rejected key is exit 3: the status on stdout, the error on stderr', async () => {
    const result = await cli(['auth', 'status', '--json'], { env: { TAVUS_API_KEY: 'tvs_wrong_key_5555', TAVUS_API_BASE_URL: emulator.url } });
    expect(result.exitCode).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ valid: false, api_key: { set: true, masked: 'tvs_…5555', source: 'env' }, check: { error: { code: 'auth_error', status: 401 } } });
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'auth_error', status: 401 } });
  });

  it('no key at all is exit 3, and nothing is sent', async () => {
    const result = await cli(['auth', 'status', '--json'], { env: { TAVUS_API_BASE_URL: emulator.url } });
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ api_key: { set: false, masked: null, source: null }, valid: null, check: null });
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'config_error', message: 'No Tavus API key is set.' });
    const human = await cli(['auth', 'status'], { env: { TAVUS_API_BASE_URL: emulator.url } });
    expect(human.exitCode).toBe(3);
    expect(human.stderr).toMatch(/auth login/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('an unreachable API is exit 6 with valid: null', async () => {
    const result = await cli(['auth', 'status', '--json', '--timeout', '5'], { env: { TAVUS_API_KEY: KEY, TAVUS_API_BASE_URL: 'http://127.0.0.1:9' } });
    expect(result.exitCode).toBe(6);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: null, check: { error: { code: 'network_error' } } });
  });
});

describe('auth logout', () => {
  it("removes the key but keeps the profile's other settings; removes an emptied profile", async () => {
    await cli(['auth', 'login', '--with-key', '--no-verify', '--base-url', emulator.url], { input: KEY });
    await cli(['auth', 'login', '--with-key', '--no-verify', '--profile', 'ci'], { input: KEY });
    const first = await cli(['auth', 'logout', '--json']);
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ profile: 'default', removed: true, profile_removed: false });
    expect(savedConfig().profiles.default).toEqual({ base_url: emulator.url });

    const second = await cli(['auth', 'logout', '--profile', 'ci']);
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toMatch(/Removed the key saved in profile "ci" \(nothing else was in it, so the profile is gone\)/);
    expect(Object.keys(savedConfig().profiles)).toEqual(['default']);

    const again = await cli(['auth', 'logout']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/No key is saved in profile "default"; nothing to do/);

    // Idempotent: logging out of the profile just removed (or one never saved) is exit 0 saying so, and creates nothing.
    const before = readFileSync(join(configDir, 'config.json'), 'utf8');
    const unknown = await cli(['auth', 'logout', '--profile', 'ci']);
    expect(unknown.exitCode, unknown.stderr).toBe(0);
    expect(unknown.stderr).toContain('No profile "ci" is saved (profiles: default); nothing to remove.');
    const json = await cli(['auth', 'logout', '--profile', 'ci', '--json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ profile: 'ci', removed: false, profile_removed: false });
    expect(readFileSync(join(configDir, 'config.json'), 'utf8')).toBe(before);
  });

  it('a corrupt config file is an error naming it, and is left as it was', async () => {
    mkdirSync(configDir, { recursive: true });
    const file = join(configDir, 'config.json');
    writeFileSync(file, '{"profiles": {"default": {"api_key": 42}}}');
    for (const args of [['auth', 'status'], ['auth', 'logout'], ['auth', 'login', '--with-key', '--no-verify']]) {
      const result = await cli(args, { input: KEY });
      expect(result.exitCode, args.join(' ')).toBe(3);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(/profiles\.default\.api_key/);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"profiles": {"default": {"api_key": 42}}}');
  });
});
