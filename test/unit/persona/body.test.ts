// Persona bodies from flags and files, the interactive questions, and the dry-run masking.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import type { Replica } from '../../../src/api/client.js';
import { maskKeys } from '../../../src/io/secret-fields.js';
import { parseJsonText } from '../../../src/commands/common/files.js';
import { readApplyFile } from '../../../src/commands/persona/apply.js';
import { checkCreateBody, checkPatchValue, FLAG_FOR_FIELD, layerSummary, readPersonaObject } from '../../../src/commands/persona/body.js';
import { applyCreateFlags, askMissing, type CreateFlags } from '../../../src/commands/persona/create.js';
import type { Choice, Prompter } from '../../../src/io/prompter.js';
import { mask } from '../../../src/io/mask.js';

const none: CreateFlags = { echoLivekit: false };

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

async function refused(fn: () => Promise<unknown>): Promise<UsageError> {
  const error = await fn().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof UsageError) return error;
  throw error ?? new Error('expected a UsageError');
}

describe('applyCreateFlags', () => {
  it('--echo-livekit is exactly the LiveKit guide body, in its order', () => {
    const body = applyCreateFlags({}, { ...none, name: 'Avatar', echoLivekit: true });
    expect(JSON.stringify(body)).toBe('{"persona_name":"Avatar","pipeline_mode":"echo","layers":{"transport":{"transport_type":"livekit"}}}');
  });

  it('flags override a file and keep its other layers', () => {
    const file = { persona_name: 'From file', system_prompt: 'p', layers: { llm: { model: 'm' }, transport: { transport_type: 'daily', extra: 1 } } };
    const body = applyCreateFlags(file, { ...none, name: 'Flag', replica: 'r1', transport: 'livekit' });
    expect(body).toEqual({
      persona_name: 'Flag',
      system_prompt: 'p',
      default_replica_id: 'r1',
      layers: { llm: { model: 'm' }, transport: { transport_type: 'livekit', extra: 1 } },
    });
    expect(file.layers.transport.transport_type).toBe('daily');
  });

  it('refuses --echo-livekit with --pipeline-mode full or --transport daily', () => {
    expect(usageError(() => applyCreateFlags({}, { ...none, echoLivekit: true, pipelineMode: 'full' })).message).toMatch(/--pipeline-mode full/);
    expect(usageError(() => applyCreateFlags({}, { ...none, echoLivekit: true, transport: 'daily' })).message).toMatch(/--transport daily/);
  });
});

describe('checking persona bodies', () => {
  it('a full-mode body without a prompt names --system-prompt', async () => {
    const error = await refused(() => checkCreateBody({ persona_name: 'x' }, ''));
    expect(`${error.message} ${error.hint}`).toMatch(/system prompt.*--system-prompt/s);
    expect(await checkCreateBody({ persona_name: 'x', pipeline_mode: 'echo' }, '')).toMatchObject({ pipeline_mode: 'echo' });
  });

  it('names the field, and its flag when the command has one (persona create passes its flags), for a bad value', async () => {
    const error = await refused(() => readPersonaObject({ pipeline_mode: 'speech' }, '--file p.json', [], FLAG_FOR_FIELD));
    expect(error.message).toMatch(/--file p\.json: pipeline_mode/);
    expect(error.hint).toMatch(/--pipeline-mode/);
    const noFlags = await refused(() => readPersonaObject({ pipeline_mode: 'speech' }, 'apply.json'));
    expect(noFlags.hint).toBe('Fix pipeline_mode in apply.json (see `tavus-ten persona create --help`).');
    const transport = await refused(() => readPersonaObject({ layers: { transport: { transport_type: 'zoom' } } }, '--file p.json', [], FLAG_FOR_FIELD));
    expect(transport.message).toMatch(/layers\.transport\.transport_type/);
    expect(transport.hint).toMatch(/--transport/);
  });

  it('a persona name is at most 1000 characters, like a conversation name', async () => {
    const error = await refused(() => checkCreateBody({ persona_name: 'n'.repeat(1001), pipeline_mode: 'echo' }, '', [], FLAG_FOR_FIELD));
    expect(error.message).toMatch(/persona_name: it is longer than 1000 characters/);
    expect(error.hint).toMatch(/--name/);
    expect(await checkCreateBody({ persona_name: 'n'.repeat(1000), pipeline_mode: 'echo' }, '')).toMatchObject({ pipeline_mode: 'echo' });
  });

  it('refuses what is not an object, and drops read-only fields by name', async () => {
    expect((await refused(() => readPersonaObject(['x'], '--file a.json'))).message).toMatch(/expected a JSON object, got an array/);
    expect((await refused(() => readPersonaObject('x', '--file a.json'))).message).toMatch(/got a string/);
    const { body, dropped } = await readPersonaObject({ persona_id: 'p1', created_at: 'x', persona_name: 'n', pipeline_mode: 'echo' }, 'f');
    expect(body).toEqual({ persona_name: 'n', pipeline_mode: 'echo' });
    expect(dropped).toEqual(['persona_id', 'created_at']);
  });

  it('checks the values a patch sets where the schema knows the field', async () => {
    await expect(checkPatchValue('/layers/llm/model', 'x', '--set')).resolves.toBeUndefined();
    await expect(checkPatchValue('/document_ids/0', 'd1', '--set')).resolves.toBeUndefined();
    await expect(checkPatchValue('/anything/else', { a: 1 }, '--set')).resolves.toBeUndefined();
    expect((await refused(() => checkPatchValue('/pipeline_mode', 'speech', '--set'))).message).toMatch(/--set: invalid value for \/pipeline_mode/);
    expect((await refused(() => checkPatchValue('/layers/transport/transport_type', 'zoom', '--set'))).message).toMatch(/transport_type/);
    expect((await refused(() => checkPatchValue('/persona_id', 'p', '--set'))).message).toMatch(/read-only/);
  });

  it('reports where JSON breaks', () => {
    expect(usageError(() => parseJsonText('{"a": 1,}', '--file', 'x.json')).message).toMatch(/--file x\.json: not valid JSON/);
  });
});

describe('readApplyFile', () => {
  it('takes one persona or an array, each checked as a create body', async () => {
    expect(await readApplyFile({ persona_name: 'a', pipeline_mode: 'echo' }, 'f.json')).toHaveLength(1);
    expect(await readApplyFile([{ persona_name: 'a', pipeline_mode: 'echo' }, { persona_name: 'b', system_prompt: 'p' }], 'f.json')).toHaveLength(2);
    expect((await refused(() => readApplyFile([{ persona_name: 'a' }], 'f.json'))).message).toMatch(/\[0\].*system prompt/);
    expect((await refused(() => readApplyFile([{ pipeline_mode: 'echo' }], 'f.json'))).message).toMatch(/\[0\]: persona_name is missing/);
    expect((await refused(() => readApplyFile('x', 'f.json'))).message).toMatch(/expected a persona object or an array/);
    const twice = await refused(() => readApplyFile([{ persona_name: 'a', pipeline_mode: 'echo' }, { persona_name: 'a', pipeline_mode: 'echo' }], 'f.json'));
    expect(twice.message).toMatch(/\[1\] and \[0\] are both named "a"/);
  });
});

describe('maskKeys and layerSummary', () => {
  it('masks keys inside bodies and patch values aimed at them', () => {
    const secret = 'sk-live-1234567890abcdef';
    const masked = JSON.stringify(
      maskKeys([{ layers: { llm: { api_key: secret, model: 'm' } } }, { op: 'replace', path: '/layers/llm/api_key', value: secret }]),
    );
    expect(masked).not.toContain(secret);
    expect(masked).toContain('"model":"m"');
    expect(layerSummary({ llm: { api_key: secret, model: 'm' }, tts: null }, mask)).toBe(`llm.api_key=${mask(secret)}, llm.model="m"`);
  });
});

/** A prompter that answers from a script and records what it was asked. */
function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question ${message}`);
    return answers.shift();
  };
  return {
    canPrompt: true,
    asked,
    text: async ({ message }) => next(message) as string,
    password: async ({ message }) => next(message) as string,
    select: async <T>({ message, choices }: { message: string; choices: Choice<T>[] }) => {
      const answer = next(message);
      expect(choices.map((c) => c.value)).toContain(answer);
      return answer as T;
    },
    confirm: async ({ message }) => next(message) as boolean,
  };
}

const replicas = [
  { replica_id: 'r1', replica_name: 'Anna', status: 'completed' },
  { replica_id: 'r2', replica_name: 'Training', status: 'started' },
  { replica_id: 'r3', replica_name: 'Charlie', status: 'completed' },
] as Replica[];

describe('askMissing (interactive create)', () => {
  it('asks name, mode, replica (completed only) and prompt for a full persona', async () => {
    const prompter = scriptedPrompter(['Coach', 'full', 'r3', 'Be kind.']);
    const body = await askMissing(prompter, {}, { loadReplicas: async () => replicas });
    expect(prompter.asked).toEqual(['Persona name:', 'Pipeline mode:', 'Default replica:', expect.stringMatching(/^System prompt/)]);
    expect(body).toEqual({ persona_name: 'Coach', pipeline_mode: 'full', default_replica_id: 'r3', system_prompt: 'Be kind.' });
  });

  it('asks the transport for an echo persona, never a prompt; "none" leaves the replica out', async () => {
    const prompter = scriptedPrompter(['echo', 'livekit', '']);
    const body = await askMissing(prompter, { persona_name: 'Avatar' }, { loadReplicas: async () => replicas });
    expect(prompter.asked).toEqual(['Pipeline mode:', 'Transport:', 'Default replica:']);
    expect(body).toEqual({ persona_name: 'Avatar', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
  });

  it('asks only for what is missing', async () => {
    const prompter = scriptedPrompter(['Be brief.']);
    const body = await askMissing(prompter, { persona_name: 'C', pipeline_mode: 'full', default_replica_id: 'r1' }, { loadReplicas: async () => [] });
    expect(prompter.asked).toEqual([expect.stringMatching(/^System prompt/)]);
    expect(body.system_prompt).toBe('Be brief.');
  });
});
