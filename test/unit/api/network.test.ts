// Network failures against real sockets on 127.0.0.1 (refused, reset, silent, cut off), and
// through MockAgent for what a local socket cannot produce (DNS, TLS).
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createTavusClient } from '../../../src/api/client.js';
import type { TavusClientOptions } from '../../../src/api/client.js';
import { ApiError, NetworkError } from '../../../src/errors.js';
import { API_KEY, createHarness, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A raw TCP server that counts the HTTP requests it receives and reacts as told. */
async function rawServer(onRequest: (socket: net.Socket) => void): Promise<{ port: number; requests: string[] }> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      requests.push(chunk.toString('latin1').split('\r\n')[0]!);
      onRequest(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as AddressInfo).port, requests };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function localClient(port: number, overrides: Partial<TavusClientOptions> = {}) {
  const dispatcher = new Agent();
  cleanups.push(() => dispatcher.close());
  const sleeps: number[] = [];
  const client = createTavusClient({
    apiKey: API_KEY,
    baseUrl: `http://127.0.0.1:${port}`,
    dispatcher,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, sleeps };
}

describe('refused connections', () => {
  it('GET is retried, then fails with a NetworkError naming the host (exit 6)', async () => {
    const port = await closedPort();
    const { client, sleeps } = localClient(port);
    const error = (await rejectionOf(client.replicas.list())) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error', exitCode: 6, mayHaveReachedServer: false });
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused (tried 4 times).`);
    expect(sleeps).toHaveLength(3);
  });

  it('a create is not retried, and a refusal means it never reached the server', async () => {
    const port = await closedPort();
    const { client, sleeps } = localClient(port);
    const error = (await rejectionOf(client.conversations.create({ persona_id: 'p1' }))) as NetworkError;
    expect(error).toMatchObject({ exitCode: 6, mayHaveReachedServer: false });
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused.`);
    expect(sleeps).toEqual([]);
  });
});

describe('resets', () => {
  it('GET is retried after a reset and succeeds', async () => {
    let count = 0;
    const server = await rawServer((socket) => {
      if (++count === 1) socket.resetAndDestroy();
      else socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 31\r\nconnection: close\r\n\r\n{"data":[],"total_count":0}    ');
    });
    const { client, sleeps } = localClient(server.port);
    await expect(client.replicas.list()).resolves.toEqual({ data: [], total_count: 0 });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([125]);
  });

  it('a create is never retried after a reset: mayHaveReachedServer, with how to check', async () => {
    const server = await rawServer((socket) => socket.resetAndDestroy());
    const { client } = localClient(server.port);
    const error = (await rejectionOf(client.conversations.create({ persona_id: 'p1' }))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error', exitCode: 6, mayHaveReachedServer: true });
    expect(error.message).toMatch(/connection to 127\.0\.0\.1:\d+ was reset/);
    expect(error.hint).toContain('tavus-ten conversation list --status active');
    expect(server.requests).toEqual(['POST /v2/conversations HTTP/1.1']);
  });

  it('a PATCH is never retried after the server closes the connection', async () => {
    const server = await rawServer((socket) => socket.destroy());
    const { client } = localClient(server.port);
    const error = (await rejectionOf(client.personas.update('p1', [{ op: 'remove', path: '/context' }]))) as NetworkError;
    expect(error).toMatchObject({ exitCode: 6, mayHaveReachedServer: true });
    expect(error.hint).toContain('tavus-ten persona get p1');
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('a silent server → NetworkError code timeout (exit 6) after the per-attempt limit', async () => {
    const server = await rawServer(() => undefined);
    // Long enough for the request to reach the server on a loaded machine: the test counts it.
    const { client } = localClient(server.port, { timeoutMs: 1000 });
    const error = (await rejectionOf(client.replicas.get('r1'))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'timeout', exitCode: 6 });
    expect(error.message).toBe(`127.0.0.1:${server.port} did not answer within 1 s.`);
    expect(error.hint).toMatch(/--timeout/);
    expect(server.requests).toHaveLength(1);
  });

  it('a create that times out is not retried and may exist', async () => {
    const server = await rawServer(() => undefined);
    const { client } = localClient(server.port, { timeoutMs: 1000 }); // reaches the server even on a loaded machine
    const error = (await rejectionOf(client.conversations.create({ persona_id: 'p1' }))) as NetworkError;
    expect(error).toMatchObject({ code: 'timeout', mayHaveReachedServer: true });
    expect(error.hint).toContain('tavus-ten conversation list --status active');
    expect(server.requests).toHaveLength(1);
  });

  it('the limit also covers a body that stops arriving', async () => {
    const server = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"data":['));
    const { client } = localClient(server.port, { timeoutMs: 50 });
    await expect(client.replicas.list()).rejects.toMatchObject({ code: 'timeout', exitCode: 6 });
  });

  it('a body cut off by a reset is a connection reset: a read is retried, then exit 6 saying so', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"data":[');
      socket.destroy();
    });
    const { client } = localClient(server.port);
    const error = (await rejectionOf(client.replicas.list())) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error', exitCode: 6, mayHaveReachedServer: true });
    expect(error.message).toMatch(/was cut off after 9 bytes: .+ \(tried 4 times\)\.$/);
    expect(server.requests).toHaveLength(4);
  });

  it('a create whose answer is cut off is sent once, and may exist', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"conversation_id":');
      socket.destroy();
    });
    const { client } = localClient(server.port);
    const error = (await rejectionOf(client.conversations.create({ persona_id: 'p1' }))) as NetworkError;
    expect(error).toMatchObject({ code: 'network_error', exitCode: 6, mayHaveReachedServer: true });
    expect(error.hint).toContain('tavus-ten conversation list --status active');
    expect(server.requests).toHaveLength(1);
  });

  it('a DELETE retried after a lost answer, then told "not found", has done its job', async () => {
    let seen = 0;
    const server = await rawServer((socket) => {
      seen++;
      if (seen === 1) socket.destroy();
      else socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 35\r\nconnection: close\r\n\r\n{"error":"Invalid conversation_id"}');
    });
    const { client } = localClient(server.port);
    await expect(client.conversations.delete('c1')).resolves.toBeUndefined();
    expect(server.requests).toEqual(['DELETE /v2/conversations/c1 HTTP/1.1', 'DELETE /v2/conversations/c1 HTTP/1.1']);
    // Without a lost answer first, "not found" is what it says.
    seen = 1;
    await expect(client.conversations.delete('c1')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('failures MockAgent stands in for', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.agent.close();
    h = undefined;
  });

  it('DNS failure → NetworkError naming the host, not retried', async () => {
    h = createHarness();
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND tavusapi.com'), { code: 'ENOTFOUND', hostname: 'tavusapi.com' });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).replyWithError(dns);
    const error = (await rejectionOf(h.client.replicas.list())) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ exitCode: 6, code: 'network_error', mayHaveReachedServer: false });
    expect(error.message).toBe('Could not connect to tavusapi.com: the name does not resolve (DNS lookup failed).');
    expect(h.calls()).toHaveLength(1);
  });

  it('a TLS failure → NetworkError naming the host and the reason', async () => {
    h = createHarness();
    const tls = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).replyWithError(tls);
    const error = (await rejectionOf(h.client.replicas.list())) as NetworkError;
    expect(error.message).toBe('Could not connect securely to tavusapi.com: certificate has expired (CERT_HAS_EXPIRED).');
    expect(error.hint).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('a code buried in an AggregateError (happy eyeballs) is still found', async () => {
    h = createHarness({ maxRetries: 0 });
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' });
    h.tavus.intercept({ path: '/v2/replicas', method: 'GET' }).replyWithError(new AggregateError([refused], 'connect failed'));
    const error = (await rejectionOf(h.client.replicas.list())) as NetworkError;
    expect(error.message).toBe('Could not connect to tavusapi.com: connection refused.');
  });
});
