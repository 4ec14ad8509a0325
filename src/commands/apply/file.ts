// The `apply` file: documents, objectives, guardrails and personas, the personas referring to the
// others by name. Everything is checked here, before anything is sent: each body against its schema,
// names unique in their section, and every reference pointing at something the file defines (a
// dangling name is exit 2 naming where it is and what the file does define).
import * as z from 'zod/mini';
import { CrawlSchema } from '../../api/resources/documents.js';
import { UsageError } from '../../errors.js';
import { GuardrailBodySchema } from '../../api/resources/guardrails.js';
import { ObjectiveBodySchema } from '../../api/resources/objectives.js';
import type { PersonaCreateBody } from '../../api/objects.js';
import { checkBody } from '../common/body-file.js';
import { checkCreateBody, readPersonaObject } from '../persona/body.js';
import { describeType, fieldPath } from '../common/field-path.js';
import { isPlainObject } from '../common/json-patch.js';
import { shellQuote } from '../../shell-command.js';
import { APPLY_REFERENCES, APPLY_SECTIONS, type ApplySection } from '../common/apply-sections.js';

const DocumentEntrySchema = z.strictObject({
  document_name: z.string().check(z.minLength(1, 'document_name is empty')),
  document_url: z.url({ protocol: /^https?$/, error: 'document_url must be an http(s) URL' }),
  tags: z.optional(z.array(z.string().check(z.minLength(1, 'a tag is empty')))),
  crawl: z.optional(CrawlSchema),
  callback_url: z.optional(z.url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })),
});
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;

const ObjectivesEntrySchema = z.strictObject({
  key: z.string().check(z.minLength(1, 'key is empty')),
  data: z.array(ObjectiveBodySchema).check(z.minLength(1, 'data needs at least one objective')),
});
export type ObjectivesEntry = z.infer<typeof ObjectivesEntrySchema>;

const GuardrailsEntrySchema = z.strictObject({
  name: z.string().check(z.minLength(1, 'name is empty')),
  data: z.array(GuardrailBodySchema).check(z.minLength(1, 'data needs at least one guardrail')),
});
export type GuardrailsEntry = z.infer<typeof GuardrailsEntrySchema>;

const TopSchema = z.strictObject({
  documents: z.optional(z.array(z.unknown())),
  objectives: z.optional(z.array(z.unknown())),
  guardrails: z.optional(z.array(z.unknown())),
  personas: z.optional(z.array(z.unknown())),
} satisfies Record<ApplySection, unknown>);

/** A persona of the file: its body (Tavus's fields) and the names it refers to. */
export interface PersonaEntry {
  body: PersonaCreateBody;
  raw: Record<string, unknown>;
  documents?: string[];
  objectives?: string;
  guardrails?: string;
}

export interface ApplyFile {
  documents: DocumentEntry[];
  objectives: ObjectivesEntry[];
  guardrails: GuardrailsEntry[];
  personas: PersonaEntry[];
}

const SHAPE_HINT =
  'The file holds {"documents": [{document_name, document_url, tags?, crawl?}], "objectives": [{key, data: [...]}], ' +
  '"guardrails": [{name, data: [...]}], "personas": [{persona_name, ..., documents?: [name], objectives?: key, guardrails?: name}]}.';

export async function readApplyFile(raw: unknown, where: string): Promise<ApplyFile> {
  const shown = where === 'stdin' ? '-' : shellQuote(where);
  if (!isPlainObject(raw)) {
    // An array of personas is `persona apply`'s file, given here by mistake.
    const personas = Array.isArray(raw) && raw.some((item) => isPlainObject(item) && 'persona_name' in item);
    const hint = personas ? `A list of personas is what \`tavus-ten persona apply ${shown}\` takes. ${SHAPE_HINT}` : SHAPE_HINT;
    throw new UsageError(`${where}: ${where === 'stdin' ? 'the input' : 'the file'} must hold a JSON or YAML object (got ${describeType(raw)}).`, { hint });
  }
  if ('persona_name' in raw && !APPLY_SECTIONS.some((section) => section in raw)) {
    throw new UsageError(`${where}: this is one persona (it has persona_name and none of ${APPLY_SECTIONS.join(', ')}), not an apply file.`, {
      hint: `Run \`tavus-ten persona apply ${shown}\` for it, or put it in a list under "personas" here. ${SHAPE_HINT}`,
    });
  }
  const top = checkBody(TopSchema, raw, where, [], SHAPE_HINT);
  const documents = (top.documents ?? []).map((entry, index) => checkBody(DocumentEntrySchema, entry, where, ['documents', index]));
  const objectives = (top.objectives ?? []).map((entry, index) => checkBody(ObjectivesEntrySchema, entry, where, ['objectives', index]));
  const guardrails = (top.guardrails ?? []).map((entry, index) => checkBody(GuardrailsEntrySchema, entry, where, ['guardrails', index]));
  unique(documents.map((d) => d.document_name), where, 'documents', 'document_name');
  unique(objectives.map((o) => o.key), where, 'objectives', 'key');
  unique(guardrails.map((g) => g.name), where, 'guardrails', 'name');
  for (const [index, set] of objectives.entries()) {
    unique(set.data.map((o) => o.objective_name), where, `objectives[${index}].data`, 'objective_name');
  }
  for (const [index, set] of guardrails.entries()) {
    unique(set.data.map((g) => g.guardrail_name), where, `guardrails[${index}].data`, 'guardrail_name');
  }

  const personas: PersonaEntry[] = [];
  for (const [index, value] of (top.personas ?? []).entries()) {
    const prefix = ['personas', index];
    const refs = z
      .looseObject({
        documents: z.optional(z.array(z.string().check(z.minLength(1)))),
        objectives: z.optional(z.string().check(z.minLength(1))),
        guardrails: z.optional(z.string().check(z.minLength(1))),
      })
      .safeParse(value);
    if (!refs.success) checkBody(z.looseObject({}), value, where, prefix); // not an object: named there
    const { documents: docRefs, objectives: objRef, guardrails: guardRef, ...fields } = (refs.success ? refs.data : {}) as Record<string, unknown>;
    const at = (name: string) => `${where}: ${fieldPath([...prefix, name])}`;
    for (const [ref, field] of Object.entries(APPLY_REFERENCES)) {
      if ((refs.data as Record<string, unknown> | undefined)?.[ref] !== undefined && fields[field] !== undefined) {
        throw new UsageError(`${at(ref)}: give either ${ref} (names from this file) or ${field} (ids), not both.`, { hint: `Drop ${field}.` });
      }
    }
    const { body } = await readPersonaObject(fields, where, prefix);
    if (typeof body.persona_name !== 'string' || body.persona_name.trim() === '') {
      throw new UsageError(`${at('persona_name')}: ${body.persona_name === undefined ? 'missing' : 'blank'}.`, { hint: 'apply finds each persona again by its persona_name: give every persona one.' });
    }
    const checked = await checkCreateBody(body, where, prefix);
    const documentsRef = docRefs as string[] | undefined;
    for (const [i, name] of (documentsRef ?? []).entries()) {
      if (!documents.some((d) => d.document_name === name)) dangling(`${where}: ${fieldPath([...prefix, 'documents', i])}`, 'document', name, documents.map((d) => d.document_name), 'documents', 'document_name');
    }
    if (objRef !== undefined && !objectives.some((o) => o.key === objRef)) dangling(at('objectives'), 'objectives set', objRef as string, objectives.map((o) => o.key), 'objectives', 'key');
    if (guardRef !== undefined && !guardrails.some((g) => g.name === guardRef)) dangling(at('guardrails'), 'guardrails set', guardRef as string, guardrails.map((g) => g.name), 'guardrails', 'name');
    personas.push({ body: checked, raw: body, documents: documentsRef, objectives: objRef as string | undefined, guardrails: guardRef as string | undefined });
  }
  unique(personas.map((p) => p.body.persona_name!), where, 'personas', 'persona_name');
  return { documents, objectives, guardrails, personas };
}

function unique(names: string[], where: string, section: string, field: string): void {
  const seen = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new UsageError(`${where}: ${section}[${earlier}] and ${section}[${index}] have the same ${field} ${JSON.stringify(name)}.`, {
        hint: `apply matches by ${field}, so each may appear once.`,
      });
    }
    seen.set(name, index);
  }
}

function dangling(at: string, what: string, name: string, defined: string[], section: string, field: string): never {
  throw new UsageError(`${at}: no ${what} named ${JSON.stringify(name)} in this file. Nothing was sent.`, {
    hint: defined.length
      ? `Use one of ${defined.map((d) => JSON.stringify(d)).join(', ')}, or add it to "${section}" (matched by ${field}).`
      : `Add it to "${section}" (matched by ${field}).`,
  });
}
