// Tavus list paging: `limit` (default 10) and 1-based `page`; total_count counts every match.
// The spec states no maximum and no rule for 0, negative or non-integer values, so none is invented:
// such a value counts as absent (the default), and any limit is served unless a test sets maxPageSize.

export interface Page<T> {
  data: T[];
  total_count: number;
}

/** A positive integer from the query, else the fallback (absent, empty, 0, negative, `abc`, `2.5`). */
function positiveIntOr(query: Record<string, string>, name: string, fallback: number): number {
  const raw = query[name]?.trim();
  if (raw === undefined || !/^\d+$/.test(raw)) return fallback;
  const value = Number(raw);
  return value >= 1 && Number.isSafeInteger(value) ? value : fallback;
}

/** `items` must already be in a stable order, so pages never overlap or skip. `maxPageSize` undefined: no cap. */
export function paginate<T>(items: readonly T[], query: Record<string, string>, maxPageSize?: number): Page<T> {
  const asked = positiveIntOr(query, 'limit', 10);
  const limit = maxPageSize === undefined ? asked : Math.min(asked, maxPageSize);
  const page = positiveIntOr(query, 'page', 1);
  const start = (page - 1) * limit;
  return { data: items.slice(start, start + limit), total_count: items.length };
}

/** Newest first: Maps keep insertion order, so reversing it is stable across pages. */
export function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}
