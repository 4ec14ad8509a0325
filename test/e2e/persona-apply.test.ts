// persona apply through the built CLI: the plan, the writes it makes (and, run again, does not make).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const APPLY = join(FIXTURES, 'personas/apply.json');
const { emulator, env } = useEmulator();
const dir = tempDir('tavus-ten-persona-apply-');

afterAll(async () => {
  dir.cleanup();
});

const writes = () => emulator.requests.filter((r) => r.method !== 'GET');
const rows = (stdout: string) => stdout.trim().split('\n').map((line) => line.split('\t'));

interface PlanEntry {
  persona_name: string;
  persona_id: string | null;
  action: string;
  changes: string[];
  result: string;
}

describe('persona apply', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    const result = await runCli(['persona', 'apply', APPLY, '--dry-run'], { env });
    expect(result.exitCode).toBe(0);
    expect(rows(result.stdout)).toEqual([
      ['create', 'TEN LiveKit avatar', '-', '-'],
      ['create', 'Meeting coach', '-', '-'],
    ]);
    expect(result.stderr).toMatch(/2 to create, 0 to update, 0 unchanged\. Dry run/);
    expect(writes()).toHaveLength(0);
  });

  it('creates the missing, then a second run reports everything unchanged and sends no write', async () => {
    const first = await runCli(['persona', 'apply', APPLY, '--json'], { env });
    expect(first.exitCode).toBe(0);
    const created = JSON.parse(first.stdout) as PlanEntry[];
    expect(created.map((e) => [e.persona_name, e.action, e.result])).toEqual([
      ['TEN LiveKit avatar', 'create', 'created'],
      ['Meeting coach', 'create', 'created'],
    ]);
    const file = JSON.parse(readFileSync(APPLY, 'utf8')) as unknown[];
    expect(writes().map((r) => r.body)).toEqual(file);

    emulator.requests.length = 0;
    const second = await runCli(['persona', 'apply', APPLY], { env });
    expect(second.exitCode).toBe(0);
    expect(rows(second.stdout)).toEqual([
      ['unchanged', 'TEN LiveKit avatar', created[0]!.persona_id, '-'],
      ['unchanged', 'Meeting coach', created[1]!.persona_id, '-'],
    ]);
    expect(second.stderr).toMatch(/2 unchanged\./);
    expect(writes()).toHaveLength(0);
    expect(emulator.requests.some((r) => r.method === 'GET' && r.path === '/v2/personas' && r.query.persona_type === 'user')).toBe(true);
  });

  it('patches exactly the fields that differ (add vs replace), and leaves the equal alone', async () => {
    await runCli(['persona', 'apply', APPLY, '-q'], { env });
    const coach = [...emulator.state.personas.values()].find((p) => p.persona_name === 'Meeting coach')!;
    // Someone changed the persona by hand: a new model, no perception layer, an extra field we do not manage.
    coach.layers = { llm: { model: 'tavus-llama' }, tts: { tts_engine: 'cartesia' } };
    coach.context = 'Edited in the dashboard.';
    emulator.requests.length = 0;

    const plan = await runCli(['persona', 'apply', APPLY, '--dry-run', '--json'], { env });
    expect((JSON.parse(plan.stdout) as PlanEntry[]).map((e) => [e.action, e.changes, e.result])).toEqual([
      ['unchanged', [], 'planned'],
      ['update', ['/context', '/layers/llm/model', '/layers/perception'], 'planned'],
    ]);
    expect(writes()).toHaveLength(0);

    const applied = await runCli(['persona', 'apply', APPLY], { env });
    expect(applied.exitCode).toBe(0);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: 'PATCH', path: `/v2/personas/${coach.persona_id}`, status: 200 });
    expect(writes()[0]!.body).toEqual([
      { op: 'replace', path: '/context', value: 'The user leads a small product team.' },
      { op: 'replace', path: '/layers/llm/model', value: 'tavus-gpt-4o' },
      { op: 'add', path: '/layers/perception', value: { perception_model: 'raven-1' } },
    ]);
    expect(rows(applied.stdout)[1]).toEqual(['updated', 'Meeting coach', coach.persona_id, '/context, /layers/llm/model, /layers/perception']);
    expect(emulator.state.personas.get(coach.persona_id)!.layers).toEqual({
      llm: { model: 'tavus-gpt-4o' },
      tts: { tts_engine: 'cartesia' },
      perception: { perception_model: 'raven-1' },
    });

    emulator.requests.length = 0;
    const again = await runCli(['persona', 'apply', APPLY, '-q'], { env });
    expect(again.exitCode).toBe(0);
    expect(writes()).toHaveLength(0);
    expect(again.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('takes a single persona object, and read-only fields from `persona get --json` are ignored', async () => {
    const single = join(dir.path, 'single.json');
    const echo = JSON.parse(readFileSync(join(FIXTURES, 'personas/echo-livekit.json'), 'utf8'));
    writeFileSync(single, JSON.stringify({ persona_id: 'pcb7a34da5fe', created_at: '2024-01-01', ...echo }));
    const result = await runCli(['persona', 'apply', single], { env });
    expect(result.exitCode).toBe(0);
    expect(writes().map((r) => r.body)).toEqual([echo]);
    expect(result.stderr).toMatch(/Ignoring read-only fields.*persona_id, created_at/);
    expect(emulator.state.personas.get('pcb7a34da5fe')!.persona_name).toBe('Life Coach');
  });

  it('a persona of the list naming its objectives the apply way is exit 2 naming objectives_id and its place, nothing sent', async () => {
    const file = join(dir.path, 'two.json');
    writeFileSync(file, JSON.stringify([{ persona_name: 'a', system_prompt: 'x' }, { persona_name: 'coach', system_prompt: 'y', objectives: 'onboarding' }]));
    const result = await runCli(['persona', 'apply', file, '--json'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr.trim()).error).toMatchObject({
      code: 'usage_error',
      message: `Invalid persona in ${file} [1]: objectives is how a persona in an apply file names its objectives (by name, from that file); a persona's own field is objectives_id, which takes an id. Nothing was sent.`,
      hint: expect.stringContaining('Write "objectives_id": "o…" (`tavus-ten objectives list` shows them)'),
    });
    expect(emulator.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  it('an apply file (documents, objectives, guardrails, personas) is exit 2 naming its sections and `tavus-ten apply FILE`, nothing sent', async () => {
    const setup = join(FIXTURES, 'provision/setup.json');
    const result = await runCli(['persona', 'apply', setup], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    // Not "persona_name is missing": the file is not a persona at all.
    expect(result.stderr).toContain(
      `Error: Invalid persona in ${setup}: it holds documents, objectives, guardrails, personas, the sections of an apply file, and no persona field. Nothing was sent.`,
    );
    expect(result.stderr).toContain(`Hint: Run \`tavus-ten apply ${setup}\` for that file`);
    expect(emulator.requests).toHaveLength(0);

    const json = await runCli(['persona', 'apply', setup, '--dry-run', '--json'], { env });
    expect(json.exitCode).toBe(2);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr.trim())).toMatchObject({ error: { code: 'usage_error', status: null, hint: expect.stringContaining(`tavus-ten apply ${setup}`) } });
    expect(emulator.requests).toHaveLength(0);
  });

  it('stops at a failed write: that one failed, the rest skipped, exit from the error', async () => {
    emulator.inject({ fault: { kind: 'status', status: 500, body: { message: 'Internal error' } }, method: 'POST', path: '/v2/personas' });
    const result = await runCli(['persona', 'apply', APPLY, '--json'], { env });
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as PlanEntry[]).map((e) => e.result)).toEqual(['failed', 'skipped']);
    expect(JSON.parse(result.stderr.trim().split('\n').at(-1)!).error.status).toBe(500);
    expect(writes()).toHaveLength(1);

    emulator.requests.length = 0;
    const retry = await runCli(['persona', 'apply', APPLY, '-q'], { env });
    expect(retry.exitCode).toBe(0);
    expect(writes()).toHaveLength(2);
  });

  it('a persona_name that is not a string, or blank, is named as such (exit 2, nothing sent); the hint names no flag it lacks', async () => {
    const cases: Array<[unknown, string]> = [
      [{ persona_name: 42, system_prompt: 'x' }, 'persona_name must be a string (got a number)'],
      [[{ persona_name: true, system_prompt: 'x' }], '[0].persona_name must be a string (got a boolean)'],
      [{ persona_name: '  ', system_prompt: 'x' }, 'persona_name is blank'],
      [{ system_prompt: 'x' }, 'persona_name is missing'],
    ];
    for (const [content, message] of cases) {
      const file = join(dir.path, `bad-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify(content));
      const result = await runCli(['persona', 'apply', file], { env });
      expect(result.exitCode, message).toBe(2);
      expect(result.stderr, message).toContain(message);
      expect(result.stderr, message).not.toMatch(/--name/);
    }
    expect(emulator.requests).toHaveLength(0);

    // persona create does have --name, so there the hint names it.
    const file = join(dir.path, 'create-bad.json');
    writeFileSync(file, JSON.stringify({ persona_name: 42, system_prompt: 'x' }));
    const create = await runCli(['persona', 'create', '--file', file], { env });
    expect(create.exitCode).toBe(2);
    expect(create.stderr).toContain('persona_name must be a string (got a number)');
    expect(create.stderr).toContain(`Hint: Set persona_name with --name or fix it in --file ${file}.`);
    expect(emulator.requests).toHaveLength(0);
  });

  it('two of your personas with one name: exit 2, nothing written', async () => {
    for (let i = 0; i < 2; i++) await runCli(['persona', 'create', '--name', 'TEN LiveKit avatar', '--echo-livekit', '-q'], { env });
    emulator.requests.length = 0;
    const result = await runCli(['persona', 'apply', APPLY], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/More than one of your personas has the name "TEN LiveKit avatar"/);
    expect(writes()).toHaveLength(0);
  });

  it.each([
    ['missing.json', /no such file/],
    [join(FIXTURES, 'bad/persona-not-json.json'), /not valid JSON/],
    [join(FIXTURES, 'bad/persona-full-no-prompt.json'), /system prompt/],
    [join(FIXTURES, 'bad/persona-bad-transport.json'), /layers\.transport\.transport_type/],
    [join(FIXTURES, 'bad/persona-apply-no-name.json'), /\[0\]: persona_name is missing/],
    [join(FIXTURES, 'bad/persona-apply-duplicate-names.json'), /both named "Twice"/],
  ])('bad file %s is exit 2 and sends nothing', async (file, message) => {
    const result = await runCli(['persona', 'apply', file], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });
});
