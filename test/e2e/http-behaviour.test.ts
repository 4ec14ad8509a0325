// The contract's HTTP behaviour, seen from outside: retries, error classes, exit codes, secrets.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { startHostileProxy } from '../helpers/hostile.js';

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

describe('proxies', () => {
  it('a proxy that refuses the connection is named (without its password), not the API host', async () => {
    const port = await closedPort();
    const result = await runCli(['replica', 'list', '--base-url', 'https://tavusapi.com', '--timeout', '5'], {
      env: { TAVUS_API_KEY: env.TAVUS_API_KEY, HTTPS_PROXY: `http://user:hunter2@127.0.0.1:${port}` },
      timeoutMs: 30_000,
    });
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toContain(`Could not connect to the proxy http://127.0.0.1:${port} (HTTPS_PROXY) on the way to tavusapi.com: connection refused`);
    expect(result.stderr).toMatch(/Hint: Check that the proxy is running and reachable, or fix HTTPS_PROXY/);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toContain('Could not connect to tavusapi.com');
  });

  it('a proxy variable that is not an http(s) URL is exit 2 naming it and the fix, with nothing sent', async () => {
    const recorder = await startHostileProxy('close');
    try {
      // HTTP_PROXY is a working proxy that records connections: nothing reaches it either.
      const result = await runCli(['replica', 'list', '--base-url', 'https://tavusapi.com', '--json'], {
        env: { TAVUS_API_KEY: env.TAVUS_API_KEY, HTTPS_PROXY: 'notaurl', HTTP_PROXY: recorder.url },
      });
      expect(result.exitCode).toBe(2);
      const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!).error;
      expect(error).toMatchObject({ code: 'usage_error', message: expect.stringMatching(/^HTTPS_PROXY is not an http\(s\) URL with a scheme.*nothing was sent\.$/) });
      expect(error.hint).toBe('Set HTTPS_PROXY to a URL such as http://proxy.example.com:3128 (with http://), or unset it.');
      expect(result.stderr).not.toContain('ERR_INVALID_URL');
      expect(recorder.connections()).toBe(0);
    } finally {
      await recorder.close();
    }
    // Loopback (the emulator) never goes through a proxy, so a bad one does not stop it.
    const local = await runCli(['replica', 'list', '-q'], { env: { ...env, HTTPS_PROXY: 'notaurl', HTTP_PROXY: 'notaurl' } });
    expect(local.exitCode, local.stderr).toBe(0);
    expect(emulator.requests.map((r) => r.path)).toEqual(['/v2/replicas']);
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
