// Tavus list paging: `limit` (default 10) and 1-based `page`; total_count counts every match.
import { ReplyError, errorReply } from './reply.js';
import { badRequestText } from './validation.js';

export interface Page<T> {
  data: T[];
  total_count: number;
}

function positiveInt(query: Record<string, string>, name: string, fallback: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ReplyError(errorReply(400, badRequestText(name, 'Not a valid integer.')));
  const value = Number(raw);
  if (value < 1) throw new ReplyError(errorReply(400, badRequestText(name, 'Must be greater than or equal to 1.')));
  return value;
}

/** `items` must already be in a stable order, so pages never overlap or skip. */
export function paginate<T>(items: readonly T[], query: Record<string, string>, maxPageSize: number): Page<T> {
  const limit = Math.min(positiveInt(query, 'limit', 10), maxPageSize);
  const page = positiveInt(query, 'page', 1);
  const start = (page - 1) * limit;
  return { data: items.slice(start, start + limit), total_count: items.length };
}

/** Newest first: Maps keep insertion order, so reversing it is stable across pages. */
export function newestFirst<T>(values: Iterable<T>): T[] {
  return [...values].reverse();
}
