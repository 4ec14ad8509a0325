// doctor's LiveKit checks (URL, credentials, the server through the emulator's RoomService) and its
// TEN app checks (property.json, every ${env:VAR} placeholder), in pass and fail states.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TokenVerifier } from 'livekit-server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir, type CliOptions } from '../helpers/cli.js';
import { runDoctorJson } from '../helpers/doctor.js';
import { closedPort } from '../helpers/wait.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/tenapps');
const LIVEKIT = { apiKey: 'APIdoctor0test', apiSecret: 'doctor-livekit-secret-0123456789abcdef' };

const { emulator, env } = useEmulator({ livekit: LIVEKIT }, () => ({ TAVUS_PERSONA_ID: 'pb87e71797da' }));
let livekitEnv: Record<string, string>;

beforeAll(() => {
  livekitEnv = { LIVEKIT_URL: emulator.url.replace(/^http/, 'ws'), LIVEKIT_API_KEY: LIVEKIT.apiKey, LIVEKIT_API_SECRET: LIVEKIT.apiSecret };
});

function doctor(args: string[], options: CliOptions = {}) {
  return runDoctorJson(args, env, options);
}

function roomServiceCalls() {
  return emulator.requests.filter((r) => r.path === '/twirp/livekit.RoomService/ListRooms');
}

describe('doctor: LiveKit', () => {
  it('the server accepts the credentials; a local LiveKit URL only warns while Tavus is the local emulator', async () => {
    const result = await doctor(['--mode', 'livekit'], { env: livekitEnv });
    expect(result.report.mode).toBe('livekit');
    // The emulator runs on this machine and reaches a local LiveKit server (the loopback rule of conversation start).
    expect(result.check('livekit.url')).toMatchObject({ status: 'warn', message: expect.stringMatching(/is local: fine with the Tavus emulator/) });
    expect(result.check('livekit.credentials')).toMatchObject({ status: 'pass', message: expect.stringMatching(/a join token signs/) });
    expect(result.check('livekit.server')).toMatchObject({ status: 'pass', message: expect.stringMatching(/accepted the key and secret/) });
    expect(result.check('tavus.persona').status).toBe('pass');
    expect(result.exitCode).toBe(0);
    // One ListRooms with a token for this key pair that carries the roomList grant.
    const calls = roomServiceCalls();
    expect(calls).toHaveLength(1);
    const token = /^Bearer (.+)$/.exec(calls[0]!.headers.authorization ?? '')?.[1];
    const claims = await new TokenVerifier(LIVEKIT.apiKey, LIVEKIT.apiSecret).verify(token!);
    expect(claims.video?.roomList).toBe(true);
    // Neither the secret nor the token is printed.
    expect(`${result.stdout}${result.stderr}`).not.toContain(LIVEKIT.apiSecret);
    expect(result.stdout).not.toContain(token!);
  });

  it("against real Tavus, a local LiveKit URL fails: Tavus's cloud cannot reach it", async () => {
    const result = await doctor(['--mode', 'livekit', '--offline'], { env: { ...livekitEnv, TAVUS_API_BASE_URL: 'https://tavusapi.com' } });
    expect(result.check('livekit.url')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/127\.0\.0\.1, a local or private address that Tavus's cloud cannot reach/),
    });
    expect(result.exitCode).toBe(1);
  });

  it('a wrong secret: the server rejects it (401) with the fix', async () => {
    const result = await doctor(['--mode', 'livekit'], { env: { ...livekitEnv, LIVEKIT_API_SECRET: 'another-secret-of-enough-length-0123456789' } });
    expect(result.check('livekit.credentials').status).toBe('pass');
    expect(result.check('livekit.server')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/rejected the key and secret \(401/),
      hint: expect.stringMatching(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET/),
    });
  });

  it('an unreachable server fails livekit.server naming the origin', async () => {
    const port = await closedPort();
    const result = await doctor(['--mode', 'livekit'], { env: { ...livekitEnv, LIVEKIT_URL: `ws://127.0.0.1:${port}` } });
    expect(result.check('livekit.server')).toMatchObject({ status: 'fail', message: expect.stringMatching(new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port}`)) });
  });

  it('the URL: wss public passes, ws warns, unset fails; offline skips the server call', async () => {
    const good = await doctor(['--mode', 'livekit', '--offline'], { env: { ...livekitEnv, LIVEKIT_URL: 'wss://my-project.livekit.cloud' } });
    expect(good.check('livekit.url')).toMatchObject({ status: 'pass', message: expect.stringMatching(/^wss:\/\/my-project\.livekit\.cloud/) });
    expect(good.check('livekit.server')).toMatchObject({ status: 'skip', message: expect.stringMatching(/--offline/) });
    expect(good.exitCode).toBe(0);
    expect(emulator.requests).toHaveLength(0);

    const plain = await doctor(['--mode', 'livekit', '--offline'], { env: { ...livekitEnv, LIVEKIT_URL: 'ws://lk.example.com:7880' } });
    expect(plain.check('livekit.url')).toMatchObject({ status: 'warn', message: expect.stringMatching(/unencrypted ws:\/\//) });

    const unset = await doctor(['--mode', 'livekit', '--offline'], { env: { LIVEKIT_API_KEY: LIVEKIT.apiKey, LIVEKIT_API_SECRET: LIVEKIT.apiSecret } });
    expect(unset.check('livekit.url')).toMatchObject({ status: 'fail', message: expect.stringMatching(/LIVEKIT_URL is not set/) });
    expect(unset.check('livekit.server').status).toBe('skip');
  });

  it('credentials: a missing secret fails (and the server is not asked); a short one warns', async () => {
    const missing = await doctor(['--mode', 'livekit'], { env: { ...livekitEnv, LIVEKIT_API_SECRET: undefined } });
    expect(missing.check('livekit.credentials')).toMatchObject({ status: 'fail', message: 'LIVEKIT_API_SECRET is not set.' });
    expect(missing.check('livekit.server').status).toBe('skip');
    expect(roomServiceCalls()).toHaveLength(0);

    const short = await doctor(['--mode', 'livekit', '--offline'], { env: { ...livekitEnv, LIVEKIT_URL: 'wss://p.livekit.cloud', LIVEKIT_API_SECRET: 'secret' } });
    expect(short.check('livekit.credentials')).toMatchObject({ status: 'warn', message: expect.stringMatching(/6 characters/) });
  });

  it('a LiveKit setting turns the LiveKit checks on by default (mode all); none keeps them off', async () => {
    const auto = await doctor(['--offline'], { env: { LIVEKIT_URL: 'wss://p.livekit.cloud' } });
    expect(auto.report.mode).toBe('all');
    expect(auto.check('livekit.credentials').status).toBe('fail');
    const off = await doctor(['--offline']);
    expect(off.report.mode).toBe('daily');
    expect(off.report.checks.some((c) => c.id.startsWith('livekit.'))).toBe(false);
  });
});

describe('doctor --tenapp', () => {
  it('the Daily example: its required TAVUS_API_KEY is set, the optional persona is fine', async () => {
    const result = await doctor(['--offline', '--tenapp', join(FIXTURES, 'daily')]);
    expect(result.exitCode).toBe(0);
    expect(result.check('tenapp.property_json')).toMatchObject({ status: 'pass', message: expect.stringMatching(/graph tavus_digital_human; 2 env placeholders for 2 variables/) });
    // Set only in this shell: an app started by tman designer or a service manager would not see it.
    expect(result.check('tenapp.env.TAVUS_API_KEY')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^TAVUS_API_KEY=tvs_…0000 is set only in this shell's environment, in no \.env the app loads; used by graph "tavus_digital_human" › node "tavus_manager" › tavus_api_key/),
      hint: expect.stringMatching(/does not inherit this shell/),
    });
    expect(result.check('tenapp.env.TAVUS_PERSONA_ID').status).toBe('pass');
  });

  it('the LiveKit graph: set, unset-required, empty and defaulted placeholders, read from the .env beside the app', async () => {
    const dir = tempDir();
    try {
      const app = join(dir.path, 'tenapp');
      cpSync(join(FIXTURES, 'livekit'), app, { recursive: true });
      writeFileSync(
        join(app, '.env'),
        ['LIVEKIT_URL=wss://p.livekit.cloud', `LIVEKIT_API_KEY=${LIVEKIT.apiKey}`, `LIVEKIT_API_SECRET=${LIVEKIT.apiSecret}`, 'OPENAI_API_KEY=', 'OPENAI_MODEL=', 'ELEVENLABS_TTS_KEY=el-0123456789abcdef'].join('\n'),
      );
      const result = await doctor(['--offline', '--tenapp', app], { cwd: dir.path, env: { DEEPGRAM_API_KEY: 'dg-from-the-shell-0123456789' } });
      // Warnings only: exit 0.
      expect(result.exitCode).toBe(0);
      expect(result.check('tenapp.dotenv')).toMatchObject({ status: 'pass', message: expect.stringMatching(/Read tenapp[/\\]\.env/) });
      expect(result.check('tenapp.env.LIVEKIT_URL')).toMatchObject({
        status: 'pass',
        message: expect.stringMatching(/LIVEKIT_URL=wss:\/\/p\.livekit\.cloud \(tenapp[/\\]\.env\); used by graph "tavus_livekit" › node "livekit_rtc" › url, graph "tavus_livekit" › node "avatar" › livekit_url/),
      });
      // Secret-looking values are masked.
      expect(result.check('tenapp.env.LIVEKIT_API_SECRET').message).not.toContain(LIVEKIT.apiSecret);
      expect(result.check('tenapp.env.DEEPGRAM_API_KEY')).toMatchObject({ status: 'warn', message: expect.stringMatching(/set only in this shell's environment/) });
      // Required and empty: a warning; defaulted and empty: TEN passes "" instead of the default.
      expect(result.check('tenapp.env.OPENAI_API_KEY')).toMatchObject({ status: 'warn', message: expect.stringMatching(/set but empty/) });
      expect(result.check('tenapp.env.OPENAI_MODEL')).toMatchObject({ status: 'warn', message: expect.stringMatching(/instead of the default "gpt-4o-mini"/) });
      expect(result.check('tenapp.env.LIVEKIT_ROOM')).toMatchObject({ status: 'pass', message: expect.stringMatching(/TEN uses the default "tavus-ten"/) });
      // `|` with an empty default on a URL property: unset, TEN passes "".
      expect(result.check('tenapp.env.OPENAI_BASE_URL')).toMatchObject({ status: 'warn', message: expect.stringMatching(/empty default ""/) });
      // Required and unset anywhere: the runtime exits.
      expect(result.check('tenapp.env.TAVUS_PERSONA_ID').status).toBe('warn'); // only from the environment (env above)
      const unsetRun = await doctor(['--offline', '--tenapp', app], { cwd: dir.path, env: { TAVUS_PERSONA_ID: undefined } });
      expect(unsetRun.exitCode).toBe(1);
      expect(unsetRun.check('tenapp.env.DEEPGRAM_API_KEY')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/DEEPGRAM_API_KEY is not set, and graph "tavus_livekit" › node "stt" › params\.api_key requires it/),
        hint: expect.stringMatching(/Set DEEPGRAM_API_KEY in tenapp[/\\]\.env/),
      });
      expect(unsetRun.check('tenapp.env.TAVUS_PERSONA_ID').status).toBe('fail');
      expect(unsetRun.stderr).toMatch(/tenapp\.env\.DEEPGRAM_API_KEY/);
    } finally {
      dir.cleanup();
    }
  });

  it('a value tavus-ten only has in a saved profile is not visible to TEN: it says so', async () => {
    const dir = tempDir();
    try {
      const configDir = join(dir.path, 'cfg');
      mkdirSync(configDir);
      writeFileSync(join(configDir, 'config.json'), JSON.stringify({ profiles: { default: { api_key: emulator.apiKey } } }), { mode: 0o600 });
      const result = await doctor(['--offline', '--tenapp', join(FIXTURES, 'daily')], { cwd: dir.path, env: { TAVUS_API_KEY: undefined, TAVUS_TEN_CONFIG_DIR: configDir } });
      expect(result.check('tavus.key').status).toBe('pass');
      expect(result.check('tenapp.env.TAVUS_API_KEY')).toMatchObject({ status: 'fail', message: expect.stringMatching(/tavus-ten has it from profile "default".*TEN cannot read/) });
    } finally {
      dir.cleanup();
    }
  });

  it('a malformed property.json fails naming the file and the JSON error position', async () => {
    const result = await runCli(['doctor', '--offline', '--tenapp', join(FIXTURES, 'malformed')], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✗ tenapp\.property_json +\S*malformed[/\\]property\.json:10:9: invalid JSON/);
    expect(result.stdout).toMatch(/↳ Fix the JSON at line 10, column 9/);
  });

  it('no graphs, an embedded placeholder and an unreadable .env line are each reported', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'property.json'), JSON.stringify({ ten: { log: { file: 'logs/${env:RUN_ID}.log' } } }));
      writeFileSync(join(dir.path, '.env'), 'RUN_ID=1\nnot a line\n');
      const result = await doctor(['--offline', '--tenapp', dir.path]);
      expect(result.check('tenapp.property_json')).toMatchObject({ status: 'warn', message: expect.stringMatching(/no predefined graphs/) });
      expect(result.check('tenapp.dotenv')).toMatchObject({ status: 'fail', message: expect.stringMatching(/\.env:2: expected KEY=VALUE/) });
      expect(result.check('tenapp.env.RUN_ID')).toMatchObject({ status: 'warn', message: expect.stringMatching(/ten\.log\.file: it is part of a longer string/) });
      expect(result.exitCode).toBe(1);
    } finally {
      dir.cleanup();
    }
  });

  it('a directory without property.json fails; one holding tenapp/ is found', async () => {
    const dir = tempDir();
    try {
      const empty = await doctor(['--offline', '--tenapp', dir.path]);
      expect(empty.check('tenapp.property_json')).toMatchObject({ status: 'fail', message: expect.stringMatching(/property\.json: no such file/) });
      cpSync(join(FIXTURES, 'daily'), join(dir.path, 'tenapp'), { recursive: true });
      const nested = await doctor(['--offline', '--tenapp', dir.path]);
      expect(nested.check('tenapp.property_json').status).toBe('pass');
    } finally {
      dir.cleanup();
    }
  });
});
