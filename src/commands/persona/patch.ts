// The persona side of JSON Patch: the fields Tavus owns, never sent, and the diff that leaves them out
// (the generic pointer and patch work is in ../common/json-patch.ts).
import type { JsonPatchOp } from '../../api/objects.js';
import { diffFields } from '../common/json-patch.js';

/** Fields Tavus owns: never sent in a create body or a patch. */
export const READ_ONLY_FIELDS = ['persona_id', 'persona_type', 'created_at', 'updated_at'] as const;

export function isReadOnlyField(field: string): boolean {
  return (READ_ONLY_FIELDS as readonly string[]).includes(field);
}

/** diffFields for a persona: the read-only fields at the top are never patched. */
export function diffPersonaFields(current: unknown, desired: Record<string, unknown>): JsonPatchOp[] {
  return diffFields(current, desired, isReadOnlyField);
}
