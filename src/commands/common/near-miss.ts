// "Did you mean": the known name a misspelt one was meant to be, for persona fields and for the
// fields of a checked body (an apply file's entries, a set's --file).
import { closest, distance } from 'fastest-levenshtein';

/** The known name within two edits of `name` (one for a name of four to seven letters, none shorter), if any. */
export function nearMiss(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const near = closest(name, [...known]);
  return distance(name, near) <= Math.min(2, Math.floor(near.length / 4)) ? near : undefined;
}
