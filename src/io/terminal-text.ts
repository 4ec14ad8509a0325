// The one terminal-safe formatter: text from a server (names, messages, transcripts, error bodies) is
// data, and must not drive the terminal. Every byte printed for people passes through here.

/**
 * What a terminal may act on: C0 controls but tab and newline (ESC starts every escape sequence;
 * CR rewrites the line), DEL, C1 controls (U+009B is a one-character CSI), the bidi embeddings,
 * overrides and isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069), and the
 * line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Our own colours: chalk's single-parameter SGR codes, except 8 (conceal), which could hide text. */
const OWN_SGR = /\u001b\[(?:[0-79]|[1-9]\d{1,2})m/g;

/** `\u001b`: shown, harmless, and a valid JSON escape, so JSON output stays valid after this. */
function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Neutralises every unsafe character as its `\uXXXX` escape. With `keepColor`, chalk's own SGR
 * colour codes survive (a server's colour codes would too, but nothing else that moves the cursor,
 * retitles the window, clears the screen or makes a link).
 */
export function terminalSafe(text: string, options: { keepColor?: boolean } = {}): string {
  if (!options.keepColor) return text.replace(UNSAFE, escapeChar);
  let result = '';
  let last = 0;
  for (const match of text.matchAll(OWN_SGR)) {
    result += text.slice(last, match.index).replace(UNSAFE, escapeChar) + match[0];
    last = match.index + match[0].length;
  }
  return result + text.slice(last).replace(UNSAFE, escapeChar);
}

/** JSON for stdout or stderr: JSON.stringify leaves DEL, C1 and bidi controls raw; these are escaped. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return terminalSafe(JSON.stringify(value, null, indent));
}

/**
 * What `-q` may print: one id (or a token: `livekit token -q`), no spaces or controls, not starting
 * with `-` (which `xargs` would hand to the next command as an option). Tavus's ids are letters and digits.
 */
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,4095}$/;

export function looksLikeId(value: string): boolean {
  return ID_SHAPE.test(value);
}
