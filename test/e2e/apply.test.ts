// apply FILE through the built CLI against the emulator: a whole setup (two documents, an objectives
// set, a guardrails set, two personas referring to them by name) created in dependency order, a second
// run that writes nothing, one changed guardrail that sends one PATCH, and the refusals that send nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Each test runs the built CLI several times: room for a loaded machine. */
const CLI_TEST_MS = 60_000;

const SETUP = resolve(import.meta.dirname, '../../fixtures/provision/setup.json');
const { emulator, env } = useEmulator();
const dir = tempDir();

afterAll(() => dir.cleanup());

const writes = () => emulator.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\/[a-z0-9]+-?[0-9a-f]{11,12}$/, '/ID')}`);

function variant(edit: (setup: Record<string, any>) => void): string {
  const setup = JSON.parse(readFileSync(SETUP, 'utf8')) as Record<string, any>;
  edit(setup);
  const path = join(dir.path, `setup-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(setup));
  return path;
}

describe('apply', () => {
  it('creates everything in dependency order, personas pointing at the new ids', async () => {
    const result = await runCli(['apply', SETUP, '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    const entries = JSON.parse(result.stdout) as Array<{ kind: string; name: string; id: string; result: string }>;
    expect(entries.map((e) => `${e.result} ${e.kind} ${e.name}`)).toEqual([
      'created document handbook',
      'created document faq',
      'created objectives onboarding',
      'created guardrails safety',
      'created persona coach',
      'created persona helper',
    ]);
    expect(writes()).toEqual(['POST /v2/documents', 'POST /v2/documents', 'POST /v2/objectives', 'POST /v2/guardrails', 'POST /v2/personas', 'POST /v2/personas']);
    const id = (kind: string, name: string) => entries.find((e) => e.kind === kind && e.name === name)!.id;
    const coach = emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas')[0]!.body as Record<string, unknown>;
    expect(coach).toMatchObject({
      persona_name: 'coach',
      document_ids: [id('document', 'handbook'), id('document', 'faq')],
      objectives_id: id('objectives', 'onboarding'),
      guardrails_id: id('guardrails', 'safety'),
    });
    expect(coach).not.toHaveProperty('documents');
    expect(emulator.requests.find((r) => r.path === '/v2/guardrails' && r.method === 'POST')!.body).toEqual({
      name: 'safety',
      data: [{ guardrail_name: 'no_prices', guardrail_prompt: 'Never quote prices' }],
    });
  }, CLI_TEST_MS);

  it('a second run sends no write; a changed guardrail sends exactly one PATCH of that leaf', async () => {
    expect((await runCli(['apply', SETUP], { env })).exitCode).toBe(0);
    emulator.requests.length = 0;
    const again = await runCli(['apply', SETUP, '--json'], { env });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(writes()).toEqual([]);
    expect((JSON.parse(again.stdout) as Array<{ result: string }>).every((e) => e.result === 'unchanged')).toBe(true);

    const changed = variant((s) => {
      s.guardrails[0].data[0].guardrail_prompt = 'Never quote prices or discounts';
    });
    emulator.requests.length = 0;
    const third = await runCli(['apply', changed], { env });
    expect(third.exitCode, third.stderr).toBe(0);
    const patches = emulator.requests.filter((r) => r.method !== 'GET');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.method).toBe('PATCH');
    expect(patches[0]!.path).toMatch(/^\/v2\/guardrails\/g[0-9a-f]{11}$/);
    expect(patches[0]!.body).toEqual([{ op: 'replace', path: '/data/0/guardrail_prompt', value: 'Never quote prices or discounts' }]);
    expect(third.stdout).toMatch(/updated\tguardrails\tsafety\tg[0-9a-f]{11}\t\/data\/0\/guardrail_prompt/);
  }, CLI_TEST_MS);

  it('reads YAML too: the same setup as YAML after the JSON one changes nothing', async () => {
    expect((await runCli(['apply', SETUP], { env })).exitCode).toBe(0);
    emulator.requests.length = 0;
    const result = await runCli(['apply', SETUP.replace(/\.json$/, '.yaml'), '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Array<{ result: string }>).map((e) => e.result)).toEqual(Array(6).fill('unchanged'));
    expect(writes()).toEqual([]);
  }, CLI_TEST_MS);

  it('--dry-run prints the plan and sends only reads', async () => {
    const result = await runCli(['apply', SETUP, '--dry-run'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '))).toContain('create persona coach');
    expect(result.stderr).toMatch(/Plan: 6 to create, 0 to update, 0 unchanged\. Dry run/);
    expect(writes()).toEqual([]);
  }, CLI_TEST_MS);

  it('a persona_name of the wrong type says it must be a string, and the hint names no flag apply lacks', async () => {
    const bad = variant((s) => {
      s.personas[0].persona_name = 42;
    });
    const result = await runCli(['apply', bad, '--json'], { env });
    expect(result.exitCode).toBe(2);
    const { error } = JSON.parse(result.stderr) as { error: { message: string; hint: string } };
    expect(error.message).toBe(`Invalid persona in ${bad}: personas[0].persona_name must be a string (got a number).`);
    expect(error.hint).toBe(`Fix persona_name in ${bad} (see \`tavus-ten persona create --help\`).`);
    expect(error.hint).not.toMatch(/--name/);
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('a persona field a letter or two from a known one is exit 2 with "did you mean", nothing sent; an unknown field is sent as it is', async () => {
    const typo = variant((s) => {
      s.personas[0].pipline_mode = 'echo';
    });
    const result = await runCli(['apply', typo, '--json'], { env });
    expect(result.exitCode).toBe(2);
    const { error } = JSON.parse(result.stderr) as { error: { message: string; hint: string } };
    expect(error.message).toBe(`Invalid persona in ${typo}: personas[0].pipline_mode is not a persona field; did you mean pipeline_mode?`);
    expect(error.hint).toContain('Rename it to "pipeline_mode"');
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('a misspelt key of a document, set or set item is exit 2 naming its path once, with "did you mean"; nothing sent', async () => {
    const entry = '  - document_name: handbook\n    document_url: https://example.com/handbook.pdf\n';
    const cases: [string, string, string][] = [
      ['tag.yaml', `documents:\n${entry}    tag: [hr]\n`, 'documents[0].tag is not a known field; did you mean tags?\nHint: Rename tag to "tags" in FILE.'],
      ['crawl.yaml', `documents:\n${entry}    crawl: { dept: 2 }\n`, 'documents[0].crawl.dept is not a known field; did you mean depth?\nHint: Rename dept to "depth" in FILE.'],
      // The typo, not the field it leaves missing.
      [
        'objective.yaml',
        'objectives:\n  - key: onboarding\n    data: [{ objective_name: greet, objective_promt: Greet the user }]\n',
        'objectives[0].data[0].objective_promt is not a known field; did you mean objective_prompt?\nHint: Rename objective_promt to "objective_prompt" in FILE.',
      ],
      ['guardrails.yaml', 'guardrails:\n  - nam: safety\n    data: [{ guardrail_name: no_prices, guardrail_prompt: Never quote prices }]\n', 'guardrails[0].nam is not a known field; did you mean name?\nHint: Rename nam to "name" in FILE.'],
      ['section.yaml', `document:\n${entry}`, 'document is not a known field; did you mean documents?\nHint: Rename document to "documents" in FILE.'],
      // Nothing near: the fix names what the entry takes.
      [
        'several.yaml',
        `documents:\n${entry}    tag: [hr]\n    owner: hr-team\n`,
        'documents[0].tag and documents[0].owner are not known fields; did you mean tags for tag?\n' +
          'Hint: Rename tag to "tags" and remove owner in FILE. documents[0] takes document_name, document_url, tags, crawl and callback_url.',
      ],
    ];
    for (const [name, yaml, expected] of cases) {
      const file = join(dir.path, name);
      writeFileSync(file, yaml);
      const result = await runCli(['apply', file], { env });
      expect(result.stderr, name).toBe(`Error: ${file}: ${expected.replaceAll('FILE', file)}\n`);
      expect(result.exitCode, name).toBe(2);
    }
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it("persona apply's files given to apply (one persona, a list of them) are exit 2 pointing at `tavus-ten persona apply FILE`, nothing sent", async () => {
    const one = join(dir.path, 'coach persona.json');
    writeFileSync(one, JSON.stringify({ persona_name: 'coach', system_prompt: 'Be kind.' }));
    const single = await runCli(['apply', one], { env });
    expect(single.exitCode).toBe(2);
    expect(single.stderr).toContain(`Error: ${one}: this is one persona (it has persona_name and none of documents, objectives, guardrails, personas), not an apply file.`);
    expect(single.stderr).toContain(`Hint: Run \`tavus-ten persona apply "${one}"\` for it, or put it in a list under "personas" here.`);
    const list = join(dir.path, 'personas.json');
    writeFileSync(list, JSON.stringify([{ persona_name: 'coach', system_prompt: 'Be kind.' }]));
    const many = await runCli(['apply', list, '--json'], { env });
    expect(many.exitCode).toBe(2);
    expect(JSON.parse(many.stderr).error).toMatchObject({
      message: `${list}: the file must hold a JSON or YAML object (got an array).`,
      hint: expect.stringMatching(new RegExp(`^A list of personas is what \`tavus-ten persona apply ${list.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\` takes\\.`)),
    });
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('a file that is not an object says what it holds instead; a field of the wrong type is not "missing" (exit 2, nothing sent)', async () => {
    const cases: Array<[string, string, string]> = [
      ['list.json', '[]', 'the file must hold a JSON or YAML object (got an array)'],
      ['text.json', '"str"', 'the file must hold a JSON or YAML object (got a string)'],
      ['list.yaml', '- coach\n', 'the file must hold a JSON or YAML object (got an array)'],
      ['docs.json', '{"documents": "handbook"}', 'documents: must be an array (got a string)'],
      ['name.json', '{"documents": [{"document_name": 5, "document_url": "https://example.com/a.pdf"}]}', 'documents[0].document_name: must be a string (got a number)'],
      ['absent.json', '{"documents": [{"document_url": "https://example.com/a.pdf"}]}', 'documents[0].document_name: missing'],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir.path, name);
      writeFileSync(path, text);
      const result = await runCli(['apply', path], { env });
      expect(result.exitCode, name).toBe(2);
      expect(result.stderr, name).toContain(`Error: ${path}: ${message}.`);
    }
    const piped = await runCli(['apply', '-'], { env, input: '[]' });
    expect(piped.exitCode).toBe(2);
    expect(piped.stderr).toContain('Error: stdin: the input must hold a JSON or YAML object (got an array).');
    expect(piped.stderr).toContain('Hint: The file holds {"documents": [');
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('a dangling name reference is exit 2 naming it, before anything is sent', async () => {
    const bad = variant((s) => {
      s.personas[1].documents = ['faq', 'handbok'];
    });
    const result = await runCli(['apply', bad], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('personas[1].documents[1]');
    expect(result.stderr).toContain('"handbok"');
    expect(result.stderr).toContain('"handbook"');
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('two of your objectives sets holding the same objectives: exit 2 naming those objectives and both ids, nothing written', async () => {
    // Tavus's objectives sets have no name: apply matches one by its objective names, so the message names them.
    const onboarding = JSON.parse(readFileSync(SETUP, 'utf8')).objectives[0] as { data: unknown[] };
    const setFile = join(dir.path, 'onboarding-set.json');
    writeFileSync(setFile, JSON.stringify({ data: onboarding.data }));
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await runCli(['objectives', 'create', '--file', setFile, '-q'], { env });
      expect(created.exitCode, created.stderr).toBe(0);
      ids.push(created.stdout.trim());
    }
    emulator.requests.length = 0;
    const result = await runCli(['apply', SETUP], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `Error: Your objectives sets ${ids[0]} and ${ids[1]} both hold exactly the objectives greet, ask_name (objectives "onboarding" in the file): ` +
        'apply matches a set by its objective names, so it cannot tell which to change. Nothing was changed.',
    );
    expect(result.stderr).toContain("Hint: Delete all but one (`tavus-ten objectives delete ID`; a persona's objectives_id shows which set it uses), then apply again.");
    expect(writes()).toEqual([]);

    const json = await runCli(['apply', SETUP, '--json'], { env });
    expect(json.exitCode).toBe(2);
    expect(json.stdout).toBe('');
    const error = JSON.parse(json.stderr.trim().split('\n').at(-1)!) as { error: { code: string; message: string; status: null; hint: string } };
    expect(error.error).toMatchObject({ code: 'usage_error', status: null });
    expect(error.error.message).toContain('both hold exactly the objectives greet, ask_name');
    expect(writes()).toEqual([]);
  }, CLI_TEST_MS);

  it('a failure stops the run and says what was done and what was not; a re-run finishes the job', async () => {
    emulator.inject({ method: 'POST', path: '/v2/guardrails', fault: { kind: 'status', status: 500 } });
    const failed = await runCli(['apply', SETUP, '--json'], { env });
    expect(failed.exitCode).toBe(1);
    const entries = JSON.parse(failed.stdout) as Array<{ kind: string; result: string }>;
    expect(entries.map((e) => `${e.kind}:${e.result}`)).toEqual([
      'document:created',
      'document:created',
      'objectives:created',
      'guardrails:failed',
      'persona:skipped',
      'persona:skipped',
    ]);
    const error = JSON.parse(failed.stderr.trim().split('\n').at(-1)!) as { error: { message: string } };
    expect(error.error.message).toMatch(/Done: document handbook, document faq, objectives onboarding\. Not done: guardrails safety, persona coach, persona helper/);
    // A create is never retried: one POST reached the fault.
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/guardrails')).toHaveLength(1);

    emulator.requests.length = 0;
    const rerun = await runCli(['apply', SETUP, '--json'], { env });
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(writes()).toEqual(['POST /v2/guardrails', 'POST /v2/personas', 'POST /v2/personas']);
  }, CLI_TEST_MS);

  it('the kinds are read at once, and the error reported is the first in plan order, not the first to come back', async () => {
    expect((await runCli(['apply', SETUP], { env })).exitCode).toBe(0);
    const moved = variant((s) => {
      s.documents[0].document_url = 'https://example.com/handbook-2.pdf';
    });
    // The documents' answer (whose plan refuses the new URL) comes back after the personas' (a 404).
    emulator.inject({ method: 'GET', path: '/v2/documents', fault: { kind: 'delay', ms: 1500 } });
    emulator.inject({ method: 'GET', path: '/v2/personas', fault: { kind: 'status', status: 404 } });
    emulator.requests.length = 0;
    const result = await runCli(['apply', moved], { env });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain("Tavus cannot change a document's URL");
    expect(writes()).toEqual([]);
  }, CLI_TEST_MS);
});
