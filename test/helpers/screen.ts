// What a terminal shows after some output: the text with the cursor moves and erases that prompts
// use applied (up, down, column, erase line), so a test can tell what is still on screen from what
// was drawn and then wiped. Colours and other sequences are dropped.
const CSI = /^\x1b\[([0-9;?]*)([A-Za-z])/;

/** The visible lines, trailing blanks trimmed, empty trailing lines dropped. */
export function visibleScreen(raw: string): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => (lines[row] ??= []);
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === '\x1b') {
      const match = CSI.exec(raw.slice(i));
      if (!match) continue;
      i += match[0].length - 1;
      const n = Number(match[1]?.split(';')[0] || '1');
      switch (match[2]) {
        case 'A': row = Math.max(0, row - n); break;
        case 'B': row += n; break;
        case 'G': col = Math.max(0, n - 1); break;
        case 'K': if (match[1] === '2') lines[row] = []; else line().length = Math.min(line().length, col); break;
      }
      continue;
    }
    if (char === '\r') col = 0;
    else if (char === '\n') {
      row++;
      col = 0;
    } else {
      const current = line();
      while (current.length < col) current.push(' ');
      current[col++] = char;
    }
  }
  const text = Array.from({ length: lines.length }, (_, index) => (lines[index] ?? []).join('').trimEnd());
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  return text;
}
