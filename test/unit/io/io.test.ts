import { describe, expect, it } from 'vitest';
import { colorEnabled, makeChalk } from '../../../src/io/color.js';
import { mask, redact } from '../../../src/io/mask.js';
import { renderTable } from '../../../src/io/table.js';
import { terminalSafe } from '../../../src/io/terminal-text.js';
import { durationSeconds, numberFlag, resourceId } from '../../../src/flags.js';

describe('mask and redact', () => {
  it('shows a recognisable mask, never the secret', () => {
    expect(mask('tvs_1234567890abcdefa1b2')).toBe('tvs_…a1b2');
    expect(mask('short')).toBe('••••');
    expect(mask(undefined)).toBe('(not set)');
    expect(redact('key=abcdef1234567890 and abcdef1234567890', ['abcdef1234567890'])).toBe('key=ab…7890 and ab…7890');
  });
});

describe('colour rules', () => {
  it('follows NO_COLOR, FORCE_COLOR, TERM=dumb, --no-color and the TTY', () => {
    expect(colorEnabled({ flag: undefined, env: {}, isTTY: true })).toBe(true);
    expect(colorEnabled({ flag: undefined, env: {}, isTTY: false })).toBe(false);
    expect(colorEnabled({ flag: undefined, env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(colorEnabled({ flag: undefined, env: { TERM: 'dumb' }, isTTY: true })).toBe(false);
    expect(colorEnabled({ flag: undefined, env: { FORCE_COLOR: '1' }, isTTY: false })).toBe(true);
    expect(colorEnabled({ flag: false, env: { FORCE_COLOR: '1' }, isTTY: true })).toBe(false);
  });
});

describe('tables', () => {
  const rows = [{ id: 'a', name: 'Anna' }, { id: 'bb', name: null }];
  const columns = [{ header: 'id', value: (r: (typeof rows)[number]) => r.id }, { header: 'name', value: (r: (typeof rows)[number]) => r.name }];
  it('aligns with a header on a TTY', () => {
    expect(renderTable(rows, columns, { tty: true })).toBe('ID  NAME\na   Anna\nbb  -\n');
  });
  it('aligns coloured cells by what is seen, not by their escape codes', () => {
    const coloured = [{ id: makeChalk(true).green('ok'), name: 'x' }, { id: 'long-id', name: 'y' }];
    const cols = [{ header: 'id', value: (r: (typeof coloured)[number]) => r.id }, { header: 'name', value: (r: (typeof coloured)[number]) => r.name }];
    const shown = terminalSafe(renderTable(coloured, cols, { tty: true }), { keepColor: true });
    expect(shown).toContain('\u001b[32mok\u001b[39m');
    const lines = shown.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
    expect(lines.slice(0, 3)).toEqual(['ID       NAME', 'ok       x', 'long-id  y']);
  });
  it('is tab-separated with no header when piped', () => {
    expect(renderTable(rows, columns, { tty: false })).toBe('a\tAnna\nbb\t-\n');
  });
});

describe('flag parsers', () => {
  it('numbers', () => {
    expect(numberFlag('10', '--limit', { max: 100 })).toBe(10);
    expect(() => numberFlag('ten', '--limit')).toThrow(/--limit/);
    expect(() => numberFlag('0', '--limit')).toThrow(/--limit/);
    expect(() => numberFlag('101', '--limit', { max: 100 })).toThrow(/--limit/);
  });
  it('durations', () => {
    expect(durationSeconds('90', '--older-than')).toBe(90);
    expect(durationSeconds('10m', '--older-than')).toBe(600);
    expect(durationSeconds('1h30m', '--older-than')).toBe(5400);
    expect(() => durationSeconds('10 minutes', '--older-than')).toThrow(/--older-than/);
    expect(() => durationSeconds('0s', '--older-than')).toThrow(/more than zero/);
    // Not sent to Tavus as 8.64e24 seconds.
    expect(() => durationSeconds('99999999999999999999d', '--max-duration')).toThrow(/--max-duration is too large/);
  });
  it('a long value is shortened in the error, not repeated in full', () => {
    const error = (() => {
      try {
        resourceId('x'.repeat(5000), 'replica id');
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toMatch(/"x{40}… \(5000 characters\)" for replica id/);
    expect(error!.message.length).toBeLessThan(200);
  });
  it('ids', () => {
    expect(resourceId(' r90bbd427f71 ', 'replica id')).toBe('r90bbd427f71');
    expect(() => resourceId('', 'replica id')).toThrow(/empty/);
    expect(() => resourceId('../x', 'replica id')).toThrow(/letters/);
  });
});
