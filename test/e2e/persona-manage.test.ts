// persona list / get / update / delete through the built CLI against the emulator.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stockPersonas } from '../../src/emulator/seed.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

const STOCK = 'pcb7a34da5fe';
const ECHO = 'pb87e71797da';
const { emulator, env } = useEmulator();
const dir = tempDir('tavus-ten-persona-manage-');

afterAll(async () => {
  dir.cleanup();
});

const writes = () => emulator.requests.filter((r) => r.method !== 'GET');

describe('persona list', () => {
  it('prints id, name, pipeline mode, transport, default replica, created as tab-separated rows when piped', async () => {
    const result = await runCli(['persona', 'list'], { env });
    expect(result.exitCode).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.find((row) => row[0] === ECHO)).toEqual([ECHO, 'LiveKit Agents echo PAL', 'echo', 'livekit', 'r4067604db72', expect.stringMatching(/^2024-/)]);
    expect(rows.find((row) => row[0] === STOCK)?.slice(2, 5)).toEqual(['full', '-', 'r90bbd427f71']);
  });

  it('--json is one array of Tavus objects; -q ids; --type and paging go to Tavus', async () => {
    const json = await runCli(['personas', 'list', '--json', '--type', 'system', '--limit', '2', '--page', '1'], { env });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    expect(emulator.requests.at(-1)!.query).toEqual({ persona_type: 'system', limit: '2', page: '1' });

    const quiet = await runCli(['persona', 'list', '-q'], { env });
    expect(quiet.stdout.trim().split('\n').sort()).toEqual(stockPersonas().map((p) => p.persona_id).sort());
  });

  it('--all walks every page; --name filters over every page, case-insensitively', async () => {
    emulator.seedPersonas(120, { prefix: 'Bulk ' });
    const all = await runCli(['persona', 'list', '--all', '-q'], { env });
    expect(all.stdout.trim().split('\n')).toHaveLength(120 + stockPersonas().length);

    emulator.requests.length = 0;
    const named = await runCli(['persona', 'list', '--name', 'bulk 11', '--json'], { env });
    expect(named.exitCode).toBe(0);
    const names = (JSON.parse(named.stdout) as Array<{ persona_name: string }>).map((p) => p.persona_name).sort();
    expect(names).toEqual(['Bulk 11', 'Bulk 110', 'Bulk 111', 'Bulk 112', 'Bulk 113', 'Bulk 114', 'Bulk 115', 'Bulk 116', 'Bulk 117', 'Bulk 118', 'Bulk 119']);
    expect(emulator.requests.map((r) => r.query.page)).toEqual(expect.arrayContaining(['1', '2']));
  });

  it('refuses bad flags with exit 2 and sends nothing', async () => {
    for (const args of [['--type', 'robot'], ['--limit', '0'], ['--name', 'x', '--page', '2'], ['--name', '']]) {
      const result = await runCli(['persona', 'list', ...args], { env });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/--(type|limit|name|page)/);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('persona get', () => {
  it('reads the documented {"data":[persona]} answer', async () => {
    const result = await runCli(['persona', 'get', ECHO], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/name:\s+LiveKit Agents echo PAL/);
    expect(result.stdout).toMatch(/transport:\s+livekit/);
    const json = await runCli(['persona', 'get', STOCK, '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ persona_id: STOCK, persona_name: 'Life Coach' });
  });

  it('reads a flat persona object too', async () => {
    const flat = { persona_id: 'pflat0000001', persona_name: 'Flat', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } };
    emulator.inject({ fault: { kind: 'status', status: 200, body: flat }, method: 'GET', path: '/v2/personas/pflat0000001' });
    const result = await runCli(['persona', 'get', 'pflat0000001', '--json'], { env });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(flat);
  });

  it('an unknown id is exit 4 naming it', async () => {
    const result = await runCli(['persona', 'get', 'pdoesnotexist'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/persona pdoesnotexist/);
  });
});

/** Stock personas are Tavus's and cannot be changed; these tests act as if the account owned them. */
function ownStockPersonas(): void {
  for (const id of [STOCK, ECHO]) emulator.state.personas.get(id)!.persona_type = 'user';
}

describe('persona update', () => {
  beforeEach(ownStockPersonas);

  it("a stock (system) persona is Tavus's: exit 4, as for an id the account does not own", async () => {
    const result = await runCli(['persona', 'update', 'pipecat0', '--name', 'Mine'], { env });
    expect(result.exitCode).toBe(4);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/v2/personas/pipecat0', status: 400 });
    expect(emulator.state.personas.get('pipecat0')!.persona_name).toBe('Ari');
    // It exists (list and get show it), so the message must not say there is no such persona.
    expect(result.stderr).toContain('Error: Tavus has no persona pipecat0 that this account can change (400 Bad Request: Invalid persona_id).');
    expect(result.stderr).toContain("Stock personas (`tavus-ten persona list --type system`) are Tavus's own and cannot be changed or deleted");
    const deleted = await runCli(['persona', 'delete', 'pipecat0', '--yes'], { env });
    expect(deleted.exitCode).toBe(4);
    expect(deleted.stderr).toContain('pipecat0 that this account can change');
    expect(emulator.state.personas.has('pipecat0')).toBe(true);
  });
  it('an unknown id: update and delete both say Tavus has no such persona, with the list hint (exit 4)', async () => {
    const updated = await runCli(['persona', 'update', 'pnope0000000', '--name', 'x'], { env });
    const deleted = await runCli(['persona', 'delete', 'pnope0000000', '--yes'], { env });
    for (const result of [updated, deleted]) {
      expect(result.exitCode).toBe(4);
      expect(result.stderr).toContain('Tavus has no persona pnope0000000 (400 Bad Request: Invalid persona_id).');
      expect(result.stderr).toContain('Hint: See which personas exist with `tavus-ten persona list`.');
      expect(result.stderr).not.toContain('that this account can change');
    }
    // The delete was refused, then the read told an unknown id from a stock one.
    expect(emulator.requests.slice(-2).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'DELETE /v2/personas/pnope0000000 400',
      'GET /v2/personas/pnope0000000 400',
    ]);
    const replica = await runCli(['replica', 'delete', 'rnope0000000', '--yes'], { env });
    expect(replica.exitCode).toBe(4);
    expect(replica.stderr).toContain('Tavus has no replica rnope0000000 (400 Bad Request: Invalid replica_id).');
  });

  it('sends a JSON Patch: replace for members that exist, add (with parents) for the missing', async () => {
    const result = await runCli(
      ['persona', 'update', STOCK, '--name', 'Coach 2', '--replica', 'rf4e9d9790f0', '--set', '/layers/llm/model="tavus-gpt-4o"', '--set', '/layers/llm/speculative_inference=true'],
      { env },
    );
    expect(result.exitCode).toBe(0);
    const patch = writes();
    expect(patch).toHaveLength(1);
    expect(patch[0]!.method).toBe('PATCH');
    expect(patch[0]!.body).toEqual([
      { op: 'replace', path: '/persona_name', value: 'Coach 2' },
      { op: 'replace', path: '/default_replica_id', value: 'rf4e9d9790f0' },
      { op: 'add', path: '/layers/llm', value: { model: 'tavus-gpt-4o' } },
      { op: 'add', path: '/layers/llm/speculative_inference', value: true },
    ]);
    expect(emulator.state.personas.get(STOCK)).toMatchObject({ persona_name: 'Coach 2', layers: { llm: { model: 'tavus-gpt-4o', speculative_inference: true } } });
    expect(result.stderr).toMatch(/Updated persona pcb7a34da5fe: \/persona_name, \/default_replica_id, \/layers\/llm\/model/);
  });

  it('a flag giving a field the value it already holds is not listed as changed', async () => {
    const context = emulator.state.personas.get(STOCK)!.context;
    const result = await runCli(['persona', 'update', STOCK, '--context', String(context), '--name', 'Coach Dos'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe(`id:           ${STOCK}\npersona_name: Coach Dos\n`);
    expect(result.stderr).toContain(`Updated persona ${STOCK}: /persona_name.`);
  });

  it('prints what changed, as the persona now holds it: short values, long ones cut, keys masked', async () => {
    const key = 'sk-updatesecret12345678';
    const prompt = `You coach dentists.\n${'Be brief. '.repeat(10)}`;
    const result = await runCli(
      ['persona', 'update', STOCK, '--context', 'Customer is a dentist', '--system-prompt', prompt, '--set', '/layers/llm/model="tavus-gpt-4o"', '--set', `/layers/llm/api_key=${JSON.stringify(key)}`],
      { env },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(writes()[0]!.body).toEqual([
      { op: 'replace', path: '/system_prompt', value: prompt.trimEnd() },
      { op: 'replace', path: '/context', value: 'Customer is a dentist' },
      { op: 'add', path: '/layers/llm', value: { model: 'tavus-gpt-4o' } },
      { op: 'add', path: '/layers/llm/api_key', value: key },
    ]);
    expect(result.stdout).toBe(
      [
        `id:                 ${STOCK}`,
        `system_prompt:      You coach dentists.… (${prompt.trimEnd().length} characters)`,
        'context:            Customer is a dentist',
        'layers.llm.model:   tavus-gpt-4o',
        'layers.llm.api_key: sk-…5678',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain(`Updated persona ${STOCK}: /system_prompt, /context, /layers/llm/model, /layers/llm/api_key.`);
    expect(result.stdout + result.stderr).not.toContain(key);
    // --json is unchanged: Tavus's persona, key masked.
    const json = await runCli(['persona', 'update', STOCK, '--context', 'Another dentist', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ persona_id: STOCK, context: 'Another dentist', layers: { llm: { model: 'tavus-gpt-4o', api_key: 'sk-…5678' } } });
  });

  it('a patch file\'s changes are listed by path: a removed field says so, an object is one masked line, a test is no change', async () => {
    const key = 'sk-filesecret987654321';
    const file = join(dir.path, 'changes.json');
    writeFileSync(
      file,
      JSON.stringify([
        { op: 'test', path: '/persona_name', value: 'Life Coach' },
        { op: 'add', path: '/layers', value: { llm: { model: 'm', api_key: key } } },
        { op: 'remove', path: '/default_replica_id' },
      ]),
    );
    const result = await runCli(['persona', 'update', STOCK, '--patch-file', file], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(emulator.state.personas.get(STOCK)!.default_replica_id).toBeUndefined();
    expect(result.stdout).toBe(`id:                 ${STOCK}\nlayers:             {"llm":{"model":"m","api_key":"sk-…4321"}}\ndefault_replica_id: (removed)\n`);
    expect(result.stderr).toContain(`Updated persona ${STOCK}: /layers, /default_replica_id.`);
    expect(result.stdout + result.stderr).not.toContain(key);
  });

  it('a --set inside what the --patch-file adds goes into it: the file\'s /layers keeps its model', async () => {
    // Flags are chosen against the persona as the file's operations (sent first) leave it: before, the
    // --set became a second `add /layers`, which replaced the file's.
    emulator.state.personas.get(STOCK)!.layers = {};
    const file = join(dir.path, 'layers.json');
    writeFileSync(file, JSON.stringify([{ op: 'add', path: '/layers', value: { llm: { model: 'tavus-gpt-4o' } } }]));
    const result = await runCli(['persona', 'update', STOCK, '--patch-file', file, '--set', '/layers/llm/speculative_inference=true', '--set', '/layers/tts/tts_engine="cartesia"'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(writes().at(-1)!.body).toEqual([
      { op: 'add', path: '/layers', value: { llm: { model: 'tavus-gpt-4o' } } },
      { op: 'add', path: '/layers/llm/speculative_inference', value: true },
      { op: 'add', path: '/layers/tts', value: { tts_engine: 'cartesia' } },
    ]);
    expect(emulator.state.personas.get(STOCK)!.layers).toEqual({ llm: { model: 'tavus-gpt-4o', speculative_inference: true }, tts: { tts_engine: 'cartesia' } });
  });

  it('a --set inside what the --patch-file adds is listed once, as the parent that holds it', async () => {
    const key = 'sk-filesecret987654321';
    const file = join(dir.path, 'layers-model.json');
    writeFileSync(file, JSON.stringify([{ op: 'add', path: '/layers', value: { llm: { model: 'm', api_key: key } } }]));
    const result = await runCli(['persona', 'update', STOCK, '--patch-file', file, '--set', '/layers/llm/model="tavus-gpt-4o"'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(writes().at(-1)!.body).toEqual([
      { op: 'add', path: '/layers', value: { llm: { model: 'm', api_key: key } } },
      { op: 'replace', path: '/layers/llm/model', value: 'tavus-gpt-4o' },
    ]);
    expect(result.stderr).toContain(`Updated persona ${STOCK}: /layers.\n`);
    expect(result.stdout).toBe(`id:     ${STOCK}\nlayers: {"llm":{"api_key":"sk-…4321","model":"tavus-gpt-4o"}}\n`);
    expect(result.stdout + result.stderr).not.toContain(key);
  });

  it('--patch-file sends the file\'s operations; --json prints the updated persona', async () => {
    const file = join(dir.path, 'patch.json');
    writeFileSync(file, JSON.stringify([{ op: 'replace', path: '/system_prompt', value: 'Be brief.' }]));
    const result = await runCli(['persona', 'update', STOCK, '--patch-file', file, '--json'], { env });
    expect(result.exitCode).toBe(0);
    expect(writes()[0]!.body).toEqual([{ op: 'replace', path: '/system_prompt', value: 'Be brief.' }]);
    expect(JSON.parse(result.stdout)).toMatchObject({ persona_id: STOCK, system_prompt: 'Be brief.' });
  });

  it('a 304 is "no changes", exit 0', async () => {
    const result = await runCli(['persona', 'update', STOCK, '--name', 'Life Coach'], { env });
    expect(result.exitCode).toBe(0);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'PATCH', status: 304 });
    expect(result.stderr).toMatch(/No changes/);
  });

  it('a 422 is a clear error naming the persona, the operation that cannot apply, and what to check', async () => {
    const file = join(dir.path, 'remove-missing.json');
    writeFileSync(file, JSON.stringify([{ op: 'replace', path: '/persona_name', value: 'x' }, { op: 'remove', path: '/layers/stt/hotwords' }]));
    const result = await runCli(['persona', 'update', STOCK, '--patch-file', file], { env });
    expect(result.exitCode).toBe(1);
    // Tavus's answer names no path: the persona is read again to find the operation.
    expect(emulator.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['PATCH 422', 'GET 200']);
    expect(result.stderr).toContain(
      'Tavus rejected the patch for persona pcb7a34da5fe (422: Invalid JSON patch format): operation 2, remove /layers/stt/hotwords, names a path the persona does not have.',
    );
    expect(result.stderr).toMatch(/persona get pcb7a34da5fe --json/);
  });

  it('--dry-run prints the PATCH with the key masked and sends no change', async () => {
    const result = await runCli(['persona', 'update', STOCK, '--set', '/layers/transport/transport_type="livekit"', '--dry-run'], { env });
    expect(result.exitCode).toBe(0);
    expect(writes()).toHaveLength(0);
    expect(result.stdout).toContain(`PATCH ${emulator.url}/v2/personas/${STOCK}\n`);
    expect(result.stdout).not.toContain(emulator.apiKey);
    expect(JSON.parse(result.stdout.slice(result.stdout.indexOf('[')))).toEqual([
      { op: 'add', path: '/layers/transport', value: { transport_type: 'livekit' } },
    ]);
  });

  it('an unknown id is exit 4 and nothing is patched', async () => {
    const result = await runCli(['persona', 'update', 'pdoesnotexist', '--name', 'x'], { env });
    expect(result.exitCode).toBe(4);
    expect(writes()).toHaveLength(0);
  });

  it('a --set value that is not JSON is exit 2 naming --set, and nothing is sent', async () => {
    const result = await runCli(['persona', 'update', STOCK, '--set', '/persona_name=Coach'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--set \/persona_name: the value "Coach" is not JSON/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('a --set value of the wrong kind names the flag to use only when update has one', async () => {
    const name = await runCli(['persona', 'update', STOCK, '--set', '/persona_name=42'], { env });
    expect(name.exitCode).toBe(2);
    expect(name.stderr).toContain('Hint: Fix the value for /persona_name (or use --name).');
    // update has no --pipeline-mode (create does).
    const mode = await runCli(['persona', 'update', STOCK, '--set', '/pipeline_mode="fast"'], { env });
    expect(mode.exitCode).toBe(2);
    expect(mode.stderr).toMatch(/--set: invalid value for \/pipeline_mode/);
    expect(mode.stderr).toContain('Hint: Fix the value for /pipeline_mode.\n');
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('persona delete', () => {
  beforeEach(ownStockPersonas);
  it('without a TTY and without --yes: exit 2 and nothing sent', async () => {
    const result = await runCli(['persona', 'delete', STOCK], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--yes/);
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.state.personas.has(STOCK)).toBe(true);
  });

  it('--yes deletes every id; -q prints the deleted ids', async () => {
    const result = await runCli(['persona', 'rm', STOCK, ECHO, '--yes', '-q'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${STOCK}\n${ECHO}\n`);
    expect(writes().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`DELETE /v2/personas/${STOCK} 204`, `DELETE /v2/personas/${ECHO} 204`]);
  });

  it('an unknown id among others is exit 4, the others still deleted, each with its result under --json', async () => {
    const result = await runCli(['persona', 'delete', 'pdoesnotexist', STOCK, '--yes', '--json'], { env });
    expect(result.exitCode).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual([
      { persona_id: 'pdoesnotexist', result: 'failed', error: expect.objectContaining({ code: 'not_found', status: 400 }) },
      { persona_id: STOCK, result: 'deleted' },
    ]);
    expect(JSON.parse(result.stderr.trim().split('\n')[0]!).error.code).toBe('not_found');
    expect(emulator.state.personas.has(STOCK)).toBe(false);
  });
});

describe('keys stored in a persona (layers.llm.api_key)', () => {
  const llmKey = 'sk-newcomer-llm-key-0123456789';
  it('persona get --json masks them; --show-secrets prints them; a masked copy is refused by create --file (exit 2, nothing sent)', async () => {
    writeFileSync(join(dir.path, 'keyed.json'), JSON.stringify({ persona_name: 'Keyed', system_prompt: 'Hi', layers: { llm: { model: 'm', api_key: llmKey } } }));
    const created = await runCli(['persona', 'create', '--file', 'keyed.json', '-q'], { env, cwd: dir.path });
    expect(created.exitCode, created.stderr).toBe(0);
    const id = created.stdout.trim();

    const masked = await runCli(['persona', 'get', id, '--json'], { env });
    expect(masked.exitCode, masked.stderr).toBe(0);
    expect(masked.stdout).not.toContain(llmKey);
    expect(JSON.parse(masked.stdout).layers.llm).toEqual({ model: 'm', api_key: 'sk-…6789' });

    const shown = await runCli(['persona', 'get', id, '--json', '--show-secrets'], { env });
    expect(JSON.parse(shown.stdout).layers.llm.api_key).toBe(llmKey);

    writeFileSync(join(dir.path, 'copy.json'), masked.stdout);
    const before = emulator.requests.length;
    const refused = await runCli(['persona', 'create', '--file', 'copy.json', '--name', 'Copy'], { env, cwd: dir.path });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('layers.llm.api_key holds a masked value');
    expect(refused.stderr).toContain('--show-secrets');
    expect(emulator.requests).toHaveLength(before);

    // The copy with --show-secrets clones it, key included.
    writeFileSync(join(dir.path, 'copy.json'), shown.stdout);
    const cloned = await runCli(['persona', 'create', '--file', 'copy.json', '--name', 'Copy', '-q'], { env, cwd: dir.path });
    expect(cloned.exitCode, cloned.stderr).toBe(0);
    expect((emulator.state.personas.get(cloned.stdout.trim()) as unknown as { layers: { llm: { api_key: string } } }).layers.llm.api_key).toBe(llmKey);
  });
});

describe('two options reading stdin', () => {
  it('is exit 2 naming both options, before stdin is read or anything is sent (persona update and create, objectives update)', async () => {
    const cases = [
      [['persona', 'update', STOCK, '--patch-file', '-', '--system-prompt-file', '-'], '[{"op": "replace", "path": "/persona_name", "value": "x"}]', '--system-prompt-file and --patch-file'],
      [['persona', 'create', '--file', '-', '--system-prompt-file', '-', '--name', 'x'], '{"persona_name": "x", "system_prompt": "Be brief."}', '--system-prompt-file and --file'],
      [['objectives', 'update', 'o1234567890a', '--file', '-', '--patch-file', '-'], '[]', '--file and --patch-file'],
    ] as const;
    for (const [args, input, flags] of cases) {
      emulator.requests.length = 0;
      for (const json of [false, true]) {
        const result = await runCli(json ? ['--json', ...args] : [...args], { env, input });
        expect(result.exitCode, result.stderr).toBe(2);
        expect(result.stdout).toBe('');
        const message = `${flags} both read stdin (-); only one option can.`;
        if (json) expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'usage_error', message, hint: 'Give all but one of them a file path instead.' });
        else expect(result.stderr).toBe(`Error: ${message}\nHint: Give all but one of them a file path instead.\n`);
      }
      expect(emulator.requests).toEqual([]);
    }
  }, 60_000);
});
