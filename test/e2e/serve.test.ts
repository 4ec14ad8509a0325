// `tavus-ten serve` end to end: the built CLI as a server in front of the emulator. What a caller
// gets (status, TEN envelope, Tavus's words) and what the emulator received (or did not).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creates, useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { post, startServe, type RunningServe } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait.js';

const { emulator, env } = useEmulator({}, () => ({ TAVUS_REPLICA_ID: 'r90bbd427f71' }));
let serve: RunningServe;
const running: RunningServe[] = [];

const CREATE = '/api/tavus/conversation/create';

beforeAll(async () => {
  serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
});
afterAll(async () => {
  await serve.stop();
});
afterEach(async () => {
  for (const extra of running.splice(0)) if (extra.child.exitCode === null) await extra.stop();
});

async function start(args: string[], extraEnv: Record<string, string> = {}): Promise<RunningServe> {
  const started = await startServe(args, { env: { ...env, ...extraEnv } });
  running.push(started);
  return started;
}


describe('POST /api/tavus/conversation/create', () => {
  it("answers exactly TEN's shape and sends the settings' persona and replica with the safe timeouts", async () => {
    const result = await post(serve.url, CREATE, { request_id: 'req-1', greeting: 'Hello from the test' });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/application\/json/);
    expect(Object.keys(result.json).sort()).toEqual(['code', 'data', 'msg']);
    expect(result.json.code).toBe('0');
    expect(result.json.msg).toBe('success');
    expect(Object.keys(result.json.data).sort()).toEqual(['conversation_id', 'conversation_url']);
    const id = result.json.data.conversation_id as string;
    expect(result.json.data.conversation_url).toBe(emulator.state.conversations.get(id)!.conversation_url);

    expect(creates(emulator)).toHaveLength(1);
    const sent = creates(emulator)[0]!;
    expect(sent.headers['x-api-key']).toBe(emulator.apiKey);
    expect(sent.body).toEqual({
      persona_id: 'pcb7a34da5fe',
      replica_id: 'r90bbd427f71',
      conversation_name: 'tavus-ten serve (request req-1)',
      custom_greeting: 'Hello from the test',
      properties: { max_call_duration: 900, participant_absent_timeout: 120, participant_left_timeout: 30 },
    });
    expect(emulator.state.conversations.get(id)!.status).toBe('active');
  });

  it('a persona_id in the body wins over the default; an empty body uses the defaults', async () => {
    await post(serve.url, CREATE, { persona_id: 'p1af207b8189' });
    expect(creates(emulator).at(-1)!.body).toMatchObject({ persona_id: 'p1af207b8189' });
    const empty = await post(serve.url, CREATE);
    expect(empty.status).toBe(200);
    expect(creates(emulator).at(-1)!.body).toMatchObject({ persona_id: 'pcb7a34da5fe', conversation_name: 'tavus-ten serve' });
  });

  it("the concurrency cap is 429 with Tavus's own message, not a generic failure", async () => {
    emulator.seedConversations(3, 'active');
    const result = await post(serve.url, CREATE, {});
    expect(result.status).toBe(429);
    expect(result.json.code).not.toBe('0');
    expect(result.json.msg).toBe('User has reached maximum concurrent conversations');
    expect(result.json.data).toMatchObject({ error: 'concurrency_limit', status: 400 });
    expect(result.json.data.hint).toMatch(/conversation end --all-active/);
  });

  it('no credits is 402, an unknown persona 404, both with Tavus\'s words', async () => {
    emulator.setOutOfCredits(true);
    const credits = await post(serve.url, CREATE, {});
    expect(credits.status).toBe(402);
    expect(credits.json.msg).toBe('The user is out of conversational credits');
    emulator.setOutOfCredits(false);

    const unknown = await post(serve.url, CREATE, { persona_id: 'pdoesnotexist' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.msg).toBe('Invalid persona_id');
    expect(unknown.json.code).not.toBe('0');
  });

  it('Tavus 5xx is 502 and is never retried (a duplicate conversation costs money); no answer in time is 504', async () => {
    emulator.inject({ fault: { kind: 'status', status: 503, body: { message: 'upstream busy' } }, path: '/v2/conversations', method: 'POST' });
    const busy = await post(serve.url, CREATE, {});
    expect(busy.status).toBe(502);
    expect(busy.json.msg).toBe('upstream busy');
    expect(creates(emulator)).toHaveLength(1);

    const slow = await start(['--timeout', '1']);
    emulator.inject({ fault: { kind: 'delay', ms: 1500 }, path: '/v2/conversations', method: 'POST' });
    const timedOut = await post(slow.url, CREATE, {});
    expect(timedOut.status).toBe(504);
    expect(timedOut.json.data.error).toBe('timeout');
    expect(timedOut.json.data.hint).toMatch(/may have been created anyway/);
    // As with Tavus, the late create still happens; let it land before the next test resets.
    await waitFor(() => emulator.state.conversations.size === 1, 'the late create', 5000);
  });

  it('an answer without a conversation_url is 502, and that conversation is ended at once', async () => {
    emulator.inject({
      fault: { kind: 'status', status: 200, body: { conversation_id: 'c0000000livekit', status: 'active' } },
      path: '/v2/conversations',
      method: 'POST',
    });
    const result = await post(serve.url, CREATE, {});
    expect(result.status).toBe(502);
    expect(result.json.msg).toMatch(/c0000000livekit without a conversation_url/);
    expect(result.json.data.hint).toMatch(/Daily/);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v2/conversations/c0000000livekit/end' });
  });

  it("a key Tavus rejects is 502 (the server's configuration), and the key appears nowhere", async () => {
    const key = 'tvs_wrong_key_1234567890abcdef';
    const bad = await start([], { TAVUS_API_KEY: key, TAVUS_PERSONA_ID: 'pcb7a34da5fe' });
    const result = await post(bad.url, CREATE, {});
    expect(result.status).toBe(502);
    expect(result.json.msg).toMatch(/Invalid access token/);
    expect(result.text).not.toContain(key);
    const page = await (await fetch(`${bad.url}/`)).text();
    const script = await (await fetch(`${bad.url}/assets/app.js`)).text();
    expect(page + script).not.toContain(key);
    await bad.stop();
    expect(bad.stderr() + bad.stdout()).not.toContain(key);
    expect(bad.stderr()).toMatch(/tvs_…cdef/);
  });
});

describe('input checks: 4xx and nothing sent to Tavus', () => {
  it('rejects bad JSON, non-objects, wrong types, bad ids, a non-JSON content type and bodies over 16 KB', async () => {
    const cases: Array<[unknown, Record<string, string>, number, RegExp]> = [
      ['{not json', {}, 400, /not valid JSON/],
      ['[1,2]', {}, 400, /JSON object/],
      [{ greeting: 5 }, {}, 400, /greeting must be a string/],
      [{ persona_id: '../../personas' }, {}, 400, /persona_id/],
      [{ greeting: 'x'.repeat(2000) }, {}, 400, /greeting/],
      ['{"greeting":"hi"}', { 'content-type': 'text/plain' }, 415, /JSON/],
      [{ greeting: 'x'.repeat(20_000) }, {}, 413, /16 KB/],
    ];
    for (const [body, headers, status, message] of cases) {
      const result = await post(serve.url, CREATE, body, headers);
      expect(result.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(result.json.code).toBe('10000');
      expect(result.json.msg).toMatch(message);
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it('without a default persona or replica, a request without persona_id or replica_id is 400 naming both; replica_id alone works', async () => {
    const bare = await start([], { TAVUS_REPLICA_ID: '' });
    const result = await post(bare.url, CREATE, {});
    expect(result.status).toBe(400);
    expect(result.json.msg).toMatch(/no persona_id or replica_id/);
    expect(result.json.data.hint).toMatch(/Send persona_id or replica_id.*--persona/);
    expect(emulator.requests).toHaveLength(0);
    await waitFor(() => /No default persona or replica/.test(bare.stderr()), 'the warning', 5000);
    expect(bare.stderr()).toContain('each request must send persona_id or replica_id.');

    const withReplica = await post(bare.url, CREATE, { replica_id: 'r90bbd427f71' });
    expect(withReplica.status).toBe(200);
    expect(creates(emulator)[0]!.body).toMatchObject({ replica_id: 'r90bbd427f71' });
    expect(creates(emulator)[0]!.body).not.toHaveProperty('persona_id');
  });

  it('unknown routes are 404 and wrong methods 405, in the envelope', async () => {
    const missing = await post(serve.url, '/api/tavus/nothing', {});
    expect(missing.status).toBe(404);
    expect(missing.json.code).not.toBe('0');
    const wrong = await fetch(`${serve.url}${CREATE}`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('ending', () => {
  it('POST …/:id/end ends the conversation on Tavus; ending it again is still success', async () => {
    const created = await post(serve.url, CREATE, {});
    const id = created.json.data.conversation_id as string;
    const ended = await post(serve.url, `/api/tavus/conversation/${id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.json).toEqual({ code: '0', msg: 'success', data: { conversation_id: id, status: 'ended' } });
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v2/conversations/${id}/end` });
    expect((await post(serve.url, `/api/tavus/conversation/${id}/end`)).status).toBe(200);
  });

  it("an unknown id is 404 with Tavus's message; a malformed one is 400 and not sent", async () => {
    const unknown = await post(serve.url, '/api/tavus/conversation/cdoesnotexist/end');
    expect(unknown.status).toBe(404);
    expect(unknown.json.msg).toBe('Invalid conversation_id');
    const before = emulator.requests.length;
    const malformed = await post(serve.url, '/api/tavus/conversation/c%2F..%2Fx/end');
    expect(malformed.status).toBe(400);
    expect(emulator.requests).toHaveLength(before);
  });

  it("DELETE /api/tavus/conversation/:id (the TEN example's README) ends it too", async () => {
    const id = (await post(serve.url, CREATE, {})).json.data.conversation_id as string;
    const response = await fetch(`${serve.url}/api/tavus/conversation/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
  });
});

describe('who may call it', () => {
  it("the page's own origin may call the API; any other origin is 403 and nothing is sent", async () => {
    const own = await post(serve.url, CREATE, {}, { origin: serve.url });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    const count = emulator.requests.length;
    const foreign = await post(serve.url, CREATE, {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json.msg).toMatch(/evil\.example/);
    const preflight = await fetch(`${serve.url}${CREATE}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(emulator.requests).toHaveLength(count);
  });

  it('--cors ORIGIN lets that origin call it (preflight and answer carry the CORS headers)', async () => {
    const open = await start(['--cors', 'http://localhost:3000'], { TAVUS_PERSONA_ID: 'pcb7a34da5fe' });
    const preflight = await fetch(`${open.url}${CREATE}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const created = await post(open.url, CREATE, {}, { origin: 'http://localhost:3000' });
    expect(created.status).toBe(200);
    expect(created.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect((await post(open.url, CREATE, {}, { origin: 'http://localhost:3001' })).status).toBe(403);
  });

  it('refuses a foreign Host name (DNS rebinding) before anything else', async () => {
    const count = emulator.requests.length;
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${serve.url}${CREATE}`);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: `rebind.example:${url.port}`, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
    expect(emulator.requests).toHaveLength(count);
  });
});

describe('the page', () => {
  it('is served locally with a strict CSP, and its assets need nothing from elsewhere', async () => {
    const response = await fetch(`${serve.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/frame-src https: http:\/\/127\.0\.0\.1:\d+/);
    const html = await response.text();
    expect(html).toMatch(/id="start"/);
    expect(html).toMatch(/id="end"/);
    expect(html).toMatch(/allow="camera; microphone/);
    // Only same-origin references: no CDN, no build output.
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['/assets/app.css', '/assets/app.js']);
    const js = await fetch(`${serve.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toMatch(/sendBeacon/);
    expect((await fetch(`${serve.url}/assets/app.css`)).status).toBe(200);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('shutting down', () => {
  it('Ctrl-C ends every conversation it started that is still active (and nothing else), then exits 0: stopping a server is no error', async () => {
    const own = await start([], { TAVUS_PERSONA_ID: 'pcb7a34da5fe' });
    const [other] = emulator.seedConversations(1, 'active');
    const a = (await post(own.url, CREATE, {})).json.data.conversation_id as string;
    const b = (await post(own.url, CREATE, {})).json.data.conversation_id as string;
    await post(own.url, `/api/tavus/conversation/${a}/end`);
    const endsBefore = emulator.requests.filter((r) => r.path.endsWith('/end')).length;

    expect(await own.stop('SIGINT')).toBe(0);
    expect(own.stderr()).not.toMatch(/Interrupted|Error:/);
    expect(emulator.state.conversations.get(b)!.status).toBe('ended');
    expect(emulator.state.conversations.get(other!)!.status).toBe('active');
    const ends = emulator.requests.filter((r) => r.path.endsWith('/end')).slice(endsBefore);
    expect(ends.map((r) => r.path)).toEqual([`/v2/conversations/${b}/end`]);
    expect(own.stderr()).toMatch(new RegExp(`Ended 1 conversation this server started: ${b}`));
  });

  it('SIGTERM does the same and exits 0; a create still in flight is waited for and ended too', async () => {
    const own = await start([], { TAVUS_PERSONA_ID: 'pcb7a34da5fe' });
    emulator.inject({ fault: { kind: 'delay', ms: 1500 }, path: '/v2/conversations', method: 'POST' });
    const pending = post(own.url, CREATE, {}).catch(() => undefined);
    await waitFor(() => creates(emulator).length === 1, 'the create to reach the emulator', 5000);
    expect(await own.stop('SIGTERM')).toBe(0);
    await pending;
    const conversations = [...emulator.state.conversations.values()];
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.status).toBe('ended');
  });
});

describe('--mock', () => {
  it("uses the emulator's stock persona when none is set, so the README's first curl works offline", async () => {
    const own = await startServe(['--mock'], { env: { TAVUS_API_BASE_URL: '', TAVUS_API_KEY: '' } });
    running.push(own);
    expect(own.stderr()).toMatch(/persona pcb7a34da5fe \(the emulator's stock persona\)/);
    const result = await post(own.url, CREATE, { greeting: 'Hi!' });
    expect(result.status, result.text).toBe(200);
    expect(result.json.data.conversation_id).toMatch(/^c/);
    expect(await own.stop('SIGINT')).toBe(0);
    expect(own.stderr()).toMatch(/Ended 1 conversation this server started/);
  });
});

describe('flags and start-up', () => {
  it('bad flags are exit 2 naming the flag, and nothing is sent', async () => {
    for (const args of [['--port', 'http'], ['--port', '70000'], ['--host', 'my host'], ['--cors', '*'], ['--cors', 'localhost:3000/app'], ['--max-duration', 'soon']]) {
      const result = await runCli(['serve', ...args], { env });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(args[0]);
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it('no API key is exit 3 before listening', async () => {
    const result = await runCli(['serve', '--port', '0'], { env: { TAVUS_API_BASE_URL: emulator.url } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/TAVUS_API_KEY/);
  });

  it('a port in use is exit 2 with a hint', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = await runCli(['serve', '--port', String(port)], { env });
    blocker.close();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`Port ${port}.*in use`));
    expect(result.stderr).toMatch(/--port/);
  });

  it('--host 0.0.0.0 warns that other machines can spend the credits', async () => {
    const wide = await start(['--host', '0.0.0.0']);
    await waitFor(() => /anyone who can reach this machine/.test(wide.stderr()), 'the warning', 5000);
    expect(wide.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('--open opens the page with the BROWSER command', async () => {
    const dir = tempDir('tavus-ten-open-');
    const opened = `${dir.path}/opened.txt`;
    const browser = `${dir.path}/browser.sh`;
    writeFileSync(browser, `#!/bin/sh\necho "$1" > "${opened}"\n`);
    chmodSync(browser, 0o755);
    const withOpen = await start(['--open'], { BROWSER: browser });
    await waitFor(() => existsSync(opened) && readFileSync(opened, 'utf8').trim() !== '', 'the browser command', 5000);
    expect(readFileSync(opened, 'utf8').trim()).toBe(`${withOpen.url}/`);
    dir.cleanup();
  });

  it('--json prints one document with the URLs; --max-duration changes what is sent', async () => {
    const custom = await start(['--json', '--max-duration', '5m', '--left-timeout', '10']);
    await waitFor(() => custom.stdout().trimEnd().endsWith('}'), 'the JSON document', 5000);
    const printed = JSON.parse(custom.stdout()) as Record<string, string>;
    expect(printed.url).toBe(`${custom.url}/`);
    expect(printed.create_url).toBe(`${custom.url}${CREATE}`);
    await post(custom.url, CREATE, {});
    expect(creates(emulator).at(-1)!.body).toMatchObject({
      properties: { max_call_duration: 300, participant_absent_timeout: 120, participant_left_timeout: 10 },
    });
  });
});
