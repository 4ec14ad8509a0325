// Paths and names put into the commands hints print, so that they can be pasted into a shell.

/** For commands printed in hints: as-is when safe, else double-quoted for POSIX shells. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `"${text.replace(/(["$`\\])/g, '\\$1')}"`;
}
