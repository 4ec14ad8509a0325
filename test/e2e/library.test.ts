// Library users get the same truths (issue 14 §7): the published declarations keep real types for a
// consumer without zod (skipLibCheck on), and the LiveKit avatar start from the built package checks,
// mints, sends and verifies as the CLI does.
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { creates, emulatorEnv, useEmulator } from '../helpers/emulator.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('published types', { timeout: 120_000 }, () => {
  it('a consumer with skipLibCheck and no zod: persona fields keep their types (a number is a type error)', async () => {
    const dir = tempDir();
    // The package as npm installs it: package.json and dist/, with no zod or undici beside it.
    const pkg = join(dir.path, 'node_modules/tavus-ten');
    mkdirSync(pkg, { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true, filter: (path) => !path.endsWith('.js') || !path.includes('chunks') });
    writeFileSync(join(dir.path, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(
      join(dir.path, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [] }, files: ['good.ts', 'bad.ts'] }),
    );
    writeFileSync(
      join(dir.path, 'good.ts'),
      [
        "import { createTavusClient, startLivekitAvatar, type Persona, type Conversation } from 'tavus-ten';",
        "const tavus = createTavusClient({ apiKey: 'k' });",
        "export const persona: Persona = await tavus.personas.get('p1');",
        'export const name: string | null | undefined = persona.persona_name;',
        "const started = await startLivekitAvatar({ tavus, personaId: 'p1', livekit: { url: 'wss://x.livekit.cloud', apiKey: 'k', apiSecret: 's', room: 'r' } });",
        'export const conversation: Conversation = started.conversation;',
        'export const id: string = conversation.conversation_id;',
      ].join('\n'),
    );
    writeFileSync(
      join(dir.path, 'bad.ts'),
      [
        "import { createTavusClient } from 'tavus-ten';",
        "const tavus = createTavusClient({ apiKey: 'k' });",
        "const persona = await tavus.personas.get('p1');",
        'export const n: number = persona.persona_name;',
        "export const s: string = (await tavus.conversations.get('c1')).status;",
      ].join('\n'),
    );
    const result = await execa(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir.path, reject: false });
    dir.cleanup();
    const errors = result.stdout.split('\n').filter((line) => /error TS/.test(line));
    // Exactly the two wrong assignments, and nothing in the file that uses the types correctly.
    expect(errors, result.stdout).toHaveLength(2);
    expect(errors[0]).toMatch(/^bad\.ts\(4,14\): error TS2322: Type 'string \| null \| undefined' is not assignable to type 'number'/);
    expect(errors[1]).toMatch(/^bad\.ts\(5,14\): error TS2322/);
  });
});

describe("the README's TypeScript snippet", { timeout: 60_000 }, () => {
  const { emulator } = useEmulator();

  it('runs unchanged against the emulator with the two variables `tavus-ten mock` prints', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('## Using the client from TypeScript')[1]!;
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = tempDir();
    // The package as a consumer imports it: node_modules/tavus-ten is this checkout (built).
    mkdirSync(join(dir.path, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(dir.path, 'node_modules/tavus-ten'), 'dir');
    writeFileSync(join(dir.path, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    // The snippet is plain JavaScript too: Node runs it as a module.
    writeFileSync(join(dir.path, 'snippet.mjs'), snippet);
    const result = await execa(process.execPath, ['snippet.mjs'], {
      cwd: dir.path,
      reject: false,
      extendEnv: false,
      env: { PATH: process.env.PATH, ...emulatorEnv(emulator) },
    });
    dir.cleanup();
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^r90bbd427f71 completed$/m);
    expect(emulator.requests.filter((r) => r.path === '/v2/replicas').length).toBeGreaterThan(0);
  });

  it('options given win over the environment', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ baseUrl: emulator.url }, { TAVUS_API_KEY: emulator.apiKey, TAVUS_API_BASE_URL: 'http://127.0.0.1:9/' });
    expect(tavus.baseUrl).toBe(`${emulator.url}/v2`);
    expect((await tavus.replicas.get('r90bbd427f71')).replica_id).toBe('r90bbd427f71');
  });

  it('no key: a ConfigError whose hint is what works for the library (it reads no profile or .env); the CLI keeps its own', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ baseUrl: emulator.url }, {});
    await expect(tavus.replicas.list()).rejects.toMatchObject({
      name: 'ConfigError',
      code: 'config_error',
      exitCode: 3,
      message: 'No Tavus API key is set.',
      hint: 'Pass `apiKey` to createTavusClient, or set TAVUS_API_KEY in the environment.',
    });
    const cli = await runCli(['replica', 'list', '--json'], { env: { TAVUS_API_BASE_URL: emulator.url } });
    expect(cli.exitCode).toBe(3);
    expect(JSON.parse(cli.stderr).error).toMatchObject({
      code: 'config_error',
      message: 'No Tavus API key is set.',
      hint: 'Run `tavus-ten auth login` or set TAVUS_API_KEY.',
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it('a base URL that is not http(s) is bad input: exit 2 as in the CLI, and nothing is sent', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ apiKey: emulator.apiKey }, { TAVUS_API_BASE_URL: emulator.url.replace(/^http:\/\//, '') });
    await expect(tavus.replicas.list()).rejects.toMatchObject({
      name: 'UsageError',
      code: 'usage_error',
      exitCode: 2,
      message: expect.stringMatching(/is not an http\(s\) URL/),
    });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('the LiveKit avatar start, from the built package', { timeout: 60_000 }, () => {
  const livekit = { url: 'wss://my-project.livekit.cloud', apiKey: 'APIk3y', apiSecret: 'the-right-secret-with-32-characters!!' };
  const { emulator } = useEmulator({ livekit: { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret } });

  it('mints the token, sends the properties and the safe timeouts, and verifies the conversation is running', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const started = await lib.startLivekitAvatar({ tavus, personaId: 'pb87e71797da', livekit: { ...livekit, room: 'my-room' } });
    expect(started.verified).toEqual(['conversation_active']);
    const body = creates(emulator)[0]!.body as { properties: Record<string, unknown> };
    expect(body.properties).toMatchObject({ max_call_duration: 900, participant_absent_timeout: 120, participant_left_timeout: 30, livekit_ws_url: livekit.url });
    const claims = JSON.parse(Buffer.from(String(body.properties.livekit_room_token).split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'tavus-avatar-agent', video: { room: 'my-room', roomJoin: true }, attributes: { 'lk.publish_on_behalf': 'ten-agent' } });
  });

  it('a secret the server rejects: the avatar never joins, and the start throws instead of reporting success', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const start = lib.startLivekitAvatar({ tavus, personaId: 'pb87e71797da', livekit: { ...livekit, apiSecret: 'a-wrong-secret-with-32-characters!!!!', room: 'my-room' } });
    await expect(start).rejects.toMatchObject({ code: 'check_failed', message: expect.stringMatching(/livekit_join_failed/) });
  });

  it('against the emulator on loopback, a LiveKit server on loopback (ws:// too) is allowed, as by `conversation start --transport livekit`', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const started = await lib.startLivekitAvatar({ tavus, personaId: 'pb87e71797da', livekit: { ...livekit, url: 'ws://127.0.0.1:7880', room: 'my-room' } });
    expect(started.verified).toEqual(['conversation_active']);
    expect(started.conversation.status).toBe('active');
    expect((creates(emulator)[0]!.body as { properties: Record<string, unknown> }).properties).toMatchObject({ livekit_ws_url: 'ws://127.0.0.1:7880' });
  });

  it('other private addresses stay refused with the emulator, and loopback is refused against the real API; nothing is sent', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const emulated = lib.createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    await expect(lib.startLivekitAvatar({ tavus: emulated, personaId: 'pb87e71797da', livekit: { ...livekit, url: 'ws://10.0.0.5:7880', room: 'r' } })).rejects.toMatchObject({
      name: 'UsageError',
      exitCode: 2,
      message: "LIVEKIT_URL points at 10.0.0.5, a local or private address that Tavus's cloud cannot reach.",
    });
    expect(emulator.requests).toHaveLength(0);
    const sent: unknown[] = [];
    const real = lib.createTavusClient({ apiKey: 'tvs_not_a_real_key', baseUrl: 'https://tavusapi.com', onRequest: (entry: unknown) => sent.push(entry) });
    await expect(lib.startLivekitAvatar({ tavus: real, personaId: 'pb87e71797da', livekit: { ...livekit, url: 'ws://127.0.0.1:7880', room: 'r' } })).rejects.toMatchObject({
      name: 'UsageError',
      exitCode: 2,
      message: "LIVEKIT_URL points at 127.0.0.1, a local or private address that Tavus's cloud cannot reach.",
      hint: expect.stringMatching(/publicly reachable LiveKit server/),
    });
    expect(sent).toEqual([]);
  });

  it('a persona that is not echo + livekit is refused before anything is created', async () => {
    const lib = await import(join(ROOT, 'dist/index.js'));
    const tavus = lib.createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const posts = emulator.requests.filter((r) => r.method === 'POST').length;
    await expect(lib.startLivekitAvatar({ tavus, personaId: 'pcb7a34da5fe', livekit: { ...livekit, room: 'r' } })).rejects.toMatchObject({ code: 'usage_error' });
    expect(emulator.requests.filter((r) => r.method === 'POST').length).toBe(posts);
  });
});
