// replica create / rename / delete through the built CLI against the emulator, whose clock the test
// drives: training goes started → completed (or error), --wait follows it, and the training callback
// reaches the callback_url with Tavus's documented body.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

/** Each test runs the built CLI several times: room for a loaded machine. */
const CLI_TEST_MS = 60_000;

const START = Date.parse('2026-06-01T10:00:00Z');
// Real time stands still: only the test moves the emulator's clock (emulator.clock.advance).
const { emulator, env } = useEmulator({ now: () => START });
let receiver: Server;
let receiverUrl: string;
const received: unknown[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tavus`;
});
afterAll(() => new Promise((done) => receiver.close(done)));
beforeEach(() => {
  received.length = 0;
});

const VIDEO = 'https://example.com/training/me.mp4';
const posted = () => emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/replicas');

describe('replica create', () => {
  it('sends the documented body and prints the id (-q), training started', async () => {
    const result = await runCli(
      ['replica', 'create', '--train-video-url', VIDEO, '--consent-video-url', 'https://example.com/consent.mp4', '--name', 'Me', '--model', 'phoenix-3', '--callback-url', receiverUrl, '-q'],
      { env },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const id = result.stdout.trim();
    expect(id).toMatch(/^r[0-9a-f]{11}$/);
    expect(posted()[0]!.body).toEqual({
      train_video_url: VIDEO,
      consent_video_url: 'https://example.com/consent.mp4',
      replica_name: 'Me',
      model_name: 'phoenix-3',
      callback_url: receiverUrl,
    });
    const got = await runCli(['replica', 'get', id, '--json'], { env });
    expect(JSON.parse(got.stdout)).toMatchObject({ replica_id: id, status: 'started', training_progress: '0/100', replica_name: 'Me' });
  }, CLI_TEST_MS);

  it('--wait follows training on the emulator clock to completed; the callback gets {replica_id, status: "ready"}', async () => {
    const child = startCli(['replica', 'create', '--train-video-url', VIDEO, '--callback-url', receiverUrl, '--wait', '--poll-interval', '20', '--json'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/replicas/')), 'the first poll');
    emulator.clock.advance(30);
    await waitFor(() => emulator.requests.some((r) => r.status === 200 && r.path.startsWith('/v2/replicas/r') && r.at >= emulator.clock.now()), 'a poll at half time');
    emulator.clock.advance(31);
    const result = await child;
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const replica = JSON.parse(String(result.stdout)) as { replica_id: string; status: string; training_progress: string };
    expect(replica).toMatchObject({ status: 'completed', training_progress: '100/100' });
    await emulator.callbacksSettled();
    await waitFor(() => received.length > 0, 'the training callback');
    expect(received).toEqual([{ replica_id: replica.replica_id, status: 'ready' }]);
    expect(emulator.callbacks.map((c) => [c.kind, c.url, c.status])).toEqual([['replica.training', receiverUrl, 204]]);
    const viaControlPlane = (await (await fetch(`${emulator.url}/__emulator/callbacks?kind=replica.training`)).json()) as Array<{ body: unknown; status: number }>;
    expect(viaControlPlane).toMatchObject([{ body: { replica_id: replica.replica_id, status: 'ready' }, status: 204 }]);
  }, CLI_TEST_MS);

  it('--wait exits 1 with Tavus\'s error_message when training fails; the callback says error', async () => {
    const child = startCli(['replica', 'create', '--train-video-url', 'https://example.com/fail-no-consent.mp4', '--callback-url', receiverUrl, '--wait', '--poll-interval', '20'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/replicas/')), 'the first poll');
    emulator.clock.advance(60);
    const result = await child;
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toMatch(/failed training: Training failed: the consent statement could not be verified/);
    await waitFor(() => received.length > 0, 'the training callback');
    expect(received[0]).toMatchObject({ status: 'error', error_message: expect.stringMatching(/consent statement/) });
  });

  it('POST /__emulator/clock/advance (as `mock` users drive it) finishes training and sends the callback at once', async () => {
    const id = (await runCli(['replica', 'create', '--train-video-url', VIDEO, '--callback-url', receiverUrl, '-q'], { env })).stdout.trim();
    expect(emulator.state.replicas.get(id)!.status).toBe('started');
    const advanced = await fetch(`${emulator.url}/__emulator/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 60 }) });
    expect(advanced.status).toBe(200);
    expect(emulator.state.replicas.get(id)).toMatchObject({ status: 'completed', training_progress: '100/100' });
    await waitFor(() => received.length > 0, 'the training callback');
    expect(received).toEqual([{ replica_id: id, status: 'ready' }]);
  }, CLI_TEST_MS);

  it('refuses bad flags with exit 2 naming them, and sends nothing', async () => {
    for (const [args, name] of [
      [[], '--train-video-url'],
      [['--train-video-url', VIDEO, '--train-image-url', 'https://example.com/a.png'], '--train-image-url'],
      [['--train-image-url', 'https://example.com/a.png'], '--voice-name'],
      [['--train-video-url', 'ftp://example.com/a.mp4'], '--train-video-url'],
      [['--train-video-url', VIDEO, '--callback-url', 'nope'], '--callback-url'],
    ] as const) {
      const result = await runCli(['replica', 'create', ...args], { env });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain(name);
    }
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('--dry-run prints the request with the key masked and sends nothing', async () => {
    const result = await runCli(['replica', 'create', '--train-image-url', 'https://example.com/a.png', '--voice-name', 'anna', '--dry-run', '--json'], { env });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ method: 'POST', body: { train_image_url: 'https://example.com/a.png', voice_name: 'anna' } });
    expect(result.stdout).not.toContain(emulator.apiKey);
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);

  it('is never retried: a 502 on the create is one POST and an error saying it may exist', async () => {
    emulator.inject({ method: 'POST', path: '/v2/replicas', fault: { kind: 'status', status: 502 } });
    const result = await runCli(['replica', 'create', '--train-video-url', VIDEO], { env });
    expect(result.exitCode).toBe(1);
    expect(posted()).toHaveLength(1);
    expect(result.stderr).toMatch(/replica list/);
  }, CLI_TEST_MS);
});

describe('replica rename and delete', () => {
  it('rename sends PATCH /replicas/{id}/name; delete needs --yes and sends DELETE (hard=true with --hard)', async () => {
    const id = (await runCli(['replica', 'create', '--train-video-url', VIDEO, '-q'], { env })).stdout.trim();
    const renamed = await runCli(['replica', 'rename', id, 'Support agent'], { env });
    expect(renamed.exitCode, renamed.stderr).toBe(0);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/v2/replicas/${id}/name`, body: { replica_name: 'Support agent' } });
    expect(emulator.state.replicas.get(id)!.replica_name).toBe('Support agent');

    emulator.requests.length = 0;
    const refused = await runCli(['replica', 'delete', id], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(emulator.requests).toHaveLength(0);

    const deleted = await runCli(['replica', 'delete', id, '--hard', '--yes', '--json'], { env });
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual([{ replica_id: id, result: 'deleted' }]);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v2/replicas/${id}`, query: { hard: 'true' } });
    expect(emulator.state.replicas.has(id)).toBe(false);
  }, CLI_TEST_MS);

  it('an unknown id is exit 4', async () => {
    expect((await runCli(['replica', 'rename', 'rdoesnotexist', 'x'], { env })).exitCode).toBe(4);
    expect((await runCli(['replica', 'delete', 'rdoesnotexist', '--yes'], { env })).exitCode).toBe(4);
  }, CLI_TEST_MS);

  it("a stock replica is Tavus's: renaming or deleting it is refused as an id the account does not own (exit 4, left as it was)", async () => {
    const before = { ...emulator.state.replicas.get('r90bbd427f71')! };
    const rename = await runCli(['replica', 'rename', 'r90bbd427f71', 'Mine now'], { env });
    expect(rename.exitCode, rename.stderr).toBe(4);
    expect(rename.stderr).toContain('r90bbd427f71');
    expect((await runCli(['replica', 'delete', 'r90bbd427f71', '--yes'], { env })).exitCode).toBe(4);
    expect(emulator.state.replicas.get('r90bbd427f71')).toEqual(before);
  }, CLI_TEST_MS);
});
