import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../src/settings/dotenv.js';
import { UsageError } from '../../../src/errors.js';

describe('parseDotenv', () => {
  it('reads plain, exported, quoted and commented values', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      'export B=two words # trailing comment',
      'C="line\\nbreak # not a comment"',
      "D='single $literal'",
      'E=',
      'F=a#b',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({ A: '1', B: 'two words', C: 'line\nbreak # not a comment', D: 'single $literal', E: '', F: 'a#b' });
  });

  it('an empty value followed by a comment is empty, not the comment (a key "# your key" was sent to Tavus)', () => {
    expect(parseDotenv('TAVUS_API_KEY= # your key from platform.tavus.io\nB=\t# tab\nC=#1')).toEqual({ TAVUS_API_KEY: '', B: '', C: '#1' });
  });

  it('handles CRLF and a BOM', () => {
    expect(parseDotenv('\uFEFFA=1\r\nB=2\r\n')).toEqual({ A: '1', B: '2' });
  });

  it.each([
    ['garbage line', 'just words', /x\.env:1: expected KEY=VALUE/],
    ['bad name', '1ABC=1', /not a valid variable name/],
    ['unclosed quote', 'A="open', /never closes/],
    ['text after quote', 'A="x" y', /after the closing quote/],
  ])('rejects a %s naming file and line', (_name, line, message) => {
    expect(() => parseDotenv(`OK=1\n${line}`.split('\n').slice(1).join('\n'), 'x.env')).toThrow(message);
    expect(() => parseDotenv(line, 'x.env')).toThrow(UsageError);
  });
});
