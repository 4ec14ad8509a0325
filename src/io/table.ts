// Lists for people (aligned columns with a header on a TTY) and for pipes (tab-separated, no header).
// Widths are display cells (string-width: CJK and emoji take two), and every cell is terminal-safe.
import stringWidth from 'string-width';
import { escapeData, withoutColor } from './terminal-text.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], opts: { tty: boolean; width?: number; bold?: (s: string) => string }): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  if (!opts.tty) return cells.map((line) => line.map((cell) => cell.replace(/[\t\n]/g, ' ')).join('\t')).join('\n') + (cells.length ? '\n' : '');
  const headers = columns.map((column) => column.header.toUpperCase());
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => visibleLength(line[i]!))));
  const fit = fitWidths(widths, opts.width);
  const pad = (cell: string, width: number) => cell + ' '.repeat(Math.max(0, width - visibleLength(cell)));
  const format = (line: string[]) =>
    line.map((cell, i) => (i === line.length - 1 ? clip(cell, fit[i]!) : pad(clip(cell, fit[i]!), fit[i]!))).join('  ').trimEnd();
  const bold = opts.bold ?? ((s: string) => s);
  return [bold(format(headers)), ...cells.map(format)].join('\n') + '\n';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  // Controls escaped as in every view (a CR is `\u000d`), then whitespace made one space so a row
  // stays one line; our own colour codes are left for Output's last pass.
  return escapeData(String(value)).replace(/\s+/g, ' ');
}

/** Shrinks the widest columns first so a table fits the terminal. */
function fitWidths(widths: number[], total: number | undefined): number[] {
  if (!total) return widths;
  const fitted = [...widths];
  const budget = total - 2 * (widths.length - 1);
  while (fitted.reduce((a, b) => a + b, 0) > budget) {
    const widest = fitted.indexOf(Math.max(...fitted));
    if (fitted[widest]! <= 8) break;
    fitted[widest]!--;
  }
  return fitted;
}

// Colour codes take no room on screen: widths count what is seen.
function visibleLength(text: string): number {
  return stringWidth(withoutColor(text));
}

// Built on the first cell too wide (building one costs milliseconds every command would pay).
let graphemes: Intl.Segmenter | undefined;

function clip(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  // A cell too wide loses its colour rather than getting cut inside an escape code; it is cut
  // between whole characters (an emoji or a CJK character is never split).
  const plain = withoutColor(text);
  let kept = '';
  let used = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(plain)) {
    const cells = stringWidth(segment);
    if (used + cells > width - 1) break;
    kept += segment;
    used += cells;
  }
  return `${kept}…`;
}
