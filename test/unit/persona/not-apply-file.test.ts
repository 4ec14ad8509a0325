// Where a file stops being "a persona with a field tavus-ten does not know" and becomes an apply file.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { refuseApplyFile } from '../../../src/commands/persona/not-apply-file.js';

describe('refuseApplyFile', () => {
  it.each([
    [{ documents: [], objectives: [], guardrails: [], personas: [] }, 'documents, objectives, guardrails, personas'],
    [{ personas: [{ persona_name: 'coach' }] }, 'personas'],
    // A key of neither kind (a comment, a version) does not make it a persona.
    [{ objectives: [{ key: 'onboarding', data: [] }], version: 1 }, 'objectives'],
  ])('refuses %j, naming %s', async (file, named) => {
    const error = await refuseApplyFile(file, '--file setup.json', 'setup.json').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`Invalid persona in --file setup.json: it holds ${named}, the sections of an apply file, and no persona field. Nothing was sent.`);
    expect((error as UsageError).hint).toMatch(/^Run `tavus-ten apply setup\.json` for that file/);
  });

  it.each([
    // Plausibly a persona: a persona field, or a read-only one of `persona get --json`, next to the stray key.
    { persona_name: 'coach', documents: ['handbook'] },
    { pipeline_mode: 'echo', personas: [] },
    { persona_id: 'p1234567890a', objectives: 'onboarding' },
    // Not an apply file at all: the persona checks judge these.
    { persona_name: 'coach' },
    {},
    [{ personas: [] }],
    'personas',
    null,
  ])('leaves %j to the persona checks', async (file) => {
    await expect(refuseApplyFile(file, '--file f.json', 'f.json')).resolves.toBeUndefined();
  });
});
