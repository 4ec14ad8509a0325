// `livekit token` and `mock` with LiveKit credentials, through the built CLI: the tokens are decoded and
// verified with the secret, bad input is exit 2 with nothing sent, and the secret is never printed.
import { waitFor } from '../helpers/wait.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { mintAvatarToken } from '../../src/livekit/token.js';
import { runCli, startCli, tempDir } from '../helpers/cli.js';

const KEY = 'APIe2eLiveKit';
const SECRET = 'e2e-livekit-secret-0123456789abcdefghijklmnop';
const LIVEKIT = { LIVEKIT_URL: 'wss://ten-demo.livekit.cloud', LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET };

// Tavus settings too: `livekit token` must not call Tavus at all.
const { emulator, env } = useEmulator({}, () => ({ ...LIVEKIT }));
const scratch = tempDir('tavus-ten-livekit-');

afterAll(async () => {
  scratch.cleanup();
});

const verify = (token: string) => new TokenVerifier(KEY, SECRET).verify(token);

describe('livekit token', () => {
  it('--json prints the token, URL, room, identity, Meet link and expiry; the token verifies with the secret', async () => {
    const before = Date.now();
    const result = await runCli(['livekit', 'token', '--room', 'ten-room', '--identity', 'alice', '--name', 'Alice', '--ttl', '2h', '--json'], { env });
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(out)).toEqual(['token', 'url', 'room', 'identity', 'join_url', 'expires_at']);
    expect(out).toMatchObject({ url: 'wss://ten-demo.livekit.cloud', room: 'ten-room', identity: 'alice' });
    const claims = await verify(out.token!);
    expect(claims).toMatchObject({ iss: KEY, sub: 'alice', name: 'Alice', video: { roomJoin: true, room: 'ten-room', canPublish: true, canSubscribe: true } });
    expect(claims.exp! - claims.nbf!).toBe(7200);
    expect(Date.parse(out.expires_at!) - before).toBeGreaterThanOrEqual(7200 * 1000 - 1000);
    expect(Date.parse(out.expires_at!) - Date.now()).toBeLessThanOrEqual(7200 * 1000);
    const link = new URL(out.join_url!);
    expect(`${link.origin}${link.pathname}`).toBe('https://meet.livekit.io/custom');
    expect(Object.fromEntries(link.searchParams)).toEqual({ liveKitUrl: 'wss://ten-demo.livekit.cloud', token: out.token });
    expect(emulator.requests).toHaveLength(0);
  });

  it('-q prints the token alone; by default the identity is a fresh user-… and the token lasts 1h', async () => {
    const result = await runCli(['livekit', 'token', '--room', 'ten-room', '-q'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = await verify(result.stdout.trim());
    expect(claims.sub).toMatch(/^user-[0-9a-f]{6}$/);
    expect(claims.exp! - claims.nbf!).toBe(3600);
    expect(result.stderr).toBe('');
  });

  it('human output: the fields and the link on stdout, a warning about who can join on stderr', async () => {
    const result = await runCli(['livekit', 'token', '--room', 'ten-room', '--identity', 'bob'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^room:\s+ten-room$/m);
    expect(result.stdout).toMatch(/^identity:\s+bob$/m);
    expect(result.stdout).toMatch(/^join:\s+https:\/\/meet\.livekit\.io\/custom\?liveKitUrl=wss%3A%2F%2Ften-demo\.livekit\.cloud&token=/m);
    expect(result.stderr).toMatch(/Anyone with this token or link can join room ten-room as bob/);
  });

  it('a local server is fine for a person (it is Tavus that cannot reach one); https:// is dialled as wss://', async () => {
    const local = await runCli(['livekit', 'token', '--room', 'r', '--json', '--livekit-url', 'ws://localhost:7880'], { env });
    expect(local.exitCode).toBe(0);
    expect(JSON.parse(local.stdout).url).toBe('ws://localhost:7880');
    const https = await runCli(['livekit', 'token', '--room', 'r', '--json'], { env: { ...env, LIVEKIT_URL: 'https://ten-demo.livekit.cloud/' } });
    expect(JSON.parse(https.stdout).url).toBe('wss://ten-demo.livekit.cloud');
  });

  it("doctor's rules: a short secret and a plain http:// URL to another host are warned about; a URL without a scheme is exit 2", async () => {
    const short = await runCli(['livekit', 'token', '--room', 'r', '-q'], { env: { ...env, LIVEKIT_API_SECRET: 'abc', LIVEKIT_URL: 'http://example.com' } });
    expect(short.exitCode, short.stderr).toBe(0);
    expect(short.stderr).toContain('! The token is signed, but the secret has 3 characters and LiveKit servers expect at least 32');
    expect(short.stderr).toContain('! http://example.com (dialled as ws://example.com): LIVEKIT_URL uses unencrypted http://');
    const local = await runCli(['livekit', 'token', '--room', 'r', '-q'], { env: { ...env, LIVEKIT_URL: 'ws://localhost:7880' } });
    expect(local.exitCode).toBe(0);
    expect(local.stderr).toBe('');
    const bare = await runCli(['livekit', 'token', '--room', 'r'], { env: { ...env, LIVEKIT_URL: 'localhost:7880' } });
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain('Error: LIVEKIT_URL "localhost:7880" has no scheme.');
    expect(bare.stderr).toContain('Hint: Write it with one: ws://localhost:7880 for a local server without TLS');
    expect(bare.stderr).not.toContain('localhost://');
    expect(bare.stdout).toBe('');
    expect(emulator.requests).toHaveLength(0);
  });

  it('--open runs BROWSER with the Meet link', async () => {
    const opened = join(scratch.path, 'opened.txt');
    const browser = join(scratch.path, 'browser.mjs');
    writeFileSync(browser, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(opened)}, process.argv[2]);\n`);
    const result = await runCli(['livekit', 'token', '--room', 'ten-room', '--open', '--json'], {
      env: { ...env, BROWSER: `${process.execPath} ${browser}` },
    });
    expect(result.exitCode).toBe(0);
    // The browser is detached: the CLI does not wait for it to finish.
    await waitFor(() => existsSync(opened) && readFileSync(opened, 'utf8') !== '');
    expect(readFileSync(opened, 'utf8')).toBe(JSON.parse(result.stdout).join_url);
  });

  it('never prints the API secret, even with --verbose or when the secret comes from a flag', async () => {
    const fromEnv = await runCli(['livekit', 'token', '--room', 'ten-room', '--verbose'], { env });
    expect(fromEnv.exitCode).toBe(0);
    expect(fromEnv.stderr).toMatch(/Signed for LiveKit API key APIe2eLiveKit \(LIVEKIT_API_KEY\)/);
    const { LIVEKIT_API_SECRET: _unused, ...withoutSecret } = env;
    const fromFlag = await runCli(['livekit', 'token', '--room', '', '--verbose', '--livekit-api-secret', SECRET], { env: withoutSecret });
    expect(fromFlag.exitCode).toBe(2);
    for (const output of [fromEnv.stdout, fromEnv.stderr, fromFlag.stdout, fromFlag.stderr]) expect(output).not.toContain(SECRET);
  });

  it.each([
    ['no LiveKit settings', [], { LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined }, /Missing LiveKit settings: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/],
    ['no secret', [], { LIVEKIT_API_SECRET: undefined }, /Missing LiveKit setting: LIVEKIT_API_SECRET/],
    ['a URL without a scheme', ['--livekit-url', 'ten-demo.livekit.cloud'], {}, /--livekit-url "ten-demo\.livekit\.cloud" has no scheme[\s\S]*wss:\/\/ten-demo\.livekit\.cloud/],
    ['a malformed URL', ['--livekit-url', 'wss://'], {}, /--livekit-url .*is not a URL/],
    ['an ftp:// URL', [], { LIVEKIT_URL: 'ftp://ten-demo.livekit.cloud' }, /LIVEKIT_URL uses ftp:\/\//],
    ['an empty room', ['--room', ' '], {}, /--room: it is empty/],
    ['no room without a terminal', null, {}, /Missing room to join: pass --room/],
    ['a zero --ttl', ['--ttl', '0'], {}, /--ttl must be more than zero/],
    ['a malformed --ttl', ['--ttl', 'soon'], {}, /Invalid duration "soon" for --ttl/],
    ['a --ttl over 30 days', ['--ttl', '31d'], {}, /--ttl is more than 30d/],
    ['an empty --identity', ['--identity', ''], {}, /--identity: it is empty/],
  ] as const)('%s is exit 2 naming the fix', async (_name, args, overrides, message) => {
    const argv = ['livekit', 'token', ...(args === null ? [] : ['--room', 'ten-room', ...args])];
    const result = await runCli(argv, { env: { ...env, ...overrides } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Hint: /);
    expect(result.stdout).toBe('');
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('mock with LiveKit credentials', () => {
  it('checks the room tokens of LiveKit conversations with the key and secret it was given', async () => {
    const child = startCli(['mock', '--livekit-api-key', KEY, '--livekit-api-secret', SECRET], { timeoutMs: 20_000 });
    const stdout = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/TAVUS_API_KEY=\S+\n/.test(text)) resolve(text);
      });
    });
    const baseUrl = /TAVUS_API_BASE_URL=(\S+)/.exec(stdout)![1]!;
    const apiKey = /TAVUS_API_KEY=(\S+)/.exec(stdout)![1]!;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(baseUrl + path, { method, headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await response.json()) as Record<string, any>;
    };
    const startWith = async (secret: string) => {
      const avatar = await mintAvatarToken({ apiKey: KEY, apiSecret: secret }, { room: 'ten-room', agentIdentity: 'ten-agent', ttlSeconds: 600 });
      const created = await call('POST', '/v2/conversations', {
        persona_id: 'pb87e71797da',
        properties: { livekit_ws_url: LIVEKIT.LIVEKIT_URL, livekit_room_token: avatar.token },
      });
      return call('GET', `/v2/conversations/${created.conversation_id}?verbose=true`);
    };

    const joined = await startWith(SECRET);
    expect(joined.status).toBe('active');
    expect(joined.events[0]).toMatchObject({ event_type: 'system.replica_joined', properties: { room: 'ten-room', token_signature_checked: true } });
    const refused = await startWith('someone-elses-secret-0123456789abcdefghij');
    expect(refused.status).toBe('ended');
    expect(refused.events[0].properties).toMatchObject({ livekit_error: 'bad_signature' });

    child.kill('SIGINT');
    const done = await child;
    expect(done.exitCode).toBe(0);
    expect(String(done.stderr)).toMatch(/room tokens are checked against API key APIe2eLiveKit \(--livekit-api-key\)/);
    expect(`${String(done.stdout)}${String(done.stderr)}`).not.toContain(SECRET);
  });

  it('a key without its secret is exit 2', async () => {
    const result = await runCli(['mock', '--livekit-api-key', KEY]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/LiveKit API key is set \(--livekit-api-key\) without its secret/);
    expect(result.stderr).toMatch(/LIVEKIT_API_SECRET \(--livekit-api-secret\)/);
  });
});
