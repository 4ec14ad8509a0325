// Messages quote other messages (Tavus's, LiveKit's, our own checks'), which end with a period: inside a
// longer sentence that period goes, or the text reads "failed (no such replica.)" or "...unreachable.: ...".

/** `text` without its one final period, to be followed by more of a sentence. */
export function withoutFinalPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
