import { describe, expect, it } from 'vitest';
import { withoutFinalPeriod } from '../../../src/io/sentence.js';

describe('withoutFinalPeriod', () => {
  it('drops one final period and nothing else', () => {
    expect(withoutFinalPeriod('No such replica.')).toBe('No such replica');
    expect(withoutFinalPeriod('Wait...')).toBe('Wait..');
    expect(withoutFinalPeriod('v1.2 is out')).toBe('v1.2 is out');
    expect(withoutFinalPeriod('')).toBe('');
  });
});
