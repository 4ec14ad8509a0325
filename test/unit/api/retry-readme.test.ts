// The README's retry sentence names every failure the client retries (a refused connection was once
// retried but missing from it).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETRYABLE_NETWORK_CODES, RETRYABLE_STATUSES } from '../../../src/api/retry.js';

const README = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8').replace(/\s+/g, ' ');
const sentence = README.slice(README.indexOf('HTTP behaviour:'), README.indexOf('at most 3 times'));

/** Each network error code and the words the README uses for it. */
const WORDS: Record<string, string> = {
  ECONNREFUSED: 'refused connections',
  ECONNRESET: 'connection resets',
  ECONNABORTED: 'an aborted connection',
  EPIPE: 'a broken pipe',
  EAI_AGAIN: 'a DNS lookup that failed for now',
  UND_ERR_SOCKET: 'connection resets',
};

describe('README: what is retried', () => {
  it('names every retried status and network failure', () => {
    expect(sentence).toContain([...RETRYABLE_STATUSES].join('/'));
    // A code added to the retry list without its words here (and in the README) fails.
    expect([...RETRYABLE_NETWORK_CODES].sort()).toEqual(Object.keys(WORDS).sort());
    for (const words of Object.values(WORDS)) expect(sentence).toContain(words);
  });
});
