// persona create through the built CLI against the emulator: what is sent, what is printed, what is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const { emulator, env } = useEmulator();
const dir = tempDir('tavus-ten-persona-create-');

afterAll(async () => {
  dir.cleanup();
});

const posts = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');

describe('persona create', () => {
  it('--echo-livekit sends exactly the body of Tavus\'s LiveKit guide and prints a summary', async () => {
    const result = await runCli(['persona', 'create', '--name', 'TEN avatar', '--echo-livekit'], { env });
    expect(result.exitCode).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body).toEqual({ persona_name: 'TEN avatar', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
    expect(posts()[0]!.status).toBe(200);
    expect(result.stdout).toMatch(/^id:\s+p[0-9a-f]{11}$/m);
    expect(result.stdout).toMatch(/pipeline mode:\s+echo/);
    expect(result.stdout).toMatch(/transport:\s+livekit/);
    expect(result.stderr).toMatch(/conversation start --persona p[0-9a-f]{11} --transport livekit/);
  });

  it('an unknown --replica: Tavus refuses the create (exit 4), and nothing warns about a persona that was never made', async () => {
    const personasBefore = emulator.state.personas.size;
    const result = await runCli(['persona', 'create', '--name', 'Coach', '--system-prompt', 'You coach.', '--replica', 'nope'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('Tavus has no replica nope (400 Bad Request: Invalid replica_uuid).');
    expect(result.stderr).not.toMatch(/^!/m);
    expect(result.stderr).not.toContain("this persona's default replica");
    expect(posts().map((r) => r.status)).toEqual([400]);
    expect(emulator.state.personas.size).toBe(personasBefore);
  });

  it('a --replica still training: the persona is created, then the warning says the replica cannot join yet', async () => {
    const result = await runCli(['persona', 'create', '--name', 'Coach', '--system-prompt', 'You coach.', '--replica', 'r3f427f41a5e'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(posts().map((r) => r.status)).toEqual([200]);
    expect(result.stderr).toMatch(/^! Replica r3f427f41a5e is still training/m);
    // The replica is read after the create was accepted.
    const paths = emulator.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf('GET /v2/replicas/r3f427f41a5e')).toBeGreaterThan(paths.indexOf('POST /v2/personas'));
  });

  it('sends each flag as its field; -q prints the id only', async () => {
    const result = await runCli(
      ['pal', 'create', '--name', 'Coach', '--system-prompt', 'Be kind.', '--context', 'A team lead.', '--replica', 'r90bbd427f71', '--pipeline-mode', 'full', '--transport', 'daily', '-q'],
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(posts()[0]!.body).toEqual({
      persona_name: 'Coach',
      system_prompt: 'Be kind.',
      pipeline_mode: 'full',
      context: 'A team lead.',
      default_replica_id: 'r90bbd427f71',
      layers: { transport: { transport_type: 'daily' } },
    });
    expect(result.stdout).toMatch(/^p[0-9a-f]{11}\n$/);
    expect(emulator.state.personas.get(result.stdout.trim())?.persona_name).toBe('Coach');
    expect(result.stderr).toBe('');
  });

  it('--json prints the whole persona, read back after the create (which answers only id, name, created_at)', async () => {
    const result = await runCli(['persona', 'create', '--name', 'Avatar', '--echo-livekit', '--replica', 'r90bbd427f71', '--json'], { env });
    expect(result.exitCode).toBe(0);
    const persona = JSON.parse(result.stdout);
    expect(persona).toMatchObject({
      persona_name: 'Avatar',
      pipeline_mode: 'echo',
      default_replica_id: 'r90bbd427f71',
      layers: { transport: { transport_type: 'livekit' } },
    });
    // The create, then the replica (one that cannot talk is warned about, once the persona exists), then the read-back.
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/personas', 'GET /v2/replicas/r90bbd427f71', `GET /v2/personas/${persona.persona_id}`]);
  });

  it('--file sends the file (read-only fields dropped), with flags overriding its fields', async () => {
    const result = await runCli(['persona', 'create', '--file', join(FIXTURES, 'personas/full.json'), '--name', 'Copy', '--transport', 'livekit'], { env });
    expect(result.exitCode).toBe(0);
    const body = posts()[0]!.body as Record<string, any>;
    expect(body.persona_name).toBe('Copy');
    expect(body.system_prompt).toMatch(/friendly coach/);
    expect(body.layers).toEqual({
      llm: { model: 'tavus-gpt-4o', speculative_inference: true },
      tts: { tts_engine: 'cartesia' },
      perception: { perception_model: 'raven-1' },
      transport: { transport_type: 'livekit' },
    });

    const exported = join(dir.path, 'exported.json');
    writeFileSync(exported, JSON.stringify({ persona_id: 'pcb7a34da5fe', persona_type: 'system', persona_name: 'Clone', pipeline_mode: 'echo' }));
    const clone = await runCli(['persona', 'create', '--file', exported], { env });
    expect(clone.exitCode).toBe(0);
    expect(posts()[1]!.body).toEqual({ persona_name: 'Clone', pipeline_mode: 'echo' });
    expect(clone.stderr).toMatch(/Ignoring read-only fields.*persona_id, persona_type/);
  });

  it('--file: a misspelled field is exit 2 with "did you mean", nothing sent; a field tavus-ten does not know is sent as it is', async () => {
    const typo = join(dir.path, 'typo.json');
    writeFileSync(typo, JSON.stringify({ persona_name: 'typo', system_prompt: 'y', pipline_mode: 'echo', defualt_replica_id: 'r90bbd427f71' }));
    const refused = await runCli(['persona', 'create', '--file', typo], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`Error: Invalid persona in --file ${typo}: pipline_mode is not a persona field; did you mean pipeline_mode?`);
    expect(posts()).toHaveLength(0);
    const unknown = join(dir.path, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ persona_name: 'new field', system_prompt: 'y', brand_new_tavus_field: true }));
    const sent = await runCli(['persona', 'create', '--file', unknown], { env });
    expect(sent.exitCode, sent.stderr).toBe(0);
    expect(posts()[0]!.body).toMatchObject({ brand_new_tavus_field: true });
  });

  it('--file given an apply file (documents, objectives, guardrails, personas) is exit 2 naming them and `tavus-ten apply FILE`, nothing sent', async () => {
    const setup = join(FIXTURES, 'provision/setup.json');
    // The flags would make a valid persona: the file alone is refused, not sent with its sections as unknown fields.
    const refused = await runCli(['persona', 'create', '--file', setup, '--name', 'x', '--echo-livekit'], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      `Error: Invalid persona in --file ${setup}: it holds documents, objectives, guardrails, personas, the sections of an apply file, and no persona field. Nothing was sent.`,
    );
    expect(refused.stderr).toContain(`Hint: Run \`tavus-ten apply ${setup}\` for that file (add --dry-run to see the plan first).`);
    expect(refused.stderr).toContain('naming what it uses by id (document_ids, objectives_id, guardrails_id)');
    expect(emulator.requests).toHaveLength(0);

    // --json: the error object of the contract on stderr, stdout empty; from stdin the hint says `apply -`.
    const onlyPersonas = join(dir.path, 'only personas.json');
    writeFileSync(onlyPersonas, JSON.stringify({ personas: [{ persona_name: 'coach', pipeline_mode: 'echo' }] }));
    for (const [args, where, command] of [
      [['--file', onlyPersonas], `--file ${onlyPersonas}`, `tavus-ten apply "${onlyPersonas}"`],
      [['--file', '-'], '--file stdin', 'tavus-ten apply -'],
    ] as const) {
      const json = await runCli(['persona', 'create', ...args, '--json'], { env, input: readFileSync(onlyPersonas, 'utf8') });
      expect(json.exitCode).toBe(2);
      expect(json.stdout).toBe('');
      expect(JSON.parse(json.stderr.trim())).toEqual({
        error: {
          code: 'usage_error',
          message: `Invalid persona in ${where}: it holds personas, the sections of an apply file, and no persona field. Nothing was sent.`,
          status: null,
          hint: expect.stringContaining(`Run \`${command}\` for that file`),
        },
      });
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it('--file with a persona copied from an apply file (documents by name) is exit 2 naming document_ids, nothing sent', async () => {
    const file = join(dir.path, 'from-apply.json');
    writeFileSync(file, JSON.stringify({ persona_name: 'coach', system_prompt: 'Be kind.', documents: ['handbook'] }));
    const result = await runCli(['persona', 'create', '--file', file], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `Error: Invalid persona in --file ${file}: documents is how a persona in an apply file names its documents (by name, from that file); a persona's own field is document_ids, which takes ids. Nothing was sent.`,
    );
    expect(result.stderr).toContain('Hint: Write "document_ids": ["d…"] (`tavus-ten document list` shows them), or put the persona under "personas" in an apply file');
    expect(emulator.requests).toHaveLength(0);
  });

  it('--file given YAML is exit 2 on one line, saying --file takes JSON and only apply reads YAML', async () => {
    const file = join(dir.path, 'setup.yaml');
    writeFileSync(file, 'personas:\n  - persona_name: coach\n');
    const result = await runCli(['persona', 'create', '--file', file], { env });
    expect(result.exitCode).toBe(2);
    // V8's own words quote the file around the fault; its line break stays on the error's one line.
    const [error, hint, end] = result.stderr.split('\n');
    expect(error).toMatch(new RegExp(`^Error: --file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON \\(.*"personas:\\\\n".*\\)\\.$`));
    expect(hint).toBe('Hint: --file takes JSON, not YAML: only `tavus-ten apply FILE` reads YAML (an apply file). Write the file as JSON.');
    expect(end).toBe('');
    expect(emulator.requests).toHaveLength(0);
  });

  it('reads --file - and --system-prompt-file from disk', async () => {
    const promptFile = join(dir.path, 'prompt.txt');
    writeFileSync(promptFile, 'You are a patient tutor.\nAsk one question at a time.\n');
    const result = await runCli(['persona', 'create', '--file', '-', '--system-prompt-file', promptFile, '-q'], {
      env,
      input: JSON.stringify({ persona_name: 'Tutor', pipeline_mode: 'full' }),
    });
    expect(result.exitCode).toBe(0);
    expect(posts()[0]!.body).toEqual({ persona_name: 'Tutor', pipeline_mode: 'full', system_prompt: 'You are a patient tutor.\nAsk one question at a time.' });
  });

  it('--dry-run prints method, URL, masked key and body, and sends nothing', async () => {
    const result = await runCli(['persona', 'create', '--name', 'Avatar', '--echo-livekit', '--dry-run'], { env });
    expect(result.exitCode).toBe(0);
    expect(emulator.requests).toHaveLength(0);
    expect(result.stdout).toContain(`POST ${emulator.url}/v2/personas\n`);
    expect(result.stdout).toMatch(/^x-api-key: tvs_…0000$/m);
    expect(result.stdout).not.toContain(emulator.apiKey);
    const body = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    expect(body).toEqual({ persona_name: 'Avatar', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
    expect(result.stderr).toMatch(/nothing was sent/);

    const json = await runCli(['persona', 'create', '--name', 'Avatar', '--echo-livekit', '--dry-run', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ dry_run: true, method: 'POST', url: `${emulator.url}/v2/personas`, headers: { 'x-api-key': 'tvs_…0000' } });
    expect(emulator.requests).toHaveLength(0);
  });

  it('an unknown --replica is exit 4', async () => {
    const result = await runCli(['persona', 'create', '--name', 'X', '--echo-livekit', '--replica', 'rdoesnotexist'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/replica rdoesnotexist/);
  });
});

describe('persona create --if-missing', () => {
  it('creates once, then prints the same persona without a second POST', async () => {
    const args = ['persona', 'create', '--name', 'TEN avatar', '--echo-livekit', '--if-missing', '-q'];
    const first = await runCli(args, { env });
    expect(first.exitCode).toBe(0);
    const second = await runCli(args, { env });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(posts()).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.path === '/v2/personas' && r.method === 'GET').every((r) => r.query.persona_type === 'user')).toBe(true);
  });

  it('searches every page, and warns when the existing persona differs', async () => {
    const first = await runCli(['persona', 'create', '--name', 'Deep', '--echo-livekit', '-q'], { env });
    const id = first.stdout.trim();
    emulator.seedPersonas(150, { prefix: 'Bulk ' });
    emulator.requests.length = 0;

    const result = await runCli(['persona', 'create', '--name', 'Deep', '--pipeline-mode', 'echo', '--transport', 'daily', '--if-missing'], { env });
    expect(result.exitCode).toBe(0);
    expect(posts()).toHaveLength(0);
    const pages = emulator.requests.filter((r) => r.method === 'GET' && r.path === '/v2/personas').map((r) => r.query.page);
    expect(pages).toEqual(expect.arrayContaining(['1', '2']));
    expect(result.stdout).toMatch(new RegExp(`^id:\\s+${id}$`, 'm'));
    expect(result.stderr).toMatch(/already exists/);
    expect(result.stderr).toMatch(/differs .*\/layers\/transport\/transport_type/);
  });
});

describe('persona create: bad input', () => {
  // The whole matrix runs in-process (test/commands/persona-input.test.ts); this is the built CLI's share.
  it('full mode without a system prompt is exit 2 naming the flag, and nothing is sent', async () => {
    const result = await runCli(['persona', 'create', '--file', join(FIXTURES, 'bad/persona-full-no-prompt.json')], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/system prompt.*--system-prompt/s);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('persona create is never retried', () => {
  it('a 502 on the POST is exit 1 after exactly one POST, with a hint to check', async () => {
    emulator.inject({ fault: { kind: 'status', status: 502, body: { message: 'Bad gateway' } }, method: 'POST', path: '/v2/personas', times: Infinity });
    const result = await runCli(['persona', 'create', '--name', 'Once', '--echo-livekit'], { env });
    expect(result.exitCode).toBe(1);
    expect(posts()).toHaveLength(1);
    expect(result.stderr).toMatch(/502/);
    expect(result.stderr).toMatch(/may have been created.*persona list/);
  });

  it('a connection reset on the POST is exit 6 after exactly one POST', async () => {
    emulator.inject({ fault: { kind: 'reset-before-response' }, method: 'POST', path: '/v2/personas', times: Infinity });
    const result = await runCli(['persona', 'create', '--name', 'Once', '--echo-livekit', '--json'], { env });
    expect(result.exitCode).toBe(6);
    expect(posts()).toHaveLength(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'network_error', hint: expect.stringMatching(/persona list/) });
  });
});
