// The contract's HTTP behaviour, seen from outside: retries, error classes, exit codes, secrets.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';

const { emulator, env } = useEmulator();

describe('retries', () => {
  it('retries a read after 429 with Retry-After, then succeeds', async () => {
    emulator.inject({ fault: { kind: 'retry-after', retryAfter: '1' }, path: '/v2/replicas/r90bbd427f71' });
    const result = await runCli(['replica', 'get', 'r90bbd427f71', '--json'], { env });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).replica_id).toBe('r90bbd427f71');
    const attempts = emulator.requests.filter((r) => r.path === '/v2/replicas/r90bbd427f71');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('gives up after 3 retries of 503 with exit 1', async () => {
    emulator.inject({ fault: { kind: 'status', status: 503, body: { message: 'busy' } }, path: '/v2/replicas', times: Infinity });
    const result = await runCli(['replica', 'list'], { env });
    expect(result.exitCode).toBe(1);
    expect(emulator.requests.filter((r) => r.path === '/v2/replicas')).toHaveLength(4);
  });

  it('429 after every retry is exit 5', async () => {
    emulator.inject({ fault: { kind: 'retry-after', retryAfter: '0' }, path: '/v2/replicas', times: Infinity });
    const result = await runCli(['replica', 'list', '--json'], { env });
    expect(result.exitCode).toBe(5);
    expect(JSON.parse(result.stderr).error.code).toBe('rate_limited');
  });
});

describe('error classes and exit codes', () => {
  it('401 is exit 3 with a hint to log in', async () => {
    const result = await runCli(['replica', 'list'], { env: { ...env, TAVUS_API_KEY: 'tvs_wrong_key_123456' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/Invalid access token/);
    expect(result.stderr).toMatch(/auth login|TAVUS_API_KEY/);
  });

  it('no key at all is exit 3 and nothing is sent', async () => {
    const result = await runCli(['replica', 'list'], { env: { TAVUS_API_BASE_URL: emulator.url } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/TAVUS_API_KEY/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('an HTML 502 from a proxy is exit 1 with a readable message', async () => {
    emulator.inject({ fault: { kind: 'html', status: 502 }, path: '/v2/replicas', times: Infinity });
    const result = await runCli(['replica', 'list'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/502/);
    expect(result.stderr).not.toMatch(/<html|at .*\.js:\d+/i);
  });

  it('a refused connection is exit 6 naming the host', async () => {
    const port = await closedPort();
    const result = await runCli(['replica', 'list'], { env: { ...env, TAVUS_API_BASE_URL: `http://127.0.0.1:${port}` } });
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1`));
  });

  it('truncated JSON is exit 1, not a crash', async () => {
    emulator.inject({ fault: { kind: 'truncated-json' }, path: '/v2/replicas/r90bbd427f71', times: Infinity });
    const result = await runCli(['replica', 'get', 'r90bbd427f71'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toMatch(/Unexpected error|bug in tavus-ten/);
  });
});

describe('secrets', () => {
  it('--verbose logs each request with the key nowhere in the output', async () => {
    const result = await runCli(['replica', 'list', '--verbose'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v2\/replicas.*200/);
    expect(result.stdout + result.stderr).not.toContain(emulator.apiKey);
  });

  it('a wrong key is never echoed back in the error', async () => {
    const wrong = 'tvs_supersecret_should_not_leak_42';
    const result = await runCli(['replica', 'list', '--verbose', '--json'], { env: { ...env, TAVUS_API_KEY: wrong } });
    expect(result.exitCode).toBe(3);
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
