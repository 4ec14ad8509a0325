// config get / set / unset / list / path and profiles, through the built CLI: what is written, how
// values are checked, that secrets are never printed, and that a broken file is never wiped.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const SECRET = 'lk_secret_e2e_Zq8Wv1Xy7Uu2';
const { emulator } = useEmulator();
let dir: { path: string; cleanup: () => void };
let configDir: string;
let file: string;
const outputs: CliResult[] = [];

afterAll(() => {
  expect(outputs.filter((result) => `${result.stdout}${result.stderr}`.includes(SECRET))).toEqual([]);
});
beforeEach(() => {
  dir = tempDir();
  configDir = join(dir.path, 'cfg');
  file = join(configDir, 'config.json');
});
afterEach(() => dir.cleanup());

async function cli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  const result = await runCli(args, { cwd: dir.path, env: { TAVUS_TEN_CONFIG_DIR: configDir, ...opts.env }, input: opts.input });
  outputs.push(result);
  return result;
}

function saved(): { profiles: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('config set / get / unset', () => {
  it('saves validated values in the profile (0600), reads them back, and commands use them', async () => {
    expect((await cli(['config', 'set', 'base_url', emulator.url])).exitCode).toBe(0);
    const persona = await cli(['config', 'set', 'persona', 'pcb7a34da5fe']); // "persona" is accepted for persona_id
    expect(persona.exitCode).toBe(0);
    expect(persona.stderr).toMatch(/Set persona_id to pcb7a34da5fe in profile "default"/);
    expect((await cli(['config', 'set', 'timeout', '45'])).exitCode).toBe(0);
    expect((await cli(['config', 'set', 'livekit-url', 'wss://demo.livekit.cloud'])).exitCode).toBe(0);
    expect(saved().profiles.default).toEqual({
      base_url: emulator.url,
      persona_id: 'pcb7a34da5fe',
      timeout: 45,
      livekit_url: 'wss://demo.livekit.cloud',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    expect(await cli(['config', 'get', 'persona_id'])).toMatchObject({ exitCode: 0, stdout: 'pcb7a34da5fe\n' });
    expect(JSON.parse((await cli(['config', 'get', 'timeout', '--json'])).stdout)).toEqual({
      profile: 'default',
      key: 'timeout',
      value: 45,
      effective: { value: 45, source: 'profile', origin: `profile "default" (${file})` },
    });

    // The saved base URL is where commands go.
    const list = await cli(['replica', 'get', 'r90bbd427f71', '-q'], { env: { TAVUS_API_KEY: emulator.apiKey } });
    expect(list).toMatchObject({ exitCode: 0, stdout: 'r90bbd427f71\n' });
    expect(emulator.requests).toHaveLength(1);

    const unset = await cli(['config', 'unset', 'timeout']);
    expect(unset.exitCode).toBe(0);
    expect(saved().profiles.default).not.toHaveProperty('timeout');
    const gone = await cli(['config', 'get', 'timeout']);
    expect(gone).toMatchObject({ exitCode: 0, stdout: '' });
    expect(gone.stderr).toMatch(/timeout is not set in profile "default"[\s\S]*In use: 30 \(default\)/);
    expect((await cli(['config', 'unset', 'timeout'])).stderr).toMatch(/nothing to do/);
  });

  it('rejects bad values and unknown keys with exit 2, and writes nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['config', 'set', 'base_url', 'tavusapi.com'], /Invalid value "tavusapi\.com" for base_url/],
      [['config', 'set', 'base_url', 'ftp://x.example'], /base_url/],
      [['config', 'set', 'timeout', '0'], /timeout: it must be more than 0/],
      [['config', 'set', 'timeout', 'soon'], /timeout: expected a number of seconds/],
      [['config', 'set', 'persona_id', 'p/../x'], /persona_id: ids use letters/],
      [['config', 'set', 'livekit_url', 'not a url'], /livekit_url/],
      [['config', 'set', 'persona_id'], /Missing the value for persona_id/],
      [['config', 'set', 'persona_id', 'p1', '--stdin'], /either as an argument or with --stdin/],
      [['config', 'set', 'api_key', 'x'], /auth login/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    for (const verb of ['get', 'set', 'unset']) {
      const result = await cli(['config', verb, 'colour', ...(verb === 'set' ? ['x'] : []), '--json']);
      expect(result.exitCode).toBe(2);
      const error = JSON.parse(result.stderr).error;
      expect(error.message).toBe('Unknown config key "colour".');
      expect(error.hint).toMatch(/Valid keys: api_key, base_url, replica_id, persona_id, livekit_url, livekit_api_key, livekit_api_secret, livekit_room, livekit_agent_identity, timeout/);
    }
    expect(() => statSync(file)).toThrow();
    expect(emulator.requests).toHaveLength(0);
  });

  it('takes the LiveKit secret only from stdin (or a prompt), never as an argument, and never prints it', async () => {
    const refused = await cli(['config', 'set', 'livekit_api_secret', SECRET]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/never taken as an argument/);
    expect(refused.stderr).toMatch(/--stdin/);

    const noInput = await cli(['config', 'set', 'livekit_api_secret']);
    expect(noInput.exitCode).toBe(2);
    expect(noInput.stderr).toMatch(/pipe it with --stdin/);

    const piped = await cli(['config', 'set', 'livekit_api_secret', '--stdin'], { input: `${SECRET}\n` });
    expect(piped.exitCode).toBe(0);
    expect(piped.stderr).toMatch(/Set livekit_api_secret to lk_…7Uu2 in profile "default"/);
    expect(saved().profiles.default).toEqual({ livekit_api_secret: SECRET });

    expect((await cli(['config', 'get', 'livekit_api_secret'])).stdout).toBe('lk_…7Uu2\n');
    const list = JSON.parse((await cli(['config', 'list', '--json'])).stdout) as Array<{ key: string; value: unknown; saved: unknown }>;
    expect(list.find((row) => row.key === 'livekit_api_secret')).toMatchObject({ value: 'lk_…7Uu2', saved: 'lk_…7Uu2' });
    // Even --verbose with the secret in the environment too.
    const verbose = await cli(['config', 'list', '--verbose'], { env: { LIVEKIT_API_SECRET: SECRET } });
    expect(verbose.exitCode).toBe(0);
  });

  it('refuses a base URL every command would refuse (user:pass@, a query, plain http to another machine), never echoing a password', async () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      ['https://user:hunter2pw@example.com', /base_url: it carries a user name or password; nothing was saved/, /Remove the user:pass@ part/],
      ['http://example.com', /base_url: it is plain http to example\.com, which would send your API key unencrypted/, /Use https:\/\/, or set TAVUS_TEN_ALLOW_HTTP=1/],
      ['https://example.com/?region=eu', /base_url: it has a query/, /scheme, host and path/],
      ['ftp://user:hunter2pw@example.com', /Invalid value "ftp:\/\/•••@example\.com" for base_url/, /config set base_url/],
    ];
    for (const [value, message, hint] of cases) {
      const result = await cli(['config', 'set', 'base_url', value, '--json']);
      expect(result.exitCode, value).toBe(2);
      const error = JSON.parse(result.stderr).error;
      expect(error.message, value).toMatch(message);
      expect(error.hint, value).toMatch(hint);
      expect(result.stdout + result.stderr, value).not.toContain('hunter2pw');
    }
    expect(() => statSync(file)).toThrow();

    // What the commands accept is accepted: loopback http, and plain http when TAVUS_TEN_ALLOW_HTTP=1 says so.
    expect((await cli(['config', 'set', 'base_url', emulator.url])).exitCode).toBe(0);
    const allowed = await cli(['config', 'set', 'base_url', 'http://proxy.example:8080'], { env: { TAVUS_TEN_ALLOW_HTTP: '1' } });
    expect(allowed.exitCode).toBe(0);
    expect(saved().profiles.default).toEqual({ base_url: 'http://proxy.example:8080' });
    expect(emulator.requests).toHaveLength(0);
  });

  it('a refused base URL already in the file is shown without its password, and config set can still fix it', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ profiles: { default: { base_url: 'https://user:hunter2pw@example.com', persona_id: 'p1' } } }));
    const env = { TAVUS_API_KEY: emulator.apiKey };

    const refused = await cli(['replica', 'list'], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/The API base URL from profile "default" .* carries a user name or password/);
    expect((await cli(['doctor'], { env })).exitCode).toBe(1);

    const get = await cli(['config', 'get', 'base_url']);
    expect(get).toMatchObject({ exitCode: 0, stdout: 'https://•••@example.com\n' });
    expect(get.stderr).toMatch(/carries a user name or password\. Commands that call the API refuse it until it is changed/);
    expect(JSON.parse((await cli(['config', 'get', 'base_url', '--json'])).stdout)).toMatchObject({ value: 'https://•••@example.com' });
    const list = JSON.parse((await cli(['config', 'list', '--json'])).stdout) as Array<{ key: string; value: unknown; saved: unknown }>;
    expect(list.find((row) => row.key === 'base_url')).toMatchObject({ value: 'https://•••@example.com', saved: 'https://•••@example.com' });
    expect((await cli(['config', 'list', '--profiles'])).stdout).toMatch(/default\s+\*\s+-\s+https:\/\/•••@example\.com\s+p1/);
    expect(JSON.parse((await cli(['config', 'list', '--profiles', '--json'])).stdout)).toEqual([
      { name: 'default', active: true, values: { base_url: 'https://•••@example.com', persona_id: 'p1' } },
    ]);

    const fixed = await cli(['config', 'set', 'base_url', emulator.url]);
    expect(fixed.exitCode).toBe(0);
    expect(saved().profiles.default).toEqual({ base_url: emulator.url, persona_id: 'p1' });
    expect((await cli(['replica', 'list', '-q'], { env })).exitCode).toBe(0);
    expect(emulator.requests).toHaveLength(1);
    for (const result of outputs) expect(result.stdout + result.stderr).not.toContain('hunter2pw');
  });

  it('warns when a flag, the environment or .env overrides what was saved, and about a LiveKit URL Tavus cannot reach', async () => {
    const shadowed = await cli(['config', 'set', 'replica_id', 'r90bbd427f71'], { env: { TAVUS_REPLICA_ID: 'rabc' } });
    expect(shadowed.exitCode).toBe(0);
    expect(shadowed.stderr).toMatch(/TAVUS_REPLICA_ID in the environment overrides the saved value/);
    const local = await cli(['config', 'set', 'livekit_url', 'ws://localhost:7880']);
    expect(local.exitCode).toBe(0);
    expect(local.stderr).toMatch(/Tavus's cloud cannot reach/);
  });
});

describe('config list and profiles', () => {
  it('lists every key with its value and source; secrets masked', async () => {
    await cli(['config', 'set', 'persona_id', 'p_saved']);
    writeFileSync(join(dir.path, '.env'), 'TAVUS_REPLICA_ID=r_dotenv\n');
    const result = await cli(['config', 'list', '--json'], { env: { TAVUS_API_KEY: 'tvs_env_key_abcd1234' } });
    expect(result.exitCode).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((row) => row.key)).toEqual([
      'api_key',
      'base_url',
      'replica_id',
      'persona_id',
      'livekit_url',
      'livekit_api_key',
      'livekit_api_secret',
      'livekit_room',
      'livekit_agent_identity',
      'timeout',
    ]);
    expect(rows[0]).toEqual({ key: 'api_key', value: 'tvs_…1234', source: 'env', origin: 'TAVUS_API_KEY', saved: null });
    expect(rows[1]).toMatchObject({ key: 'base_url', value: 'https://tavusapi.com', source: 'default' });
    expect(rows[2]).toMatchObject({ key: 'replica_id', value: 'r_dotenv', source: 'dotenv' });
    expect(rows[3]).toMatchObject({ key: 'persona_id', value: 'p_saved', source: 'profile', saved: 'p_saved' });
    expect(rows[4]).toMatchObject({ key: 'livekit_url', value: null, source: null });

    const piped = await cli(['config', 'list'], { env: { TAVUS_API_KEY: 'tvs_env_key_abcd1234' } });
    expect(piped.stdout).toMatch(/^persona_id\tp_saved\tprofile "default"/m);
    expect(piped.stdout).not.toContain('tvs_env_key_abcd1234');
  });

  it('--profiles lists the saved profiles and marks the active one; profiles are chosen by --profile or TAVUS_TEN_PROFILE', async () => {
    const empty = await cli(['config', 'list', '--profiles', '--json']);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    await cli(['config', 'set', 'base_url', 'https://staging.example.com', '--profile', 'staging']);
    await cli(['config', 'set', 'persona_id', 'p_prod', '--profile', 'production']);
    const list = await cli(['config', 'list', '--profiles', '--json'], { env: { TAVUS_TEN_PROFILE: 'staging' } });
    expect(JSON.parse(list.stdout)).toEqual([
      { name: 'production', active: false, values: { persona_id: 'p_prod' } },
      { name: 'staging', active: true, values: { base_url: 'https://staging.example.com' } },
    ]);
    expect((await cli(['config', 'list', '--profiles', '-q'])).stdout).toBe('production\nstaging\n');
    expect((await cli(['config', 'get', 'persona_id'], { env: { TAVUS_TEN_PROFILE: 'production' } })).stdout).toBe('p_prod\n');

    // Listing profiles still works when TAVUS_TEN_PROFILE names one that is gone.
    const stale = await cli(['config', 'list', '--profiles', '-q'], { env: { TAVUS_TEN_PROFILE: 'old' } });
    expect(stale).toMatchObject({ exitCode: 0, stdout: 'production\nstaging\n' });

    const unknown = await cli(['config', 'get', 'persona_id', '--profile', 'prod']);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toMatch(/Unknown profile "prod" \(from --profile\)/);
    expect(unknown.stderr).toMatch(/Existing profiles: production, staging/);
    expect(unknown.stderr).toMatch(/tavus-ten auth login --profile prod/);

    // Unsetting the last value removes the profile.
    const last = await cli(['config', 'unset', 'persona_id', '--profile', 'production']);
    expect(last.stderr).toMatch(/so the profile is gone/);
    expect(Object.keys(saved().profiles)).toEqual(['staging']);
  });

  it('an invalid profile name is exit 2', async () => {
    const result = await cli(['config', 'set', 'persona_id', 'p1', '--profile', '../etc']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Invalid profile name/);
  });
});

describe('the config file', () => {
  it('`config path` prints it, even when it is broken', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(file, 'not json');
    const result = await cli(['config', 'path']);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${file}\n` });
    expect(JSON.parse((await cli(['config', 'path', '--json'])).stdout)).toEqual({ config_path: file });
  });

  it('a corrupt file is exit 3 naming it, for every command that reads it, and it is never rewritten', async () => {
    mkdirSync(configDir, { recursive: true });
    const broken = '{"profiles": {"default": {"base_url": "ftp://nope"}}, "extra": 1}';
    writeFileSync(file, broken);
    chmodSync(file, 0o644);
    const commands = [
      ['config', 'get', 'base_url'],
      ['config', 'set', 'persona_id', 'p1'],
      ['config', 'unset', 'base_url'],
      ['config', 'list'],
      ['config', 'list', '--profiles'],
      ['replica', 'list'],
    ];
    for (const args of commands) {
      const result = await cli(args, { env: { TAVUS_API_KEY: emulator.apiKey } });
      expect(result.exitCode, args.join(' ')).toBe(3);
      expect(result.stderr).toContain(`The config file ${file} is invalid at profiles.default.base_url`);
    }
    writeFileSync(file, '{"profiles": {');
    const json = await cli(['config', 'list', '--json']);
    expect(json.exitCode).toBe(3);
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'config_error' });
    expect(JSON.parse(json.stderr).error.message).toContain(`${file} is not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe('{"profiles": {');
    expect(emulator.requests).toHaveLength(0);
  });

  it('keeps unknown top-level fields of the file when writing', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ profiles: {}, note: 'kept' }));
    expect((await cli(['config', 'set', 'persona_id', 'p1'])).exitCode).toBe(0);
    expect(saved()).toEqual({ profiles: { default: { persona_id: 'p1' } }, note: 'kept' });
  });
});
