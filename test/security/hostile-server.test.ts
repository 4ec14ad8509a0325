// A hostile Tavus stand-in on 127.0.0.1: a list that never ends, JSON nested beyond any stack,
// a 5 MB error message, a key echoed where a cut would leave half of it, and URLs that must not be opened.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile.js';

const KEY = 'tvs_0123456789abcdef0123456789abcdef';
let servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
const serve = async (answer: Parameters<typeof startHostileServer>[0]) => {
  const server = await startHostileServer(answer);
  servers.push(server);
  return { server, env: { TAVUS_API_BASE_URL: server.url, TAVUS_API_KEY: KEY } };
};

describe('a hostile server', () => {
  it('--all stops when a server claiming a huge total_count repeats its full pages', async () => {
    const page = Array.from({ length: 100 }, (_, i) => ({ persona_id: `p${i}`, persona_name: `n${i}` }));
    const { server, env } = await serve((_req, res) => json(res, 200, { data: page, total_count: 1_000_000 }));
    const result = await runCli(['persona', 'list', '--all', '-q'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/only items it had already sent/);
    expect(server.requests.length).toBeLessThan(10);
  });

  it('JSON nested beyond any stack is an unexpected response (exit 1), never "a bug"', async () => {
    const deep = `{"persona_id":"p1","layers":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    for (const status of [200, 400]) {
      const { env } = await serve((_req, res) => json(res, status, deep));
      const result = await runCli(['persona', 'get', 'p1', '--json'], { env });
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/nested more than 128 levels/);
      expect(result.stderr).not.toMatch(/bug/);
    }
  });

  it('a 5 MB error message is cut', async () => {
    const { env } = await serve((_req, res) => json(res, 400, { message: `bad ${'x'.repeat(5_000_000)}` }));
    const result = await runCli(['persona', 'get', 'p1'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.length).toBeLessThan(3_000);
    expect(result.stderr).toMatch(/more characters not shown/);
  });

  it('a key echoed where the message is cut is masked before the cut', async () => {
    const { env } = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      // The excerpt is cut at 120 characters: on main, 30 characters of the key survived the cut.
      res.end(`Invalid key ${'x'.repeat(76)} ${KEY} rejected`);
    });
    const result = await runCli(['persona', 'create', '--name', 'n', '--system-prompt', 'p'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toContain(KEY.slice(0, 16));
  });
});

describe('URLs from the server are opened only when safe', () => {
  const dirs: { cleanup: () => void }[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.cleanup();
  });

  for (const url of ['javascript:alert(1)', 'file:///etc/passwd', '--new-window=https://x.example', 'http://attacker.example/']) {
    it(`conversation start --open refuses ${url}`, async () => {
      const dir = tempDir('tavus-ten-open-');
      dirs.push(dir);
      const opened = join(dir.path, 'opened');
      const browser = join(dir.path, 'browser.sh');
      writeFileSync(browser, `#!/bin/sh\necho "$@" > ${opened}\n`);
      chmodSync(browser, 0o755);
      const { env } = await serve((req, res) => {
        if (req.method === 'POST') json(res, 200, { conversation_id: 'c123', conversation_url: url, status: 'active' });
        else if ((req.url ?? '').startsWith('/v2/personas/')) json(res, 200, { persona_id: 'p1', persona_name: 'x', pipeline_mode: 'full', default_replica_id: 'r1' });
        else if ((req.url ?? '').startsWith('/v2/replicas/')) json(res, 200, { replica_id: 'r1', replica_name: 'r', status: 'completed' });
        else json(res, 200, { conversation_id: 'c123', conversation_url: url, status: 'active' });
      });
      const result = await runCli(['conversation', 'start', '--persona', 'p1', '--open'], { env: { ...env, BROWSER: browser } });
      expect(result.stderr).toMatch(/Not opening .* only https URLs/);
      expect(existsSync(opened)).toBe(false);
    });
  }
});
