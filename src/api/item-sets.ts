// What the objectives and guardrails calls share: a set of named items under `data`, read from the
// answers the sources disagree on, and changed by a JSON Patch whose 304 means "no change".
import { z } from '../zod.js';
import type { HttpMethod } from './http.js';
import type { JsonPatchOp } from './objects.js';
import type { ResourceContext } from './types.js';

/**
 * The items of a set from GET's answer: `{…, data: [item…]}` (the document PATCH paths address, as the
 * emulator answers), `{data: {data: [item…]}}`, or `{data: item}` (a single item, as the spec's schema
 * draws it). Each item is checked with `item`.
 */
export function readSetItems<T>(
  body: unknown,
  item: z.core.$ZodType<T>,
  where: { status: number; method: HttpMethod; path: string; resources: ResourceContext },
): { items: T[]; top: Record<string, unknown> } {
  const top = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  let raw: unknown = top.data;
  let at: PropertyKey[] = ['data'];
  let holder = top;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const inner = raw as Record<string, unknown>;
    if (Array.isArray(inner.data)) {
      holder = { ...top, ...inner };
      raw = inner.data;
      at = ['data', 'data'];
    } else raw = [inner];
  }
  if (!Array.isArray(raw)) raw = [];
  const items = (raw as unknown[]).map((value, index) => {
    const checked = z.safeParse(item, value);
    if (!checked.success) {
      throw where.resources.shapeMismatch(checked.error, { status: where.status, body }, where.resources.contextFor(where.method, where.path), [...at, index]);
    }
    return checked.data;
  });
  return { items, top: holder };
}

/** PATCH with a JSON Patch; `changed: false` for Tavus's 304. Never retried. */
export async function patchSet(resources: ResourceContext, path: string, patch: JsonPatchOp[]): Promise<{ changed: boolean }> {
  const { status } = await resources.request({ method: 'PATCH', path, body: patch, retry: false });
  return { changed: status !== 304 };
}
