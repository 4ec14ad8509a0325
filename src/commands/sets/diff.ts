// The JSON Patch that makes a set's items (objectives, guardrails) hold what a file states: items are
// matched by their name field, each matched item is patched at exactly the leaves that differ
// (`/data/2/guardrail_prompt`), a missing item is added at the end, and items the file does not name
// are left alone. Pure.
import type { JsonPatchOp } from '../../api/objects.js';
import { diffFields, escapeToken } from '../common/json-patch.js';

export function diffItems(current: readonly Record<string, unknown>[], desired: readonly Record<string, unknown>[], nameField: string): JsonPatchOp[] {
  const operations: JsonPatchOp[] = [];
  for (const want of desired) {
    const index = current.findIndex((have) => have[nameField] === want[nameField]);
    if (index < 0) {
      operations.push({ op: 'add', path: '/data/-', value: want });
      continue;
    }
    for (const operation of diffFields(current[index], want)) {
      operations.push({ ...operation, path: `/data/${index}${operation.path}` });
    }
  }
  return operations;
}

/** `/name` style pointer for a top-level field. */
export function topPointer(field: string): string {
  return `/${escapeToken(field)}`;
}
