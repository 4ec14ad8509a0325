// Keys stored inside Tavus objects (a persona's layers.llm.api_key, any `*api_key`, `*secret`, `*token`
// field) are masked in every --json output, whichever command prints the object; `--show-secrets` on the
// persona verbs prints them. Through the built CLI, against the emulator and a Tavus stand-in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, startCli, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile.js';

const { emulator, env } = useEmulator();
const dir = tempDir('tavus-ten-secret-fields-');
afterAll(() => dir.cleanup());

const STOCK = 'pcb7a34da5fe';
const KEY = 'sk-supersecretkey1234567';
const MASKED = 'sk-…4567';

/** Sets the stock persona's LLM key as the newcomer did, and makes it the user's own (list --type user). */
async function keyedPersona(): Promise<string> {
  emulator.state.personas.get(STOCK)!.persona_type = 'user';
  const set = await runCli(['persona', 'update', STOCK, '--set', `/layers/llm/api_key=${JSON.stringify(KEY)}`, '-q'], { env });
  expect(set.exitCode, set.stderr).toBe(0);
  expect((emulator.state.personas.get(STOCK) as unknown as { layers: { llm: { api_key: string } } }).layers.llm.api_key).toBe(KEY);
  return STOCK;
}

function expectMasked(result: { exitCode: number; stdout: string; stderr: string }, key = KEY, masked = MASKED): void {
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(key);
  expect(result.stdout).toContain(`"api_key": "${masked}"`);
}

describe('persona verbs that printed the key in full', () => {
  it('persona list --json, one page and --all, masks it; --show-secrets prints it', async () => {
    await keyedPersona();
    for (const paging of [[], ['--all']]) {
      const result = await runCli(['persona', 'list', '--type', 'user', '--json', ...paging], { env });
      expectMasked(result);
      expect((JSON.parse(result.stdout) as { persona_id: string; layers: { llm: { api_key: string } } }[]).find((p) => p.persona_id === STOCK)!.layers.llm.api_key).toBe(MASKED);
      const shown = await runCli(['persona', 'list', '--type', 'user', '--json', '--show-secrets', ...paging], { env });
      expect(shown.stdout).toContain(`"api_key": "${KEY}"`);
    }
  });

  it('persona update --json masks it; --show-secrets prints it', async () => {
    const id = await keyedPersona();
    expectMasked(await runCli(['persona', 'update', id, '--context', 'x', '--json'], { env }));
    const shown = await runCli(['persona', 'update', id, '--context', 'y', '--json', '--show-secrets'], { env });
    expect(JSON.parse(shown.stdout).layers.llm.api_key).toBe(KEY);
  });

  it('persona create --file --json masks the key it was given; --show-secrets prints it; the emulator stored it in full', async () => {
    const created = 'sk-createsecret99999';
    writeFileSync(join(dir.path, 'f.json'), JSON.stringify({ persona_name: 'Keyed', system_prompt: 'Hi', layers: { llm: { model: 'm', api_key: created } } }));
    const result = await runCli(['persona', 'create', '--file', 'f.json', '--json'], { env, cwd: dir.path });
    expectMasked(result, created, 'sk-…9999');
    const id = (JSON.parse(result.stdout) as { persona_id: string }).persona_id;
    expect((emulator.state.personas.get(id) as unknown as { layers: { llm: { api_key: string } } }).layers.llm.api_key).toBe(created);

    const shown = await runCli(['persona', 'create', '--file', 'f.json', '--name', 'Keyed 2', '--json', '--show-secrets'], { env, cwd: dir.path });
    expect(JSON.parse(shown.stdout).layers.llm.api_key).toBe(created);
  });

  it('the paths that masked already still do: get, --if-missing, the create dry run', async () => {
    const id = await keyedPersona();
    expectMasked(await runCli(['persona', 'get', id, '--json'], { env }));
    writeFileSync(join(dir.path, 'same.json'), JSON.stringify({ persona_name: emulator.state.personas.get(id)!.persona_name, system_prompt: 'x', layers: { llm: { api_key: KEY } } }));
    expectMasked(await runCli(['persona', 'create', '--file', 'same.json', '--if-missing', '--json'], { env, cwd: dir.path }));
    expectMasked(await runCli(['persona', 'create', '--file', 'same.json', '--dry-run', '--json'], { env, cwd: dir.path }));
  });
});

describe('other objects: every --json output goes through the same masking', () => {
  let server: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('conversation get/list and objectives get mask secret-named fields a Tavus answer carries; the meeting token stays (its URL carries it)', async () => {
    const conversation = {
      conversation_id: 'c123456789ab',
      status: 'active',
      conversation_url: 'https://tavus.daily.co/c123456789ab',
      meeting_token: 'meeting-token-for-the-person-0001',
      properties: { livekit_ws_url: 'wss://x.livekit.cloud', livekit_room_token: 'eyJroom-token-secret-0002' },
      callback: { webhook_secret: 'whsec-callback-secret-0003' },
    };
    const objectives = { objectives_id: 'o123456789ab', data: [{ objective_name: 'greet', objective_prompt: 'Hi', tool_api_key: 'sk-objective-secret-0004' }] };
    server = await startHostileServer((req, res) => {
      if (req.url?.startsWith('/v2/conversations/')) return json(res, 200, conversation);
      if (req.url?.startsWith('/v2/conversations')) return json(res, 200, { data: [conversation], total_count: 1 });
      return json(res, 200, objectives);
    });
    const stand = { TAVUS_API_KEY: 'tvs_standin_0123456789abcdef', TAVUS_API_BASE_URL: server.url };
    for (const args of [['conversation', 'get', 'c123456789ab'], ['conversation', 'list'], ['conversation', 'list', '--all'], ['objectives', 'get', 'o123456789ab']]) {
      const result = await runCli([...args, '--json'], { env: stand });
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      for (const secret of ['eyJroom-token-secret-0002', 'whsec-callback-secret-0003', 'sk-objective-secret-0004']) expect(result.stdout, args.join(' ')).not.toContain(secret);
      if (args[0] === 'conversation') {
        const printed = JSON.stringify(JSON.parse(result.stdout));
        expect(printed).toContain('"livekit_room_token":"ey…0002"');
        expect(printed).toContain('"webhook_secret":"wh…0003"');
        expect(printed).toContain('"meeting_token":"meeting-token-for-the-person-0001"');
      } else expect(result.stdout).toContain('"tool_api_key": "sk-…0004"');
    }
  });

  it('webhook listen --json masks them in the callback body it prints', async () => {
    const child = startCli(['webhook', 'listen', '--port', '0', '--json'], { timeoutMs: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const url = await waitFor(() => /Listening for Tavus callbacks on (\S+) /.exec(stderr)?.[1], 'webhook listen to print its URL');
    const body = { conversation_id: 'c123456789ab', event_type: 'system.replica_joined', message_type: 'system', timestamp: '2026-12-01T00:00:00Z', properties: { tool_api_key: 'sk-callback-secret-0005' } };
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const line = await waitFor(() => stdout.split('\n').find(Boolean), 'one JSON line');
    child.kill('SIGINT');
    await child;
    expect(line).not.toContain('sk-callback-secret-0005');
    expect((JSON.parse(line) as { body: { properties: { tool_api_key: string } } }).body.properties.tool_api_key).toBe('sk-…0005');
  });
});
