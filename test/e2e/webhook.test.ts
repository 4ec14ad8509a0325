// `webhook listen` and `webhook trigger` through the built CLI: a conversation on `tavus-ten mock` with
// --callback-url pointing at the listener prints its events in order (an end, and a timeout ending on the
// emulator's clock), --forward-to hands a test handler the exact bytes; trigger against handlers answering
// 200, 500 and never; bad input is exit 2 with nothing sent.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { closedPort, waitFor } from '../helpers/wait.js';

/** A handler as a user would write one: records each request's raw bytes and headers; answers `status` (or never). */
interface TestHandler {
  url: string;
  received: { path: string; headers: IncomingHttpHeaders; bytes: Buffer }[];
  status: number | 'never';
  server: Server;
}

async function startHandler(): Promise<TestHandler> {
  const handler: TestHandler = { url: '', received: [], status: 200, server: createServer() };
  handler.server.on('request', (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handler.received.push({ path: request.url ?? '', headers: request.headers, bytes: Buffer.concat(chunks) });
      if (handler.status !== 'never') response.writeHead(handler.status, { 'content-type': 'text/plain' }).end(`handled ${handler.status}`);
    });
  });
  await new Promise<void>((resolve) => handler.server.listen(0, '127.0.0.1', resolve));
  handler.url = `http://127.0.0.1:${(handler.server.address() as AddressInfo).port}/tavus/callback`;
  return handler;
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

/** `webhook listen` as a child process; resolves once it prints its URL. */
async function startListener(args: string[]) {
  const child = startCli(['webhook', 'listen', '--port', '0', ...args], { timeoutMs: 60_000 });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const url = await waitFor(() => /Listening for Tavus callbacks on (\S+) /.exec(stderr())?.[1], 'webhook listen to print its URL');
  return { child, url, stdout, stderr };
}

let handler: TestHandler;
beforeAll(async () => {
  handler = await startHandler();
});
afterAll(() => new Promise<void>((resolve) => {
  handler.server.closeAllConnections();
  handler.server.close(() => resolve());
}));
beforeEach(() => {
  handler.received.length = 0;
  handler.status = 200;
});

describe('webhook listen + a conversation on tavus-ten mock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock.stop();
  });

  it('prints the events in order after start, end and a timeout ending; --forward-to receives the exact bytes', async () => {
    const listener = await startListener(['--forward-to', handler.url]);
    expect(listener.stderr()).toContain(`With the emulator (tavus-ten mock, --mock): --callback-url ${listener.url}`);
    expect(listener.stderr()).toMatch(/With Tavus's cloud: 127\.0\.0\.1 is a local or private address .* tunnel/);
    const env = { TAVUS_API_BASE_URL: mock.baseUrl, TAVUS_API_KEY: mock.apiKey };
    // A persona with perception on, so the analysis is called back too.
    const persona = await mock.api('POST', '/personas', {
      persona_name: 'Perceptive',
      system_prompt: 'You see.',
      default_replica_id: 'r90bbd427f71',
      layers: { perception: { perception_model: 'raven-1' } },
    });

    // 1. Started, the replica joins (the room page loads), ended with `conversation end`.
    const start = await runCli(['conversation', 'start', '--persona', persona.json.persona_id, '--callback-url', listener.url, '--no-open', '-q'], { env });
    expect(start.exitCode, start.stderr).toBe(0);
    expect(start.stderr).not.toContain('--callback-url'); // against the emulator, a local URL is the point
    const first = start.stdout.trim();
    await fetch(`${mock.baseUrl}/rooms/${first}/join`, { method: 'POST' });
    await waitFor(() => listener.stdout().includes('system.replica_joined'), 'the replica_joined line');
    const end = await runCli(['conversation', 'end', first], { env });
    expect(end.exitCode, end.stderr).toBe(0);

    // 2. Nobody joins: participant_absent_timeout (300 s) on the emulator's clock.
    const second = (await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--callback-url', listener.url, '--no-open', '-q'], { env })).stdout.trim();
    await mock.advance(300);

    const lines = await waitFor(() => {
      const all = listener.stdout().trim().split('\n');
      return all.length >= 5 ? all : undefined;
    }, 'five callback lines');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z  ${first}  system\\.replica_joined  → 200 in \\d+ ms$`));
    expect(lines[1]).toMatch(new RegExp(`  ${first}  system\\.shutdown  reason: end_conversation_endpoint_hit  → 200 in \\d+ ms$`));
    expect(lines[2]).toMatch(new RegExp(`  ${first}  application\\.transcription_ready  2 turns, last user: Hello! Just testing\\.  → 200`));
    expect(lines[3]).toMatch(new RegExp(`  ${first}  application\\.perception_analysis  .+  → 200`));
    expect(lines[4]).toMatch(new RegExp(`  ${second}  system\\.shutdown  reason: participant_absent_timeout reached  → 200`));

    // What the emulator sent, and what the handler got: the same bytes, the same content-type and user agent.
    // The listener prints a line before it answers; the emulator records the status once the answer is in.
    const deliveries = await waitFor(async () => {
      const all = (await (await fetch(`${mock.baseUrl}/__emulator/callbacks`)).json()) as { url: string; kind: string; body: unknown; status: number | null }[];
      return all.every((d) => d.status !== null) ? all : undefined;
    }, 'every delivery to have its answer');
    expect(deliveries.map((d) => [d.kind, d.status])).toEqual([
      ['system.replica_joined', 200],
      ['system.shutdown', 200],
      ['application.transcription_ready', 200],
      ['application.perception_analysis', 200],
      ['system.shutdown', 200],
    ]);
    expect(deliveries[1]!.body).toMatchObject({ conversation_id: first, event_type: 'system.shutdown', message_type: 'system', properties: { shutdown_reason: 'end_conversation_endpoint_hit' } });
    expect(handler.received.map((r) => r.bytes.toString('utf8'))).toEqual(deliveries.map((d) => JSON.stringify(d.body)));
    expect(handler.received.every((r) => r.path === '/tavus/callback' && r.headers['content-type'] === 'application/json' && r.headers['user-agent'] === 'tavus-ten-emulator')).toBe(true);

    // Ctrl-C: a listener's normal stop, exit 0.
    listener.child.kill('SIGINT');
    const result = await listener.child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toContain('Stopped listening.');
  }, 90_000); // a listener, a mock and four runs of the CLI

  it('a failed delivery is recorded with its status; --json prints one JSON line per request, bodies that are not JSON or too large included', async () => {
    handler.status = 500;
    const listener = await startListener(['--forward-to', handler.url, '--json']);
    const created = await mock.api('POST', '/conversations', { persona_id: 'pcb7a34da5fe', callback_url: listener.url });
    const refusedUrl = `http://127.0.0.1:${await closedPort()}/hook`;
    const refused = await mock.api('POST', '/conversations', { persona_id: 'pcb7a34da5fe', callback_url: refusedUrl });
    const since = ((await (await fetch(`${mock.baseUrl}/__emulator/callbacks`)).json()) as { id: number }[]).at(-1)?.id ?? 0;
    await mock.api('POST', `/conversations/${created.json.conversation_id}/end`);
    await mock.api('POST', `/conversations/${refused.json.conversation_id}/end`);
    const deliveries = await waitFor(async () => {
      const all = (await (await fetch(`${mock.baseUrl}/__emulator/callbacks?since=${since}`)).json()) as { url: string; status: number | null; error?: string }[];
      return all.length === 2 && all.every((d) => d.status !== null || d.error) ? all : undefined;
    }, 'both deliveries to settle');
    expect(deliveries.find((d) => d.url === listener.url)?.status).toBe(500); // the listener answers what the handler answered
    expect(deliveries.find((d) => d.url === refusedUrl)).toMatchObject({ status: null, error: expect.any(String) });

    await fetch(listener.url, { method: 'POST', body: 'not json at all' });
    await fetch(listener.url, { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024, 0x20) });
    const lines = await waitFor(() => {
      const all = listener.stdout().trim().split('\n').filter(Boolean);
      return all.length >= 3 ? all.map((line) => JSON.parse(line) as Record<string, any>) : undefined;
    }, 'three JSON lines');
    expect(lines[0]).toMatchObject({ kind: 'callback', conversation_id: created.json.conversation_id, event_type: 'system.shutdown', forward: { ok: false, status: 500 } });
    expect(lines[0]!.body.properties.shutdown_reason).toBe('end_conversation_endpoint_hit');
    expect(lines[1]).toMatchObject({ kind: 'not_json', size: 15, body: 'not json at all', conversation_id: null });
    expect(lines[2]).toMatchObject({ kind: 'too_large', size: 2 * 1024 * 1024, body: null });
    listener.child.kill('SIGINT');
    expect((await listener.child).exitCode).toBe(0);
  }, 60_000);
});

describe('conversation start --callback-url', () => {
  it("warns when Tavus's cloud cannot reach the URL", async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--callback-url', 'http://127.0.0.1:4242/', '--dry-run'], {
      env: { TAVUS_API_KEY: 'tvs_test_0123456789abcdef' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain("--callback-url: 127.0.0.1 is a local or private address that Tavus's cloud cannot reach, so no callback will arrive.");
    expect(result.stderr).toContain('Dry run: nothing was sent.');
  });
});

describe('webhook trigger', () => {
  it('sends the documented body and prints the answer: 200 is exit 0', async () => {
    const result = await runCli(['webhook', 'trigger', 'application.transcription_ready', '--to', handler.url, '--conversation', 'c123456']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^application\.transcription_ready → http:\/\/127\.0\.0\.1:\d+\/tavus\/callback: 200 in \d+ ms\nhandled 200\n$/);
    expect(handler.received).toHaveLength(1);
    expect(handler.received[0]!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(handler.received[0]!.bytes.toString('utf8'));
    expect(body).toMatchObject({ conversation_id: 'c123456', event_type: 'application.transcription_ready', message_type: 'application', timestamp: expect.any(String) });
    expect(body.properties.transcript[1]).toMatchObject({ role: 'assistant', content: expect.any(String), seconds_from_start: 0, duration: expect.any(Number) });
  });

  it('every documented event, --json', async () => {
    for (const event of ['system.replica_joined', 'system.shutdown', 'application.perception_analysis', 'application.recording_ready', 'replica.training', 'replica.training.error']) {
      const result = await runCli(['webhook', 'trigger', event, '--to', handler.url, '--json']);
      expect(result.exitCode, result.stderr).toBe(0);
      const json = JSON.parse(result.stdout);
      expect(json).toMatchObject({ event_type: event, answer: { ok: true, status: 200 } });
      expect(JSON.parse(handler.received.at(-1)!.bytes.toString('utf8'))).toEqual(json.sent);
    }
    expect(JSON.parse(handler.received.at(-1)!.bytes.toString('utf8'))).toMatchObject({ replica_id: expect.any(String), status: 'error', error_message: expect.any(String) });
  }, 90_000); // six runs of the CLI

  it('a handler answering 500, refusing, or never answering is exit 1', async () => {
    handler.status = 500;
    const failed = await runCli(['webhook', 'trigger', 'system.shutdown', '--to', handler.url]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(/: 500 in \d+ ms\nhandled 500\n/);
    expect(failed.stderr).toMatch(/answered 500/);

    const refused = await runCli(['webhook', 'trigger', 'system.shutdown', '--to', `http://127.0.0.1:${await closedPort()}/`]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/failed: connection refused/);

    handler.status = 'never';
    const silent = await runCli(['webhook', 'trigger', 'system.shutdown', '--to', handler.url, '--timeout', '1']);
    expect(silent.exitCode).toBe(1);
    expect(silent.stdout).toMatch(/failed: no answer within 1 s \(timeout\)/);
  }, 60_000);

  it('an unknown event or a malformed --to is exit 2 and sends nothing', async () => {
    const unknown = await runCli(['webhook', 'trigger', 'conversation.ended', '--to', handler.url]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown event "conversation\.ended"[\s\S]*system\.shutdown/);
    for (const to of ['localhost:3000/hook', 'ftp://127.0.0.1/hook', 'not a url']) {
      const bad = await runCli(['webhook', 'trigger', 'system.shutdown', '--to', to]);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain('--to');
    }
    const missing = await runCli(['webhook', 'trigger', 'system.shutdown']);
    expect(missing.exitCode).toBe(2);
    expect(handler.received).toHaveLength(0);
  }, 60_000);
});
