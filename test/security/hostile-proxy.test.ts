// A proxy that drops or ignores CONNECT (a plain web server set as HTTPS_PROXY by mistake, or one that
// never answers) made undici reconnect in a loop that ignored the timeout and every signal. Each attempt
// is now bounded by its timeout whatever the dispatcher does, and a signal always wins.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { startHostileProxy, type HostileProxy } from '../helpers/hostile.js';
import { startServe } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait.js';

const KEY = 'tvs_hostileproxy0000000000000000';
let proxies: HostileProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  proxies = [];
});
const proxy = async (mode: 'close' | 'web' | 'silent') => {
  const started = await startHostileProxy(mode);
  proxies.push(started);
  return started;
};

describe('a proxy that mishandles CONNECT', () => {
  for (const mode of ['close', 'web', 'silent'] as const) {
    it(`--timeout 3 finishes within a few seconds (${mode})`, async () => {
      const { url } = await proxy(mode);
      const started = Date.now();
      const result = await runCli(['persona', 'list', '--timeout', '3'], { env: { HTTPS_PROXY: url, TAVUS_API_KEY: KEY }, timeoutMs: 15_000 });
      const ms = Date.now() - started;
      expect(result.exitCode, result.stderr).toBeOneOf([1, 6]);
      expect(ms).toBeLessThan(8_000);
    });
  }

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} ends the command within 5 s`, async () => {
      const { url, connections } = await proxy('close');
      const child = startCli(['conversation', 'list', '--timeout', '60'], { env: { HTTPS_PROXY: url, TAVUS_API_KEY: KEY }, timeoutMs: 20_000 });
      await waitFor(() => connections() >= 5, 'five connections to the proxy');
      const sent = Date.now();
      child.kill(signal);
      const result = await child;
      expect(result.exitCode).toBe(code);
      expect(Date.now() - sent).toBeLessThan(5_000);
    });
  }
});

describe('serve behind a proxy that mishandles CONNECT', () => {
  it('one Ctrl-C stops it within 5 s while a create hangs in the proxy', async () => {
    const { url, connections } = await proxy('close');
    const serve = await startServe([], { env: { HTTPS_PROXY: url, TAVUS_API_KEY: KEY, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    const create = fetch(`${serve.url}/api/tavus/conversation/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    await waitFor(() => connections() >= 5, 'five connections to the proxy');
    const sent = Date.now();
    const code = await serve.stop('SIGINT');
    // Stopping a server is no error; nothing reached Tavus, so nothing was left to end.
    expect(code).toBe(0);
    expect(Date.now() - sent).toBeLessThan(5_000);
    await create;
  });

  it('serve --mock never sends the emulator traffic through HTTP_PROXY', async () => {
    const { url, connections } = await proxy('close');
    const serve = await startServe(['--mock'], { env: { HTTP_PROXY: url, HTTPS_PROXY: url } });
    try {
      const answer = await fetch(`${serve.url}/api/tavus/conversation/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(answer.status).toBe(200);
      expect(connections()).toBe(0);
    } finally {
      await serve.stop();
    }
  });
});

describe('loopback never goes through a proxy', () => {
  const { env } = useEmulator();

  it('--mock ignores HTTP_PROXY and HTTPS_PROXY', async () => {
    const { url, connections } = await proxy('close');
    const result = await runCli(['persona', 'list', '--mock', '-q'], { env: { HTTP_PROXY: url, HTTPS_PROXY: url } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toBe('');
    expect(connections()).toBe(0);
  });

  it('an emulator on 127.0.0.1 is reached directly', async () => {
    const { url, connections } = await proxy('close');
    const result = await runCli(['replica', 'list', '-q'], {
      env: { HTTP_PROXY: url, ...env },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(connections()).toBe(0);
  });
});
