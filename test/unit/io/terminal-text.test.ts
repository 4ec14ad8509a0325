// The terminal-safe formatter: a server's escape codes are shown as text in every view, colour on or
// off; only the colour codes our own styler (makeChalk) wrote become real ones.
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../../src/io/color.js';
import { renderTable } from '../../../src/io/table.js';
import { escapeData, terminalSafe, withoutColor } from '../../../src/io/terminal-text.js';

const SERVER = 'Evil\u001b[31mRED\u001b[0m\u0007bell\rCR';
const SHOWN = 'Evil\\u001b[31mRED\\u001b[0m\\u0007bell\\u000dCR';

describe('terminalSafe', () => {
  it("escapes a server's colour codes, BEL and CR, colour on or off", () => {
    expect(terminalSafe(SERVER)).toBe(SHOWN);
    expect(terminalSafe(SERVER, { keepColor: true })).toBe(SHOWN);
  });

  it('keeps tab and newline, escapes C1, DEL, bidi controls and line separators', () => {
    expect(terminalSafe('a\tb\nc\u009b31m\u007f\u202e\u2028')).toBe('a\tb\nc\\u009b31m\\u007f\\u202e\\u2028');
  });

  it('turns our own colour codes into real ones with keepColor, and drops them without', () => {
    const chalk = makeChalk(true);
    const text = `${chalk.red('Error:')} ${SERVER}`;
    expect(terminalSafe(text, { keepColor: true })).toBe(`\u001b[31mError:\u001b[39m ${SHOWN}`);
    expect(terminalSafe(text)).toBe(`Error: ${SHOWN}`);
  });

  it('escapes a server string given to our styler: the only codes left are ours', () => {
    const chalk = makeChalk(true);
    expect(terminalSafe(chalk.dim(`room ${SERVER}`), { keepColor: true })).toBe(`\u001b[2mroom ${SHOWN}\u001b[22m`);
    expect(terminalSafe(chalk.red.bold(SERVER), { keepColor: true })).toBe(`\u001b[31m\u001b[1m${SHOWN}\u001b[22m\u001b[39m`);
    // Nested styles stay ours.
    expect(terminalSafe(chalk.dim(`a ${chalk.green('b')} c`), { keepColor: true })).toBe('\u001b[2ma \u001b[32mb\u001b[39m c\u001b[22m');
  });

  it('writes no codes when colour is off', () => {
    expect(terminalSafe(makeChalk(false).red(SERVER), { keepColor: true })).toBe(SHOWN);
  });

  it('is idempotent: text already made safe does not change', () => {
    expect(terminalSafe(terminalSafe(SERVER))).toBe(SHOWN);
    expect(escapeData(escapeData(SERVER))).toBe(SHOWN);
  });

  it('widths count what is seen, without our codes or any SGR', () => {
    const chalk = makeChalk(true);
    expect(withoutColor(`${chalk.red('ab')}c\u001b[1md`)).toBe('abcd');
  });
});

describe('one rule in every view', () => {
  it('a table cell shows a CR as \\u000d, as the field view does; other whitespace becomes one space', () => {
    const table = renderTable([{ name: SERVER }, { name: 'two\n\tlines' }], [{ header: 'name', value: (r) => r.name }], { tty: true });
    expect(terminalSafe(table, { keepColor: true })).toBe(`NAME\n${SHOWN}\ntwo lines\n`);
    expect(renderTable([{ name: SERVER }], [{ header: 'name', value: (r) => r.name }], { tty: false })).toBe(`${SHOWN}\n`);
  });
});
