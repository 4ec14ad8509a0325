// Pieces of sentences for messages. Messages quote other messages (Tavus's, LiveKit's, our own checks'), which end with a period: inside a
// longer sentence that period goes, or the text reads "failed (no such replica.)" or "...unreachable.: ...".

/** `text` without its one final period, to be followed by more of a sentence. */
export function withoutFinalPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** `a`, `a and b`, `a, b and c`: names listed in a sentence. */
export function andList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join('');
}
