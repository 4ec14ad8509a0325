// objectives and guardrails through the built CLI against the emulator: create from a JSON file
// (checked before anything is sent), list, get, update (a JSON Patch of exactly the changed leaves),
// and guarded delete.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Each test runs the built CLI several times: room for a loaded machine. */
const CLI_TEST_MS = 60_000;

const { emulator, env } = useEmulator();
const dir = tempDir();

afterAll(() => dir.cleanup());

function file(name: string, value: unknown): string {
  const path = join(dir.path, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const OBJECTIVES = {
  data: [
    { objective_name: 'greet', objective_prompt: 'Greet the user', confirmation_mode: 'auto' },
    { objective_name: 'ask_name', objective_prompt: 'Ask their name', output_variables: ['name'] },
  ],
};
const GUARDRAILS = { name: 'safety', data: [{ guardrail_name: 'no_prices', guardrail_prompt: 'Never quote prices' }] };

describe('objectives', () => {
  it('create sends the file as the body; list shows each objective with its set id; get shows the set', async () => {
    const created = await runCli(['objectives', 'create', '--file', file('o.json', OBJECTIVES), '-q'], { env });
    expect(created.exitCode, created.stderr).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^o[0-9a-f]{11}$/);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v2/objectives', body: OBJECTIVES });

    const list = await runCli(['objectives', 'list'], { env });
    expect(list.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 2))).toEqual([
      [id, 'greet'],
      [id, 'ask_name'],
    ]);
    const got = await runCli(['objective', 'get', id, '--json'], { env });
    expect(JSON.parse(got.stdout)).toMatchObject({ objectives_id: id, data: OBJECTIVES.data });
  }, CLI_TEST_MS);

  it('update --file patches exactly the changed leaf; the same file again sends nothing', async () => {
    const id = (await runCli(['objectives', 'create', '--file', file('o.json', OBJECTIVES), '-q'], { env })).stdout.trim();
    const changed = structuredClone(OBJECTIVES);
    changed.data[1]!.objective_prompt = 'Ask for their first name';
    emulator.requests.length = 0;
    const result = await runCli(['objectives', 'update', id, '--file', file('o2.json', changed)], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    const writes = emulator.requests.filter((r) => r.method !== 'GET');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PATCH', path: `/v2/objectives/${id}`, body: [{ op: 'replace', path: '/data/1/objective_prompt', value: 'Ask for their first name' }] });
    emulator.requests.length = 0;
    const again = await runCli(['objectives', 'update', id, '--file', file('o2.json', changed)], { env });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/No changes/);
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  }, CLI_TEST_MS);

  it('a file with a bad field is exit 2 naming it, and nothing is sent', async () => {
    for (const [body, name] of [
      [{ data: [{ objective_name: 'has space', objective_prompt: 'x' }] }, 'data[0].objective_name'],
      [{ data: [{ objective_name: 'greet' }] }, 'data[0].objective_prompt'],
      [{ data: [] }, 'data'],
      [{ data: [{ objective_name: 'greet', objective_prompt: 'x', confirmation_mode: 'sometimes' }] }, 'data[0].confirmation_mode'],
    ] as const) {
      const result = await runCli(['objectives', 'create', '--file', file('bad.json', body)], { env });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain(name);
    }
    // A misspelt item field: its path once, with "did you mean" (not the field it leaves missing).
    const typo = file('typo.json', { data: [{ objective_name: 'greet', objective_promt: 'x' }] });
    const result = await runCli(['objectives', 'create', '--file', typo], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `Error: --file ${typo}: data[0].objective_promt is not a known field; did you mean objective_prompt?\nHint: Rename objective_promt to "objective_prompt" in --file ${typo}.\n`,
    );
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);
});

describe('guardrails', () => {
  it('create, get (name and items), update --set, delete (guarded)', async () => {
    const created = await runCli(['guardrails', 'create', '--file', file('g.json', GUARDRAILS), '--json'], { env });
    expect(created.exitCode, created.stderr).toBe(0);
    const { guardrails_id: id } = JSON.parse(created.stdout) as { guardrails_id: string };
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v2/guardrails', body: GUARDRAILS });

    const got = await runCli(['guardrails', 'get', id], { env });
    expect(got.stdout).toMatch(/name:\s+safety/);
    expect(got.stdout).toMatch(/0\tno_prices\tNever quote prices/);

    const updated = await runCli(['guardrails', 'update', id, '--set', '/data/0/guardrail_prompt="Never quote prices or discounts"'], { env });
    expect(updated.exitCode, updated.stderr).toBe(0);
    expect(emulator.requests.filter((r) => r.method === 'PATCH').at(-1)!.body).toEqual([
      { op: 'replace', path: '/data/0/guardrail_prompt', value: 'Never quote prices or discounts' },
    ]);
    expect(emulator.state.guardrails.get(id)!.data[0]!.guardrail_prompt).toBe('Never quote prices or discounts');

    const list = await runCli(['guardrails', 'list', '-q', '--all'], { env });
    expect(list.stdout.trim()).toBe(id);

    emulator.requests.length = 0;
    expect((await runCli(['guardrails', 'delete', id], { env })).exitCode).toBe(2);
    expect(emulator.requests).toHaveLength(0);
    const deleted = await runCli(['guardrails', 'delete', id, '--yes'], { env });
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v2/guardrails/${id}` });
    expect((await runCli(['guardrails', 'get', id], { env })).exitCode).toBe(4);
  }, CLI_TEST_MS);

  it('update --patch-file then --set: the --set is chosen against the set as the file leaves it', async () => {
    const created = await runCli(['guardrails', 'create', '--file', file('g2.json', GUARDRAILS), '--json'], { env });
    const { guardrails_id: id } = JSON.parse(created.stdout) as { guardrails_id: string };
    // The file appends a guardrail; --set then changes a field inside it (it did not exist before the file).
    const patch = file('append.json', [{ op: 'add', path: '/data/-', value: { guardrail_name: 'no_medical', guardrail_prompt: 'No medical advice' } }]);
    const updated = await runCli(['guardrails', 'update', id, '--patch-file', patch, '--set', '/data/1/guardrail_prompt="Never give medical advice"'], { env });
    expect(updated.exitCode, updated.stderr).toBe(0);
    expect(emulator.requests.filter((r) => r.method === 'PATCH').at(-1)!.body).toEqual([
      { op: 'add', path: '/data/-', value: { guardrail_name: 'no_medical', guardrail_prompt: 'No medical advice' } },
      { op: 'replace', path: '/data/1/guardrail_prompt', value: 'Never give medical advice' },
    ]);
    expect(emulator.state.guardrails.get(id)!.data.map((item) => item.guardrail_prompt)).toEqual(['Never quote prices', 'Never give medical advice']);
  }, CLI_TEST_MS);

  it('a guardrail name Tavus would refuse is exit 2 naming the field', async () => {
    const result = await runCli(['guardrails', 'create', '--file', file('bad.json', { name: 's', data: [{ guardrail_name: 'no-prices', guardrail_prompt: 'x' }] })], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('data[0].guardrail_name');
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('a --patch-file that is not an array of operations is exit 2, shown one of the set\'s own, and nothing is sent', async () => {
    for (const [noun, prompt] of [['guardrails', 'guardrail_prompt'], ['objectives', 'objective_prompt']] as const) {
      const result = await runCli([noun, 'update', 'x1234567890a', '--patch-file', file('patch.json', { op: 'replace' })], { env });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain('patch.json: a JSON Patch must be an array of operations, got an object.');
      expect(result.stderr).toContain(`Write [{"op": "replace", "path": "/data/0/${prompt}", "value": "…"}] (RFC 6902).`);
    }
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('create without --file is a usage error naming the option and the command\'s --help, in text and --json; nothing is sent', async () => {
    for (const noun of ['objectives', 'guardrails']) {
      const text = await runCli([noun, 'create'], { env });
      expect(text.exitCode, text.stderr).toBe(2);
      expect(text.stdout).toBe('');
      expect(text.stderr).toBe(`Error: Missing required option --file <path>.\nHint: Run \`tavus-ten ${noun} create --help\` for usage.\n`);
      const json = await runCli(['--json', noun, 'create'], { env });
      expect(json.exitCode).toBe(2);
      expect(json.stdout).toBe('');
      expect(JSON.parse(json.stderr)).toEqual({
        error: { code: 'usage_error', message: 'Missing required option --file <path>.', status: null, hint: `Run \`tavus-ten ${noun} create --help\` for usage.` },
      });
    }
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);
});
