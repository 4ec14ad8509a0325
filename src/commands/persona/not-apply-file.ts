// An `apply` file, or a persona copied from one, given where one persona's file is expected (`persona
// create --file`, `persona apply`). Apply's sections and references (`documents`, `objectives`,
// `guardrails`) are not near-misses of persona fields, so the misspelling check lets them through, and
// without this they would be sent as unknown fields Tavus ignores: the persona would come out without them.
import { UsageError } from '../../errors.js';
import { shellQuote } from '../../shell-command.js';
import { isPlainObject } from '../common/json-patch.js';
import { APPLY_REFERENCES, APPLY_SECTIONS } from '../common/apply-sections.js';
import { READ_ONLY_FIELDS } from './patch.js';

/**
 * Exit 2 when `value` has apply's top-level keys: with no persona field, it is an apply file; with one,
 * a persona copied from an apply file, naming its documents, objectives or guardrails the apply way.
 * `where` names the input in the message; `path` is the file as typed, for the `tavus-ten apply` hint.
 */
export async function refuseApplyFile(value: unknown, where: string, path: string): Promise<void> {
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  const sections = APPLY_SECTIONS.filter((section) => keys.includes(section));
  if (sections.length === 0) return;
  const { PersonaCreateFieldsSchema } = await import('../../api/schemas.js');
  const personaFields: string[] = [...Object.keys(PersonaCreateFieldsSchema.shape), ...READ_ONLY_FIELDS];
  if (keys.some((key) => personaFields.includes(key))) {
    const references = Object.entries(APPLY_REFERENCES).filter(([reference]) => keys.includes(reference));
    if (references.length === 0) return;
    // Every one at once: fixing them one run at a time would take three runs.
    const takes = (field: string) => (field === 'document_ids' ? 'ids' : 'an id');
    const example = (field: string) => (field === 'document_ids' ? `"${field}": ["d…"]` : `"${field}": "${field[0]}…"`);
    const lister = (reference: string) => `\`tavus-ten ${reference === 'documents' ? 'document' : reference} list\``;
    const [first, second] = references;
    const said =
      second === undefined
        ? `${first![0]} is how a persona in an apply file names its ${first![0]} (by name, from that file); a persona's own field is ${first![1]}, which takes ${takes(first![1])}`
        : `${references.map(([reference]) => reference).join(', ')} are how a persona in an apply file names what it uses (by name, from that file); ` +
          `a persona's own fields are ${references.map(([, field]) => `${field} (${takes(field)})`).join(', ')}`;
    throw new UsageError(`Invalid persona in ${where}: ${said}. Nothing was sent.`, {
      hint:
        `Write ${references.map(([, field]) => example(field)).join(', ')} (${references.map(([reference]) => lister(reference)).join(', ')} ${second === undefined ? 'shows them' : 'show them'}), ` +
        `or put the persona under "personas" in an apply file and run \`tavus-ten apply FILE\`.`,
    });
  }
  throw new UsageError(
    `Invalid persona in ${where}: it holds ${sections.join(', ')}, the sections of an apply file, and no persona field. Nothing was sent.`,
    {
      hint:
        `Run \`tavus-ten apply ${shellQuote(path)}\` for that file (add --dry-run to see the plan first). A persona file holds one persona's ` +
        'fields, such as {"persona_name": "...", "pipeline_mode": "echo"}, naming what it uses by id (document_ids, objectives_id, guardrails_id).',
    },
  );
}
