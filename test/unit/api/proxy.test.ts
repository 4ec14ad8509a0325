// The default dispatcher: no MockAgent, so the client builds its own EnvHttpProxyAgent.
// Only 127.0.0.1 is ever contacted: the "proxy" below is a local socket that records what it got.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvHttpProxyAgent, request } from 'undici';
import { createTavusClient } from '../../../src/api/client.js';
import { proxyConfigured } from '../../../src/api/undici.js';
import { badProxyVariable, proxyFor } from '../../../src/net/proxy.js';
import { API_KEY, rejectionOf } from './harness.js';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  while (cleanups.length > 0) await cleanups.pop()!();
});

function clearProxyEnvironment() {
  for (const name of PROXY_VARIABLES) vi.stubEnv(name, undefined);
}

/** A local "proxy" that records the first line of each request it gets and refuses it (403, closed). */
async function refusingProxy(): Promise<{ url: string; requestLines: string[] }> {
  const requestLines: string[] = [];
  const proxy = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      requestLines.push(chunk.toString('latin1').split('\r\n')[0]!);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => proxy.close(() => resolve())));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, requestLines };
}

describe('default dispatcher', () => {
  it('talks to the API directly when no proxy is configured', async () => {
    clearProxyEnvironment();
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers['x-api-key']}`);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ replica_id: 'r1' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    server.keepAliveTimeout = 1;

    const client = createTavusClient({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    await expect(client.replicas.get('r1')).resolves.toEqual({ replica_id: 'r1' });
    expect(seen).toEqual([`GET /v2/replicas/r1 ${API_KEY}`]);
  });

  it('sends requests through HTTP_PROXY', async () => {
    clearProxyEnvironment();
    const { url: proxyUrl, requestLines: received } = await refusingProxy();
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    vi.stubEnv('http_proxy', proxyUrl);

    const client = createTavusClient({ apiKey: API_KEY, baseUrl: 'http://tavusapi.test', maxRetries: 0 });
    const error = await rejectionOf(client.replicas.list());
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/tavusapi\.test/);
    expect(error).toMatchObject({ exitCode: 6, mayHaveReachedServer: false, message: expect.stringContaining('through the proxy') });
    expect((error as { hint?: string }).hint).toContain('HTTPS_PROXY');
  });
});

// With no proxy set the client makes a plain Agent (so the proxy code is never loaded): that is only
// right if undici's own EnvHttpProxyAgent would send nothing through a proxy in that environment.
describe('proxyConfigured agrees with undici', () => {
  const cases: Record<string, string | undefined>[] = [
    {},
    { HTTP_PROXY: 'P' },
    { http_proxy: 'P' },
    { HTTPS_PROXY: 'P' },
    { https_proxy: 'P' },
    { HTTP_PROXY: '' },
    { HTTPS_PROXY: '', https_proxy: '' },
    { http_proxy: '', HTTP_PROXY: 'P' },
    { https_proxy: '', HTTPS_PROXY: 'P' },
    { http_proxy: '', HTTPS_PROXY: 'P' },
  ];
  it.each(cases)('%o', async (variables) => {
    clearProxyEnvironment();
    const { url: proxyUrl, requestLines: seen } = await refusingProxy();
    const target = http.createServer((_request, response) => response.end('direct'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => target.close(() => resolve())));
    const env = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, value === 'P' ? proxyUrl : value]));
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const agent = new EnvHttpProxyAgent();
    cleanups.push(() => agent.destroy());
    const port = (target.address() as AddressInfo).port;
    // Plain http, and https (which a proxy tunnels with CONNECT; directly, the TLS handshake just fails).
    for (const origin of [`http://127.0.0.1:${port}`, `https://127.0.0.1:${port}`]) {
      await request(origin, { dispatcher: agent, signal: AbortSignal.timeout(2000) })
        .then((response) => response.body.text())
        .catch(() => undefined);
    }
    expect(proxyConfigured({ ...env })).toBe(seen.length > 0);
  });
});

// The proxy a connection failure is blamed on: the one undici would use for that URL, or none.
describe('proxyFor', () => {
  const api = new URL('https://tavusapi.com/v2/replicas');
  it('names the https proxy without credentials, the lower-case variable first, the http one as fallback', () => {
    expect(proxyFor(api, { HTTPS_PROXY: 'http://u:pw@proxy:3128' })).toEqual({ variable: 'HTTPS_PROXY', shown: 'http://proxy:3128' });
    expect(proxyFor(api, { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' })).toEqual({ variable: 'https_proxy', shown: 'http://a:1' });
    expect(proxyFor(api, { HTTP_PROXY: 'http://c:3' })).toEqual({ variable: 'HTTP_PROXY', shown: 'http://c:3' });
    expect(proxyFor(new URL('http://tavusapi.test/v2'), { HTTPS_PROXY: 'http://b:2' })).toBeUndefined();
  });
  it('none for a host NO_PROXY lists (a domain, *, a matching port)', () => {
    for (const noProxy of ['tavusapi.com', '.tavusapi.com', '*.tavusapi.com', 'other, tavusapi.com:443', '*']) {
      expect(proxyFor(api, { HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy }), noProxy).toBeUndefined();
    }
    expect(proxyFor(api, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'tavusapi.com:8443,example.com' })).toBeDefined();
  });
  it('badProxyVariable names the variable undici would refuse', () => {
    expect(badProxyVariable({ HTTPS_PROXY: 'notaurl' })).toBe('HTTPS_PROXY');
    expect(badProxyVariable({ HTTP_PROXY: 'proxy.example.com:3128' })).toBe('HTTP_PROXY');
    expect(badProxyVariable({ https_proxy: 'http://ok:1', HTTPS_PROXY: 'ignored by undici' })).toBeUndefined();
    expect(badProxyVariable({ HTTPS_PROXY: '' })).toBeUndefined();
  });
});
