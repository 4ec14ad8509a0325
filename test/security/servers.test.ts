// The emulator and `serve` are servers too: the emulator's log keeps no foreign key and stays bounded,
// it answers only its own Host and refuses cross-origin control-plane writes; serve logs a client that
// disconnects mid-body as one line, and an injected request_id never drives the terminal.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_RECORDED_BODY_CHARS, MAX_RECORDED_REQUESTS, pushBounded } from '../../src/emulator/recording.js';
import type { RecordedRequest } from '../../src/emulator/types.js';
import { runCli } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { startServe } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait.js';

const REAL_KEY = 'tvs_realkey0123456789abcdef012345';
const { emulator, env } = useEmulator();

describe('the emulator', () => {
  it('masks a key that is not its own in the request log', async () => {
    const answer = await fetch(`${emulator.url}/v2/replicas`, { headers: { 'x-api-key': REAL_KEY } });
    expect(answer.status).toBe(401);
    const log = await (await fetch(`${emulator.url}/__emulator/requests`)).text();
    expect(log).not.toContain(REAL_KEY);
    expect(emulator.requests[0]!.headers['x-api-key']).toBe('tvs_…2345');
    await fetch(`${emulator.url}/v2/replicas`, { headers: { 'x-api-key': emulator.apiKey } });
    expect(emulator.requests[1]!.headers['x-api-key']).toBe(emulator.apiKey);
  });

  it('answers no foreign Host (DNS rebinding), log included', async () => {
    const port = new URL(emulator.url).port;
    const text = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /__emulator/requests HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
    });
    expect(text).toMatch(/^HTTP\/1\.1 403/);
  });

  it('refuses cross-origin writes to its control plane', async () => {
    const answer = await fetch(`${emulator.url}/__emulator/settings`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ out_of_credits: true }),
    });
    expect(answer.status).toBe(403);
    const health = (await (await fetch(`${emulator.url}/__emulator/health`)).json()) as { out_of_credits: boolean };
    expect(health.out_of_credits).toBe(false);
  });

  it('keeps a bounded log: large bodies are cut, old entries dropped', async () => {
    const big = JSON.stringify({ persona_name: 'x', system_prompt: 'y'.repeat(2 * 1024 * 1024) });
    await fetch(`${emulator.url}/v2/personas`, { method: 'POST', headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' }, body: big });
    expect(emulator.requests[0]!.rawBody.length).toBeLessThanOrEqual(MAX_RECORDED_BODY_CHARS);
    const log: RecordedRequest[] = [];
    for (let i = 0; i < MAX_RECORDED_REQUESTS + 10; i++) pushBounded(log, { id: i } as RecordedRequest);
    expect(log).toHaveLength(MAX_RECORDED_REQUESTS);
    expect(log[0]!.id).toBe(10);
  });
});

describe('serve', () => {
  it('logs a client that disconnects mid-body as one line, no stack trace', async () => {
    const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    try {
      const { port } = new URL(serve.url);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST /api/tavus/conversation/create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"persona_id":`);
          setImmediate(() => socket.destroy());
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
      await waitFor(() => /client disconnected mid-body/.test(serve.stderr()), 'the abort log line', 10_000);
      expect(serve.stderr()).not.toMatch(/internal error|\n\s+at /);
      expect(serve.stderr().split('\n').filter((line) => /conversation\/create →/.test(line))).toHaveLength(1);
    } finally {
      await serve.stop();
    }
  });

  it('a request_id with escapes becomes a conversation name that prints safely, there and in conversation list', async () => {
    const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    try {
      const answer = await fetch(`${serve.url}/api/tavus/conversation/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request_id: 'x\u001b]0;owned\u0007\u001b[2J\u202e' }),
      });
      expect(answer.status).toBeLessThan(500);
      expect(serve.stderr()).not.toMatch(/[\u001b\u0007\u202e]/);
      const list = await runCli(['conversation', 'list'], { env });
      expect(list.exitCode, list.stderr).toBe(0);
      expect(list.stdout).toContain('owned');
      expect(list.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    } finally {
      await serve.stop();
    }
  });
});
