// The one terminal-safe formatter: text from a server (names, messages, transcripts, error bodies) is
// data, and must not drive the terminal. Every byte printed for people passes through here.
//
// Our own colours must survive it, and a server's must not, yet both are the same bytes. So our
// styler (ownStyles, which makeChalk returns) escapes the text it is given, then writes its colour
// codes with a marker only this process knows in place of ESC; the last pass turns those markers
// into real colour codes and escapes everything else. No text from outside can forge a marker.
import type { ChalkInstance } from 'chalk';

/**
 * What a terminal may act on: C0 controls but tab and newline (ESC starts every escape sequence;
 * CR rewrites the line), DEL, C1 controls (U+009B is a one-character CSI), the bidi embeddings,
 * overrides and isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069), and the
 * line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

interface Mark {
  /** Stands for ESC in our own colour codes: NUL (escaped if it ever leaked) and a per-process secret. */
  text: string;
  /** One of our colour codes, marked: chalk's single-parameter SGR codes, except 8 (conceal). */
  codes: RegExp;
}

let mark: Mark | undefined;

/**
 * Made with the first colour code our styler writes: before it no text can hold one of our codes, and
 * a run with colour off (piped, --json) never loads node:crypto (about 10 million instructions).
 */
function ownMark(): Mark {
  if (mark === undefined) {
    const text = `\u0000${process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex')}`;
    mark = { text, codes: new RegExp(`${text}\\[((?:[0-79]|[1-9]\\d{1,2}))m`, 'g') };
  }
  return mark;
}

/** `\u001b`: shown, harmless, and a valid JSON escape, so JSON output stays valid after this. */
function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Each piece of text between our marked colour codes, changed by `piece`; each code by `code`. */
function aroundOwnCodes(text: string, piece: (text: string) => string, code: (params: string) => string): string {
  if (mark === undefined) return piece(text);
  let result = '';
  let last = 0;
  for (const match of text.matchAll(mark.codes)) {
    result += piece(text.slice(last, match.index)) + code(match[1]!);
    last = match.index + match[0].length;
  }
  return result + piece(text.slice(last));
}

const escapeAll = (text: string) => text.replace(UNSAFE, escapeChar);

/**
 * Neutralises every unsafe character as its `\uXXXX` escape, the same way in every view (a CR from
 * a server is `\u000d` in a table and in a field view alike). With `keepColor`, the colour codes our
 * own styler wrote become real ones; a server's colour codes are escaped like anything else.
 * Without it, ours are dropped.
 */
export function terminalSafe(text: string, options: { keepColor?: boolean } = {}): string {
  return aroundOwnCodes(text, escapeAll, (params) => (options.keepColor ? `\u001b[${params}m` : ''));
}

/** What terminalSafe() does to data, leaving our marked colour codes for the last pass (a table cell). */
export function escapeData(text: string): string {
  return aroundOwnCodes(text, escapeAll, (params) => `${ownMark().text}[${params}m`);
}

/** Text as it takes room on screen: without our colour codes (marked or written) or any other SGR. */
export function withoutColor(text: string): string {
  return (mark === undefined ? text : text.replace(mark.codes, '')).replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * Our styler: chalk's own API, but it escapes the text it is given before colouring it (so a server's
 * escape codes inside become visible text) and marks its codes as ours for terminalSafe().
 */
export function ownStyles(chalk: ChalkInstance): ChalkInstance {
  // The proxy stands in front of an empty function: chalk caches its styles as read-only properties,
  // which a proxy of chalk itself would have to return unchanged.
  const stand = (() => undefined) as unknown as ChalkInstance;
  return new Proxy(stand, {
    apply(_stand, thisArg, args: unknown[]) {
      const styled = Reflect.apply(chalk, thisArg, args.map((arg) => escapeData(String(arg)))) as string;
      // Colour off writes no codes: then no mark is needed.
      return styled.includes('\u001b[') ? styled.replaceAll('\u001b[', `${ownMark().text}[`) : styled;
    },
    get(_stand, property) {
      const value: unknown = Reflect.get(chalk, property, chalk);
      // Every style (chalk.red, chalk.red.bold) is itself a styler.
      return typeof value === 'function' ? ownStyles(value as ChalkInstance) : value;
    },
    set(_stand, property, value: unknown) {
      return Reflect.set(chalk, property, value, chalk);
    },
  });
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
