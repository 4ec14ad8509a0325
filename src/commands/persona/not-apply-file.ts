// An `apply` file given where one persona's file is expected (`persona create --file`, `persona apply`).
// Its sections are not near-misses of persona fields, so the misspelling check lets them through, and
// without this the file would be sent as a persona (its sections as unknown fields Tavus ignores).
import { UsageError } from '../../errors.js';
import { shellQuote } from '../../io/shell-quote.js';
import { isPlainObject } from '../common/json-patch.js';
import { APPLY_SECTIONS } from '../common/apply-sections.js';
import { READ_ONLY_FIELDS } from './patch.js';

/**
 * Exit 2 when `value` has apply's top-level keys and no persona field (one it could be a persona with
 * a stray key, e.g. a persona entry of an apply file holding `documents`, is left to the persona checks).
 * `where` names the input in the message; `path` is the file as typed, for the `tavus-ten apply` hint.
 */
export async function refuseApplyFile(value: unknown, where: string, path: string): Promise<void> {
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  const sections = APPLY_SECTIONS.filter((section) => keys.includes(section));
  if (sections.length === 0) return;
  const { PersonaCreateFieldsSchema } = await import('../../api/schemas.js');
  const personaFields: string[] = [...Object.keys(PersonaCreateFieldsSchema.shape), ...READ_ONLY_FIELDS];
  if (keys.some((key) => personaFields.includes(key))) return;
  throw new UsageError(
    `Invalid persona in ${where}: it holds ${sections.join(', ')}, the sections of an apply file, and no persona field. Nothing was sent.`,
    {
      hint:
        `Run \`tavus-ten apply ${shellQuote(path)}\` for that file (add --dry-run to see the plan first). A persona file holds one persona's ` +
        'fields, such as {"persona_name": "...", "pipeline_mode": "echo"}, naming what it uses by id (document_ids, objectives_id, guardrails_id).',
    },
  );
}
