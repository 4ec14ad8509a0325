// The top-level keys of an `apply` file, without the schemas that check them: `persona create --file`
// and `persona apply` name them when they are given an apply file by mistake.

export const APPLY_SECTIONS = ['documents', 'objectives', 'guardrails', 'personas'] as const;
export type ApplySection = (typeof APPLY_SECTIONS)[number];

/** How a persona in an apply file names what it uses (by name, from the same file), and the persona field Tavus takes (ids). */
export const APPLY_REFERENCES = { documents: 'document_ids', objectives: 'objectives_id', guardrails: 'guardrails_id' } as const;
