// One rule for "this machine" (the emulator's base URL, a local LiveKit server, plain http allowed,
// no proxy): written as the hosts users type and as WHATWG URLs normalise them.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackUrl } from '../../../src/net/loopback.js';

describe('isLoopbackUrl', () => {
  it.each([
    'http://localhost:4010',
    'http://LOCALHOST.:4010',
    'ws://tavus.localhost:7880',
    'http://127.0.0.1:4010',
    'http://127.8.9.10',
    'http://[::1]:4010',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]:4010', // a URL writes it [::ffff:7f00:1]
    'wss://[::ffff:7fff:ffff]/',
  ])('%s is this machine', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each([
    'https://tavusapi.com',
    'http://localhost.example.com',
    'http://notlocalhost',
    'http://128.0.0.1',
    'http://10.0.0.1',
    'http://[::2]',
    'http://[::ffff:10.0.0.1]', // [::ffff:a00:1]
    'http://[::ffff:8000:1]',
    'http://[fe80::1]',
    'not a url',
    '',
  ])('%s is not', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });

  it('undefined (no URL set) is not', () => {
    expect(isLoopbackUrl(undefined)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('takes a bare host, bracketed or not', () => {
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::ffff:192.168.1.1')).toBe(false);
    expect(isLoopbackHost('localhost.')).toBe(true);
    expect(isLoopbackHost('127.0.0')).toBe(false);
  });
});
