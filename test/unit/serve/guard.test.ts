// Host, Origin and --cors rules of `tavus-ten serve`.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostnameOf, isAllowedHost, isJsonContentType, judgeOrigin, parseCorsOrigin } from '../../../src/serve/guard.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('isAllowedHost', () => {
  it('answers loopback names and the bound address', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080', 'app.localhost:8080', undefined]) {
      expect(isAllowedHost(host, '127.0.0.1'), String(host)).toBe(true);
    }
    expect(isAllowedHost('192.168.1.5:8080', '192.168.1.5')).toBe(true);
  });

  it('refuses other names (DNS rebinding) and, bound everywhere, accepts IP literals only', () => {
    expect(isAllowedHost('evil.example:8080', '127.0.0.1')).toBe(false);
    expect(isAllowedHost('192.168.1.5:8080', '127.0.0.1')).toBe(false);
    expect(isAllowedHost('192.168.1.5:8080', '0.0.0.0')).toBe(true);
    expect(isAllowedHost('evil.example:8080', '0.0.0.0')).toBe(false);
    expect(isAllowedHost('bad host', '127.0.0.1')).toBe(false);
  });

  it('reads bracketed IPv6 hosts', () => {
    expect(hostnameOf('[::1]:8080')).toBe('::1');
  });
});

describe('judgeOrigin', () => {
  it('no Origin, our own page, a --cors origin, anyone else', () => {
    expect(judgeOrigin(req({ host: '127.0.0.1:8080' }), [])).toBe('none');
    expect(judgeOrigin(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }), [])).toBe('same');
    expect(judgeOrigin(req({ host: 'localhost:8080', origin: 'http://localhost:8080' }), [])).toBe('same');
    expect(judgeOrigin(req({ host: '127.0.0.1:8080', origin: 'http://localhost:3000' }), ['http://localhost:3000'])).toBe('cors');
    expect(judgeOrigin(req({ host: '127.0.0.1:8080', origin: 'http://localhost:3000' }), [])).toBe('forbidden');
    expect(judgeOrigin(req({ host: '127.0.0.1:8080', origin: 'null' }), [])).toBe('forbidden');
  });
});

describe('parseCorsOrigin', () => {
  it('normalises an origin and refuses *, paths and other schemes', () => {
    expect(parseCorsOrigin('http://LOCALHOST:3000/')).toBe('http://localhost:3000');
    expect(parseCorsOrigin('https://play.example.com')).toBe('https://play.example.com');
    expect(parseCorsOrigin('*')).toMatchObject({ problem: expect.stringMatching(/every web site/) });
    expect(parseCorsOrigin('http://localhost:3000/app')).toMatchObject({ problem: expect.stringMatching(/no path/) });
    expect(parseCorsOrigin('ftp://x')).toMatchObject({ problem: expect.stringMatching(/http/) });
    expect(parseCorsOrigin('localhost:3000')).toHaveProperty('problem');
  });
});

describe('isJsonContentType', () => {
  it('accepts JSON with parameters and +json types only', () => {
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/merge-patch+json')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});
