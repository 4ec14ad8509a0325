// Secrets: the Tavus key, the LiveKit secret and the avatar's minted token never reach stdout, stderr,
// an error message or a file other than the 0600 config file. The whole suite is checked run by run
// (test/helpers/secrets.ts, wired in through vitest.config.ts); this file proves that check can fail,
// and drives the paths most likely to leak: --dry-run, --verbose, errors that echo the key, saved keys,
// `serve`, and the deliberate outputs that are allowed (`mock`'s key, a person's join token).
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { creates, useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { avatarTokensIn, leaksIn, secretsOf, secretsStoredBy, type RunRecord } from '../helpers/secrets.js';
import { startServe } from '../helpers/serve.js';

const KEY = 'tvs_reliability_secret_key_0123456789';
const LIVEKIT = { LIVEKIT_URL: 'wss://reliability.livekit.cloud', LIVEKIT_API_KEY: 'APIreliability', LIVEKIT_API_SECRET: 'reliability-livekit-secret-0123456789abcdef' };

const { emulator, env } = useEmulator({ apiKey: KEY, livekit: { apiKey: LIVEKIT.LIVEKIT_API_KEY, apiSecret: LIVEKIT.LIVEKIT_API_SECRET } }, (e) => ({ TAVUS_API_BASE_URL: e.url, TAVUS_API_KEY: KEY }));

/** Nothing secret in what a run printed (the suite-wide check runs too; this makes each test say it). */
function expectClean(result: { stdout: string; stderr: string }): void {
  const all = result.stdout + result.stderr;
  expect(all).not.toContain(KEY);
  expect(all).not.toContain(LIVEKIT.LIVEKIT_API_SECRET);
  expect(avatarTokensIn(all)).toEqual([]);
}

const avatarToken = () => {
  const create = creates(emulator)[0];
  return (create?.body as { properties?: { livekit_room_token?: string } } | undefined)?.properties?.livekit_room_token;
};

describe('the suite-wide check can fail', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  const run = (overrides: Partial<RunRecord>): RunRecord => ({
    argv: ['replica', 'list'],
    env: { TAVUS_API_KEY: KEY, LIVEKIT_API_SECRET: LIVEKIT.LIVEKIT_API_SECRET },
    cwd: dir.path,
    stdout: '',
    stderr: '',
    before: new Map(),
    ...overrides,
  });

  it('finds the key and the LiveKit secret on either stream, wherever they were given', () => {
    expect(leaksIn(run({ stderr: `Error: bad key ${KEY}` }), [])).toHaveLength(1);
    expect(leaksIn(run({ stdout: `secret=${LIVEKIT.LIVEKIT_API_SECRET}` }), [])).toHaveLength(1);
    expect(leaksIn(run({ env: {}, argv: ['replica', 'list', '--api-key', KEY], stdout: KEY }), [])).toHaveLength(1);
    expect(leaksIn(run({ env: {}, argv: ['auth', 'login', '--with-key'], input: `${KEY}\n`, stderr: `saved ${KEY}` }), [])).toHaveLength(1);
    expect(leaksIn(run({ stdout: 'tvs_…6789' }), [])).toEqual([]);
  });

  it('finds a key stored inside an object (--set, a --file body) printed back, unless --show-secrets asked for it', () => {
    const llm = 'sk-stored-in-a-persona-0123';
    const set = ['persona', 'update', 'p1', '--set', `/layers/llm/api_key=${JSON.stringify(llm)}`, '--json'];
    expect(secretsStoredBy(run({ argv: set }))).toEqual([llm]);
    expect(leaksIn(run({ argv: set, stdout: `"api_key": "${llm}"` }), [])).toHaveLength(1);
    expect(leaksIn(run({ argv: [...set, '--show-secrets'], stdout: `"api_key": "${llm}"` }), [])).toEqual([]);
    expect(leaksIn(run({ argv: set, stdout: '"api_key": "sk-…0123"' }), [])).toEqual([]);
    writeFileSync(join(dir.path, 'keyed.json'), JSON.stringify({ layers: { llm: { api_key: llm, model: 'not-a-secret-model' } }, conversation: { meeting_token: 'printed-on-purpose' } }));
    expect(secretsStoredBy(run({ argv: ['persona', 'create', '--file', 'keyed.json'] }))).toEqual([llm]);
    expect(secretsStoredBy(run({ argv: ['persona', 'create', '--file', '-'], input: JSON.stringify({ layers: { llm: { api_key: llm } } }) }))).toEqual([llm]);
    const patch = JSON.stringify([{ op: 'replace', path: '/layers/llm/api_key', value: llm }]);
    expect(secretsStoredBy(run({ argv: ['persona', 'update', 'p1', '--patch-file', '-'], input: patch }))).toEqual([llm]);
  });

  it("finds the avatar's token, but not a person's join token", async () => {
    const { mintAvatarToken, mintJoinToken } = await import('../../src/livekit/token.js');
    const credentials = { apiKey: LIVEKIT.LIVEKIT_API_KEY, apiSecret: LIVEKIT.LIVEKIT_API_SECRET };
    const avatar = (await mintAvatarToken(credentials, { room: 'r', agentIdentity: 'ten-agent', ttlSeconds: 60 })).token;
    const person = (await mintJoinToken(credentials, { room: 'r', identity: 'user-1', ttlSeconds: 60 })).token;
    expect(leaksIn(run({ stdout: `token: ${avatar}` }), [])).toHaveLength(1);
    expect(leaksIn(run({ stdout: `token: ${person}` }), [])).toEqual([]);
  });

  it('allows `mock` its own key on stdout, and help the public mock key; nothing else', () => {
    const mockKey = 'tvs_mock_0000000000000000';
    expect(leaksIn(run({ argv: ['mock', '--api-key', KEY], stdout: `export TAVUS_API_KEY=${KEY}` }), [])).toEqual([]);
    expect(leaksIn(run({ argv: ['mock', '--api-key', KEY], stderr: KEY }), [])).toHaveLength(1);
    expect(leaksIn(run({ env: { TAVUS_API_KEY: mockKey }, argv: ['mock', '--help'], stdout: mockKey }), [])).toEqual([]);
    expect(leaksIn(run({ env: { TAVUS_API_KEY: mockKey }, stdout: mockKey }), [])).toHaveLength(1);
  });

  it('allows a key only in a config.json of mode 0600', () => {
    const file = (path: string, mode: number) => ({ path: join(dir.path, path), mode, dirMode: 0o700, text: `{"api_key":"${KEY}"}` });
    expect(leaksIn(run({}), [file('config.json', 0o100600)])).toEqual([]);
    expect(leaksIn(run({}), [file('config.json', 0o100644)])).toHaveLength(1);
    expect(leaksIn(run({}), [file('debug.log', 0o100600)])).toHaveLength(1);
  });

  it('knows the keys a run loads from .env and from the saved profiles', () => {
    writeFileSync(join(dir.path, '.env'), `TAVUS_API_KEY="${KEY}"\n`);
    mkdirSync(join(dir.path, 'cfg'), { recursive: true });
    writeFileSync(join(dir.path, 'cfg', 'config.json'), JSON.stringify({ profiles: { default: { livekit_api_secret: LIVEKIT.LIVEKIT_API_SECRET } } }));
    expect(secretsOf({ argv: ['doctor'], env: { TAVUS_TEN_CONFIG_DIR: join(dir.path, 'cfg') }, cwd: dir.path }).sort()).toEqual([KEY, LIVEKIT.LIVEKIT_API_SECRET].sort());
  });
});

describe('--dry-run masks', () => {
  it('the key in the request it prints', async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--dry-run'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/x-api-key: tvs_…6789/);
    expectClean(result);
    expect(emulator.requests).toEqual([]);
  });

  it("the LiveKit secret and the avatar's token in a LiveKit conversation's request", async () => {
    const result = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'demo', '--persona', 'pb87e71797da', '--dry-run', '--json'], {
      env: { ...env, ...LIVEKIT },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { headers: Record<string, string>; body: { properties: Record<string, string> } };
    expect(printed.headers['x-api-key']).toBe('tvs_…6789');
    expect(printed.body.properties.livekit_room_token).toMatch(/^ey…[\w-]{4}$/);
    expectClean(result);
  });

  it('keys inside a persona body (layers.llm.api_key)', async () => {
    const dir = tempDir();
    try {
      const llmKey = 'sk-reliability-llm-key-0123456789';
      writeFileSync(join(dir.path, 'persona.json'), JSON.stringify({ persona_name: 'Keyed', system_prompt: 'Hi', layers: { llm: { model: 'm', api_key: llmKey } } }));
      const result = await runCli(['persona', 'create', '--file', 'persona.json', '--dry-run', '--json'], { env, cwd: dir.path });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).not.toContain(llmKey);
      expectClean(result);
    } finally {
      dir.cleanup();
    }
  });
});

describe('--verbose masks', () => {
  it('every request it logs, the key given as a flag included', async () => {
    const result = await runCli(['replica', 'list', '--verbose', '--api-key', KEY], { env: { TAVUS_API_BASE_URL: emulator.url } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v2\/replicas.* 200/);
    expectClean(result);
  });

  it("a whole LiveKit conversation: the secret and the avatar's token reach only Tavus", async () => {
    // The emulator is the LiveKit server too (its RoomService answers the key-pair and join checks).
    const result = await runCli(['conversation', 'start', '--transport', 'livekit', '--room', 'demo', '--persona', 'pb87e71797da', '--verbose', '--json'], {
      env: { ...env, ...LIVEKIT, LIVEKIT_URL: emulator.url.replace(/^http:/, 'ws:') },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    // The token was minted, sent and accepted (the emulator checks it as LiveKit would)...
    const token = avatarToken();
    expect(token).toMatch(/^eyJ/);
    const id = (JSON.parse(result.stdout) as { conversation_id: string }).conversation_id;
    expect(emulator.state.conversations.get(id)!.status).toBe('active');
    // ...and printed nowhere; the person's join link (the deliberate output) is there.
    expect(result.stdout + result.stderr).not.toContain(token!);
    expect(result.stdout).toContain('https://meet.livekit.io/custom?');
    expectClean(result);
  });
});

describe('errors never carry the key', () => {
  it('when Tavus echoes it back in an error, also under --json and --verbose after retries', async () => {
    emulator.inject({ fault: { kind: 'status', status: 400, body: { error: `Bad Request. Key ${KEY} is not allowed here` } }, path: '/v2/replicas' });
    const json = await runCli(['replica', 'list'], { env });
    expect(json.exitCode).toBe(1);
    // Masked in the answer before any message quotes or cuts it, in the shape used everywhere (tvs_…6789).
    expect(json.stderr).toContain(`Key ${KEY.slice(0, 4)}…${KEY.slice(-4)} is not allowed here`);
    expectClean(json);

    emulator.inject({ fault: { kind: 'status', status: 503, body: { message: `Upstream refused key ${KEY}` } }, path: '/v2/replicas', times: Infinity });
    const html = await runCli(['replica', 'list', '--json', '--verbose'], { env });
    expect(html.exitCode).toBe(1);
    expect(JSON.parse(html.stderr.trim().split('\n').at(-1)!).error.code).toBe('api_error');
    expectClean(html);
  });

  it("when Tavus echoes the avatar's LiveKit token, or a key that came from a profile rather than the environment (start, smoke)", async () => {
    // A stand-in for Tavus that repeats whatever it was sent in its errors.
    const { createServer } = await import('node:http');
    const echo = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const replica = { replica_id: 'r90bbd427f71', replica_name: 'Anna', status: 'completed' };
        const answers: Record<string, unknown> = {
          '/v2/personas/pecho': { persona_id: 'pecho', persona_name: 'Echo', pipeline_mode: 'echo', default_replica_id: replica.replica_id, layers: { transport: { transport_type: 'livekit' } } },
          '/v2/replicas': { data: [replica], total_count: 1 },
          [`/v2/replicas/${replica.replica_id}`]: replica,
        };
        // It is the LiveKit server too, accepting any key pair (smoke asks before creating).
        if (req.url === '/twirp/livekit.RoomService/ListRooms') answers[req.url] = { rooms: [] };
        const answer = req.method === 'GET' || req.url?.startsWith('/twirp/') ? answers[(req.url ?? '').split('?')[0]!] : undefined;
        if (answer) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer));
          return;
        }
        const token = (JSON.parse(body || '{}') as { properties?: { livekit_room_token?: string } }).properties?.livekit_room_token;
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `Invalid livekit_room_token ${token} for key ${String(req.headers['x-api-key'])}` }));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const dir = tempDir();
    try {
      const base = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
      const saved = await runCli(['auth', 'login', '--with-key', '--no-verify'], { env: { TAVUS_API_BASE_URL: base }, cwd: dir.path, input: `${KEY}\n` });
      expect(saved.exitCode, saved.stderr).toBe(0);
      for (const json of [false, true]) {
        // --no-verify: this stand-in is no LiveKit server to check the key pair with.
        const args = ['conversation', 'start', '--transport', 'livekit', '--room', 'demo', '--persona', 'pecho', '--no-preflight', '--no-verify', ...(json ? ['--json'] : [])];
        const result = await runCli(args, { env: { TAVUS_API_BASE_URL: base, ...LIVEKIT }, cwd: dir.path });
        expect(result.exitCode, result.stderr).toBe(1);
        expect(result.stderr).toMatch(/Invalid livekit_room_token ey…/);
        expectClean(result);
      }
      // smoke mints the avatar's token for a throwaway room too, and reports the failed create in its checklist.
      for (const json of [false, true]) {
        const result = await runCli(['smoke', '--persona', 'pecho', '--live', ...(json ? ['--json'] : [])], {
          env: { TAVUS_API_BASE_URL: base, ...LIVEKIT, LIVEKIT_URL: base.replace(/^http:/, 'ws:') },
          cwd: dir.path,
        });
        expect(result.exitCode, result.stdout + result.stderr).toBe(1);
        expect(result.stdout).toMatch(/Invalid livekit_room_token ey…/);
        expectClean(result);
      }
    } finally {
      dir.cleanup();
      echo.closeAllConnections();
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('a rejected key given on stdin to `auth login` is not repeated', async () => {
    const wrong = 'tvs_wrong_but_secret_0123456789';
    const result = await runCli(['auth', 'login', '--with-key'], { env: { TAVUS_API_BASE_URL: emulator.url }, input: `${wrong}\n` });
    expect(result.exitCode).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });
});

describe('saved secrets', () => {
  it('are written only to config.json (0600), and shown masked by auth status, config, doctor and smoke', async () => {
    const dir = tempDir();
    try {
      const run = (args: string[], input?: string) => runCli(args, { env: { TAVUS_API_BASE_URL: emulator.url, ...(LIVEKIT as Record<string, string>), LIVEKIT_API_SECRET: '' }, cwd: dir.path, input });
      expect((await run(['auth', 'login', '--with-key'], `${KEY}\n`)).exitCode).toBe(0);
      expect((await run(['config', 'set', 'livekit_api_secret', '--stdin'], `${LIVEKIT.LIVEKIT_API_SECRET}\n`)).exitCode).toBe(0);
      const config = join(dir.path, '.config-tavus-ten', 'config.json');
      expect(statSync(config).mode & 0o777).toBe(0o600);
      expect(readFileSync(config, 'utf8')).toContain(KEY);

      for (const args of [['auth', 'status'], ['auth', 'status', '--json'], ['config', 'list'], ['config', 'get', 'api_key'], ['config', 'get', 'livekit_api_secret'], ['doctor', '--json'], ['smoke', '--replica', 'r90bbd427f71', '--verbose']]) {
        const result = await run(args);
        expect(result.exitCode, `${args.join(' ')}\n${result.stderr}`).not.toBe(2);
        expectClean(result);
      }
      // A world-readable config file is tightened the next time it is written.
      chmodSync(config, 0o644);
      expect((await run(['config', 'set', 'timeout', '20'])).exitCode).toBe(0);
      expect(statSync(config).mode & 0o777).toBe(0o600);
    } finally {
      dir.cleanup();
    }
  });
});

describe('serve', () => {
  it('never puts the key in the page, an answer or its log, even when Tavus echoes it', async () => {
    const serve = await startServe(['--verbose'], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    try {
      for (const path of ['/', '/assets/app.js', '/assets/app.css', '/health']) {
        expect(await (await fetch(`${serve.url}${path}`)).text(), path).not.toContain(KEY);
      }
      emulator.inject({ fault: { kind: 'status', status: 400, body: { error: `Invalid persona for key ${KEY}` } }, method: 'POST', path: '/v2/conversations' });
      const response = await fetch(`${serve.url}/api/tavus/conversation/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(text).not.toContain(KEY);
      expect(text).toContain('tvs_…6789');
    } finally {
      expect(await serve.stop('SIGINT')).toBe(0);
    }
    expectClean({ stdout: serve.stdout(), stderr: serve.stderr() });
  });
});

describe('the deliberate outputs', () => {
  it("`mock` prints the key it serves on stdout (that is its job), and only there", async () => {
    const { startCli } = await import('../helpers/cli.js');
    const child = startCli(['mock', '--api-key', KEY]);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const { waitFor } = await import('../helpers/wait.js');
    await waitFor(() => out.includes('TAVUS_API_KEY='), 'the mock to print its variables');
    child.kill('SIGINT');
    const result = await child;
    expect(String(result.stdout)).toContain(`export TAVUS_API_KEY=${KEY}`);
    expect(String(result.stderr)).not.toContain(KEY);
  });

  it('`livekit token` prints a join token and link for a person, never the secret', async () => {
    const result = await runCli(['livekit', 'token', '--room', 'demo', '--json', '--verbose'], { env: LIVEKIT });
    expect(result.exitCode, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { token: string; join_url: string };
    expect(printed.token).toMatch(/^eyJ/);
    expect(printed.join_url).toContain(printed.token);
    expectClean(result);
  });
});
