// Ids shaped like Tavus's own (a letter + 11 hex digits), so clients' id checks see real-looking values.
import { randomBytes } from 'node:crypto';

export function newId(prefix: 'p' | 'r' | 'c' | 'o' | 'g', taken: { has(id: string): boolean }): string {
  for (;;) {
    const id = prefix + randomBytes(6).toString('hex').slice(0, 11);
    if (!taken.has(id)) return id;
  }
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
