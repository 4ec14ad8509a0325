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
    [{ persona_name: 'coach', documents: ['handbook'] }, 'documents', 'document_ids', 'ids'],
    // A read-only field of `persona get --json` makes it a persona too.
    [{ persona_id: 'p1234567890a', objectives: 'onboarding' }, 'objectives', 'objectives_id', 'an id'],
    [{ persona_name: 'coach', guardrails: 'safety' }, 'guardrails', 'guardrails_id', 'an id'],
  ])('refuses a persona copied from an apply file, %j, naming %s and %s', async (file, reference, field, takes) => {
    const error = await refuseApplyFile(file, '--file p.json', 'p.json').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      `Invalid persona in --file p.json: ${reference} is how a persona in an apply file names its ${reference} (by name, from that file); a persona's own field is ${field}, which takes ${takes}. Nothing was sent.`,
    );
  });

  it('names every reference at once, with the field for each', async () => {
    const error = await refuseApplyFile({ persona_name: 'coach', documents: ['handbook'], objectives: 'onboarding', guardrails: 'safety' }, '--file p.json', 'p.json').catch((caught: unknown) => caught);
    expect((error as UsageError).message).toBe(
      "Invalid persona in --file p.json: documents, objectives, guardrails are how a persona in an apply file names what it uses (by name, from that file); a persona's own fields are document_ids (ids), objectives_id (an id), guardrails_id (an id). Nothing was sent.",
    );
    expect((error as UsageError).hint).toBe(
      'Write "document_ids": ["d…"], "objectives_id": "o…", "guardrails_id": "g…" (`tavus-ten document list`, `tavus-ten objectives list`, `tavus-ten guardrails list` show them), or put the persona under "personas" in an apply file and run `tavus-ten apply FILE`.',
    );
  });

  it.each([
    // Plausibly a persona: a persona field next to a stray apply section that is no reference.
    { pipeline_mode: 'echo', personas: [] },
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
