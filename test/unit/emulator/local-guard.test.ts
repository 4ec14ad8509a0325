// The emulator's own Host and Origin rule (src/emulator/local-guard.ts): a local dev server answers
// this machine's names and the address it was bound to, and refuses other sites' pages.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { answersHost, isCrossOrigin } from '../../../src/emulator/local-guard.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('answersHost', () => {
  it.each([
    ['127.0.0.1:4010', '127.0.0.1'],
    ['localhost:4010', '127.0.0.1'],
    ['LOCALHOST.:4010', '127.0.0.1'],
    ['app.localhost:4010', '127.0.0.1'],
    ['127.0.0.2', '127.0.0.1'],
    ['[::1]:4010', '127.0.0.1'],
    ['[::ffff:7f00:1]:4010', '127.0.0.1'],
    ['192.168.1.20:4010', '192.168.1.20'],
    ['10.0.0.5:4010', '0.0.0.0'],
    ['[fe80::1]:4010', '::'],
  ])('answers Host %s when bound to %s', (host, bound) => {
    expect(answersHost(host, bound)).toBe(true);
  });

  it.each([
    ['evil.example', '127.0.0.1'],
    ['evil.example:4010', '0.0.0.0'],
    ['127.0.0.1.evil.example', '127.0.0.1'],
    ['localhost.evil.example', '127.0.0.1'],
    ['192.168.1.20:4010', '127.0.0.1'],
    ['[::ffff:c0a8:114]:4010', '127.0.0.1'],
    ['user@127.0.0.1', '127.0.0.1'],
    ['127.0.0.1/x', '127.0.0.1'],
    ['', '127.0.0.1'],
  ])('refuses Host %j when bound to %s', (host, bound) => {
    expect(answersHost(host, bound)).toBe(false);
  });

  it('answers a request without Host (HTTP/1.0: no browser sends that)', () => {
    expect(answersHost(undefined, '127.0.0.1')).toBe(true);
  });
});

describe('isCrossOrigin', () => {
  it('is false without Origin (a script, a server) and for the page the emulator served', () => {
    expect(isCrossOrigin(request({ host: '127.0.0.1:4010' }))).toBe(false);
    expect(isCrossOrigin(request({ host: '127.0.0.1:4010', origin: 'http://127.0.0.1:4010' }))).toBe(false);
    expect(isCrossOrigin(request({ host: 'LocalHost:4010', origin: 'http://localhost:4010' }))).toBe(false);
  });

  it("is true for another site's page, another port, https, or an Origin without a Host", () => {
    expect(isCrossOrigin(request({ host: '127.0.0.1:4010', origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossOrigin(request({ host: '127.0.0.1:4010', origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(isCrossOrigin(request({ host: '127.0.0.1:4010', origin: 'https://127.0.0.1:4010' }))).toBe(true);
    expect(isCrossOrigin(request({ origin: 'http://127.0.0.1:4010' }))).toBe(true);
    expect(isCrossOrigin(request({ host: '127.0.0.1:4010', origin: 'null' }))).toBe(true);
  });
});
