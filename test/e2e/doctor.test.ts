// doctor through the built CLI against the emulator: environment, Tavus and name checks, each in its
// pass and fail states; --json, --offline, human output, exit codes, and what the emulator received.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir, type CliOptions } from '../helpers/cli.js';
import { runDoctorJson } from '../helpers/doctor.js';

const { emulator, env } = useEmulator();

function doctor(args: string[], options: CliOptions = {}) {
  return runDoctorJson(args, env, options);
}

async function createPersona(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${emulator.url}/v2/personas`, {
    method: 'POST',
    headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const created = (await response.json()) as { persona_id: string };
  emulator.requests.length = 0;
  return created.persona_id;
}

describe('doctor: a healthy Daily setup', () => {
  it('--json: every check passes or skips, exit 0, one cheap authenticated GET and the two lookups', async () => {
    const result = await doctor([], { env: { TAVUS_REPLICA_ID: 'r90bbd427f71', TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    expect(result.exitCode).toBe(0);
    expect(result.report.ok).toBe(true);
    expect(result.report.mode).toBe('daily');
    expect(result.report.checks.map((c) => c.id)).toEqual([
      'node.version',
      'config.file',
      'config.profile',
      'config.settings',
      'network.proxy',
      'tavus.key',
      'tavus.auth',
      'tavus.replica',
      'tavus.persona',
      'names.aliases',
    ]);
    for (const check of result.report.checks) {
      expect(Object.keys(check).sort()).toEqual(['hint', 'id', 'message', 'status']);
      expect(check.status, `${check.id}: ${check.message}`).toBe('pass');
    }
    expect(result.check('tavus.replica').message).toMatch(/r90bbd427f71.*"Anna" is completed/);
    expect(result.check('tavus.persona').message).toMatch(/pcb7a34da5fe "Life Coach"/);
    expect(result.check('config.settings').message).toMatch(/replica r90bbd427f71 \(TAVUS_REPLICA_ID\)/);
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/replicas',
      'GET /v2/replicas/r90bbd427f71',
      'GET /v2/personas/pcb7a34da5fe',
    ]);
    expect(emulator.requests[0]!.query).toMatchObject({ limit: '1' });
    expect(emulator.requests.every((r) => r.headers['x-api-key'] === emulator.apiKey)).toBe(true);
    // The key is masked everywhere.
    expect(result.stdout).not.toContain(emulator.apiKey);
    expect(result.check('tavus.key').message).toMatch(/^tvs_…0000 from TAVUS_API_KEY/);
  });

  it('human output: a grouped checklist with symbols, no colour when piped, hints under problems', async () => {
    const result = await runCli(['doctor'], { env: { ...env, TAVUS_REPLICA_ID: 'r3f427f41a5e' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toMatch(/\x1b\[/);
    expect(result.stdout).toMatch(/^Mode: daily/);
    expect(result.stdout).toMatch(/\nEnvironment\n {2}✓ node\.version/);
    expect(result.stdout).toMatch(/\nTavus\n/);
    expect(result.stdout).toMatch(/ {2}! tavus\.replica +Replica r3f427f41a5e .* is still training \(status started, 40\/100\)/);
    expect(result.stdout).toMatch(/↳ Wait for training to finish/);
    expect(result.stdout).toMatch(/1 warning, \d+ passed/);
  });
});

describe('doctor: the Tavus key', () => {
  it('no key: tavus.key fails, the API checks are skipped, nothing is sent, exit 1', async () => {
    const result = await doctor([], { env: { TAVUS_API_KEY: undefined, TAVUS_REPLICA_ID: 'r90bbd427f71' } });
    expect(result.exitCode).toBe(1);
    expect(result.report.ok).toBe(false);
    expect(result.check('tavus.key')).toMatchObject({ status: 'fail', hint: expect.stringMatching(/auth login|TAVUS_API_KEY/) });
    expect(result.check('tavus.auth').status).toBe('skip');
    expect(result.check('tavus.replica').status).toBe('skip');
    expect(emulator.requests).toHaveLength(0);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'check_failed' } });
  });

  it('a key Tavus rejects: tavus.auth fails with the 401 and the fix; the key never printed', async () => {
    const wrong = 'tvs_wrong_key_0123456789';
    const result = await runCli(['doctor'], { env: { ...env, TAVUS_API_KEY: wrong, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✗ tavus\.auth +Tavus rejected the API key \(401.*Invalid access token\)/);
    expect(result.stdout).toMatch(/↳ .*auth login/);
    expect(result.stdout).toMatch(/- tavus\.persona +Persona pcb7a34da5fe not checked: the API did not accept the key/);
    expect(result.stderr).toMatch(/1 check failed: tavus\.auth/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrong);
    expect(emulator.requests.map((r) => r.path)).toEqual(['/v2/replicas']);
  });

  it('--offline skips every network check and sends nothing', async () => {
    const result = await doctor(['--offline'], { env: { TAVUS_REPLICA_ID: 'r90bbd427f71', TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    expect(result.exitCode).toBe(0);
    expect(result.check('tavus.key').status).toBe('pass');
    for (const id of ['tavus.auth', 'tavus.replica', 'tavus.persona']) {
      expect(result.check(id)).toMatchObject({ status: 'skip', message: expect.stringMatching(/--offline/) });
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('doctor: replica and persona', () => {
  it('an unknown replica fails; a failed one fails with its error_message', async () => {
    const unknown = await doctor([], { env: { TAVUS_REPLICA_ID: 'rdoesnotexist' } });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.check('tavus.replica')).toMatchObject({ status: 'fail', message: expect.stringMatching(/rdoesnotexist .*does not exist/) });
    const failed = await doctor(['--replica', 'rb17cf590e15']);
    expect(failed.check('tavus.replica')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/failed training: Training failed: the consent statement/),
    });
    expect(failed.check('tavus.replica').message).toMatch(/\(--replica\)/);
  });

  it('an unknown persona fails; one without any replica fails naming both fixes', async () => {
    const unknown = await doctor([], { env: { TAVUS_PERSONA_ID: 'pdoesnotexist' } });
    expect(unknown.check('tavus.persona')).toMatchObject({ status: 'fail', message: expect.stringMatching(/pdoesnotexist .*does not exist/) });

    const bare = await createPersona({ persona_name: 'No replica', pipeline_mode: 'echo' });
    const result = await doctor([], { env: { TAVUS_PERSONA_ID: bare } });
    expect(result.check('tavus.persona')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/no default replica and TAVUS_REPLICA_ID is not set/),
      hint: expect.stringMatching(/TAVUS_REPLICA_ID.*persona update/),
    });
    // With TAVUS_REPLICA_ID the same persona has a replica.
    const fixed = await doctor(['--mode', 'daily'], { env: { TAVUS_PERSONA_ID: bare, TAVUS_REPLICA_ID: 'r90bbd427f71' } });
    expect(fixed.check('tavus.persona').status).toBe('pass');
  });

  it("a persona whose default replica failed fails with the replica's error", async () => {
    const persona = await createPersona({ persona_name: 'Broken face', system_prompt: 'Hi', default_replica_id: 'rb17cf590e15' });
    const result = await doctor([], { env: { TAVUS_PERSONA_ID: persona } });
    expect(result.check('tavus.persona')).toMatchObject({ status: 'fail', message: expect.stringMatching(/default replica rb17cf590e15 .*failed training/) });
  });

  it('--mode livekit: a full-pipeline persona fails with the command that creates an echo + livekit one', async () => {
    const result = await doctor(['--mode', 'livekit', '--offline'], { env: { TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    // --offline: not looked up; online it is.
    expect(result.check('tavus.persona').status).toBe('skip');
    const online = await doctor(['--mode', 'livekit'], { env: { TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    expect(online.check('tavus.persona')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/not echo \+ livekit/),
      hint: expect.stringMatching(/tavus-ten persona create --echo-livekit/),
    });
    const echo = await doctor(['--mode', 'livekit'], { env: { TAVUS_PERSONA_ID: 'pb87e71797da' } });
    expect(echo.check('tavus.persona')).toMatchObject({ status: 'pass', message: expect.stringMatching(/echo pipeline, livekit transport/) });
  });

  it('--mode livekit without a persona fails; a LiveKit persona in daily mode warns', async () => {
    const none = await doctor(['--mode', 'livekit', '--offline']);
    expect(none.check('tavus.persona')).toMatchObject({ status: 'fail', hint: expect.stringMatching(/--echo-livekit/) });
    const daily = await doctor(['--mode', 'daily'], { env: { TAVUS_PERSONA_ID: 'pb87e71797da' } });
    expect(daily.check('tavus.persona')).toMatchObject({ status: 'warn', message: expect.stringMatching(/made for LiveKit rooms/) });
  });
});

describe('doctor: config file, profile, settings, proxies', () => {
  it('config file: 0600 passes; 0644 warns with the chmod; the profile and sources are named', async () => {
    const dir = tempDir();
    try {
      const configDir = join(dir.path, 'cfg');
      mkdirSync(configDir);
      const file = join(configDir, 'config.json');
      writeFileSync(file, JSON.stringify({ profiles: { staging: { api_key: emulator.apiKey, base_url: emulator.url, replica_id: 'r90bbd427f71' } } }));
      chmodSync(file, 0o600);
      const options = { cwd: dir.path, env: { TAVUS_TEN_CONFIG_DIR: configDir, TAVUS_API_KEY: undefined, TAVUS_API_BASE_URL: undefined } };
      const tight = await doctor(['--profile', 'staging', '--offline'], options);
      expect(tight.exitCode).toBe(0);
      expect(tight.check('config.file')).toMatchObject({ status: 'pass', message: expect.stringMatching(/mode 0600/) });
      expect(tight.check('config.profile').message).toMatch(/Profile "staging" \(from --profile; saved in the config file\)/);
      expect(tight.check('config.settings').message).toMatch(/API key tvs_…0000 \(profile "staging"/);
      expect(tight.check('config.settings').message).toMatch(/timeout 30 s \(default\)/);

      chmodSync(file, 0o644);
      const loose = await doctor(['--profile', 'staging', '--offline'], options);
      expect(loose.exitCode).toBe(0);
      expect(loose.check('config.file')).toMatchObject({ status: 'warn', message: expect.stringMatching(/mode 0644/), hint: `chmod 600 ${file}` });
    } finally {
      dir.cleanup();
    }
  });

  it('a corrupt config file is a failed check (exit 1), not a crash; the other checks still run', async () => {
    const dir = tempDir();
    try {
      const configDir = join(dir.path, 'cfg');
      mkdirSync(configDir);
      writeFileSync(join(configDir, 'config.json'), '{"profiles": {');
      const result = await doctor([], { cwd: dir.path, env: { TAVUS_TEN_CONFIG_DIR: configDir } });
      expect(result.exitCode).toBe(1);
      expect(result.check('node.version').status).toBe('pass');
      expect(result.check('config.file')).toMatchObject({ status: 'fail', message: expect.stringMatching(/not valid JSON/) });
      expect(result.check('config.settings')).toMatchObject({ status: 'fail', message: expect.stringMatching(/config\.json is not valid JSON/) });
      expect(result.check('tavus.key')).toMatchObject({ status: 'skip', message: expect.stringMatching(/see config\.settings/) });
      expect(emulator.requests).toHaveLength(0);
    } finally {
      dir.cleanup();
    }
  });

  it.each([
    ['--profile staging', ['--profile', 'staging'], {}],
    ['TAVUS_TEN_PROFILE', [], { TAVUS_TEN_PROFILE: 'staging' }],
    ['TAVUS_TEN_PROFILE in --env-file', ['--env-file', 'project.env'], {}],
  ])('a corrupt config file with a profile named (%s) is the same failed check, with every check listed', async (_how, args, extraEnv) => {
    const dir = tempDir();
    try {
      const configDir = join(dir.path, 'cfg');
      mkdirSync(configDir);
      writeFileSync(join(configDir, 'config.json'), '{ broken');
      writeFileSync(join(dir.path, 'project.env'), 'TAVUS_TEN_PROFILE=staging\n');
      const result = await doctor(['--offline', ...args], { cwd: dir.path, env: { TAVUS_TEN_CONFIG_DIR: configDir, ...extraEnv } });
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.check('config.file')).toMatchObject({ status: 'fail', message: expect.stringMatching(/not valid JSON/) });
      expect(result.check('config.settings')).toMatchObject({ status: 'fail', message: expect.stringMatching(/config\.json is not valid JSON/) });
      expect(result.check('tavus.key').status).toBe('skip');
      expect(emulator.requests).toHaveLength(0);
    } finally {
      dir.cleanup();
    }
  });

  it('a bad .env line is reported as a finding naming the file and line', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, '.env'), 'TAVUS_REPLICA_ID=r90bbd427f71\nthis is not a setting\n');
      const result = await doctor([], { cwd: dir.path });
      expect(result.exitCode).toBe(1);
      expect(result.check('config.settings')).toMatchObject({ status: 'fail', message: expect.stringMatching(/\.env:2: expected KEY=VALUE/) });
      expect(result.check('names.aliases')).toMatchObject({ status: 'fail', message: expect.stringMatching(/\.env:2/) });
    } finally {
      dir.cleanup();
    }
  });

  it('proxy variables are noticed with their credentials masked', async () => {
    const none = await doctor(['--offline']);
    expect(none.check('network.proxy')).toMatchObject({ status: 'pass', message: expect.stringMatching(/No proxy variables/) });
    const set = await doctor(['--offline'], { env: { HTTPS_PROXY: 'http://me:hunter2secret@proxy.example:3128', NO_PROXY: 'localhost' } });
    expect(set.check('network.proxy')).toMatchObject({ status: 'pass', message: expect.stringMatching(/HTTPS_PROXY=http:\/\/me:\*\*\*@proxy\.example:3128, NO_PROXY=localhost/) });
    expect(set.stdout).not.toContain('hunter2secret');
    const bad = await doctor(['--offline'], { env: { HTTPS_PROXY: 'not a url' } });
    expect(bad.check('network.proxy').status).toBe('fail');
    const unused = await doctor(['--offline'], { env: { ALL_PROXY: 'socks5://proxy.example:1080' } });
    expect(unused.check('network.proxy')).toMatchObject({ status: 'warn', hint: expect.stringMatching(/HTTPS_PROXY/) });
  });
});

describe('doctor: names', () => {
  it('an alias alone or a differing pair warns; the main names pass', async () => {
    const alias = await doctor(['--offline'], { env: { TAVUS_PAL_ID: 'pcb7a34da5fe' } });
    expect(alias.check('names.aliases')).toMatchObject({ status: 'warn', hint: expect.stringMatching(/Rename TAVUS_PAL_ID to TAVUS_PERSONA_ID/) });
    const differ = await doctor(['--offline'], { env: { TAVUS_REPLICA_ID: 'r90bbd427f71', TAVUS_FACE_ID: 'rf4e9d9790f0' } });
    expect(differ.check('names.aliases')).toMatchObject({ status: 'warn', message: expect.stringMatching(/TAVUS_REPLICA_ID .* and TAVUS_FACE_ID .* differ/) });
    expect(differ.exitCode).toBe(0);
    const main = await doctor(['--offline'], { env: { TAVUS_REPLICA_ID: 'r90bbd427f71' } });
    expect(main.check('names.aliases').status).toBe('pass');
  });
});

describe('doctor: bad flags', () => {
  it('exit 2 naming the flag, and nothing is sent', async () => {
    for (const args of [['--mode', 'zoom'], ['--persona', 'bad id'], ['--tenapp', 'no/such/dir'], ['--colour']]) {
      const result = await runCli(['doctor', ...args], { env });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/--(mode|persona|tenapp|colour)/);
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it('-q prints only the ids of failed checks', async () => {
    const result = await runCli(['doctor', '-q'], { env: { ...env, TAVUS_REPLICA_ID: 'rdoesnotexist' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('tavus.replica\n');
  });
});
