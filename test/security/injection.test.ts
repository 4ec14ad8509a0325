// Text from a server is data: escape sequences, OSC 8 links, title changes, screen clears, C1 controls
// and bidi overrides in names and messages must never reach the terminal raw; --json escapes them;
// -q prints only values that look like ids. A small hostile Tavus stand-in on 127.0.0.1 serves them.
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTable } from '../../src/io/table.js';
import { runCli } from '../helpers/cli.js';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile.js';

const KEY = 'tvs_injection000000000000000000';
// A title change, a screen clear, an OSC 8 link, a one-character C1 CSI, a bidi override, a carriage return, DEL.
const EVIL = 'evil\u001b]0;pwned\u0007\u001b[2J\u001b]8;;https://x.example/\u001b\\link\u001b]8;;\u001b\\\u009b31m\u202eesrever\u2066\r\u007fend';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let server: HostileServer;
let ids: string[] = ['p1a2b3c4'];
beforeAll(async () => {
  server = await startHostileServer((req, res) => {
    const path = req.url ?? '';
    if (req.method === 'GET' && /^\/v2\/personas(\?|$)/.test(path)) {
      json(res, 200, { data: ids.map((id) => ({ persona_id: id, persona_name: EVIL, pipeline_mode: 'full', created_at: EVIL })), total_count: ids.length });
    } else if (req.method === 'GET' && path.startsWith('/v2/personas/')) {
      json(res, 200, { persona_id: 'p1a2b3c4', persona_name: EVIL, system_prompt: EVIL, pipeline_mode: 'full' });
    } else {
      json(res, 400, { message: `Bad thing: ${EVIL}` });
    }
  });
});
afterAll(() => server.close());

const env = () => ({ TAVUS_API_BASE_URL: server.url, TAVUS_API_KEY: KEY });

describe('control characters from the server never reach the terminal', () => {
  it('list (tab-separated when piped)', async () => {
    const result = await runCli(['persona', 'list'], { env: env() });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('evil');
    expect(result.stdout).not.toMatch(RAW);
    expect(result.stdout).toContain('\\u001b');
  });

  it('field view', async () => {
    const result = await runCli(['persona', 'get', 'p1a2b3c4'], { env: env() });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('evil');
    expect(result.stdout).not.toMatch(RAW);
  });

  it('an error message, in words and in --json', async () => {
    const words = await runCli(['persona', 'delete', 'p1a2b3c4', '--yes'], { env: env() });
    expect(words.exitCode).not.toBe(0);
    expect(words.stderr).toContain('evil');
    expect(words.stderr).not.toMatch(RAW);
    const asJson = await runCli(['persona', 'delete', 'p1a2b3c4', '--yes', '--json'], { env: env() });
    expect(asJson.stderr).not.toMatch(RAW);
    expect(JSON.parse(asJson.stderr.trim().split('\n').at(-1)!).error.message).toContain(EVIL);
  });

  it('with colour forced on, only our own colour codes are raw (list, field view, error)', async () => {
    const colour = { ...env(), NO_COLOR: undefined, FORCE_COLOR: '1' };
    // chalk's codes as tavus-ten writes them: bold, dim, red and their resets.
    const ours = /\u001b\[(?:1|2|22|31|39)m/g;
    const list = await runCli(['persona', 'list'], { env: colour });
    const get = await runCli(['persona', 'get', 'p1a2b3c4'], { env: colour });
    const failed = await runCli(['persona', 'delete', 'p1a2b3c4', '--yes'], { env: colour });
    expect(get.stdout).toContain('\u001b[2mname:');
    expect(failed.stderr).toContain('\u001b[31mError:\u001b[39m');
    for (const text of [list.stdout, get.stdout, failed.stderr]) {
      expect(text).toContain('evil\\u001b]0;pwned\\u0007\\u001b[2J');
      expect(text.replace(ours, '')).not.toMatch(RAW);
    }
  });

  it('--json escapes C1, DEL and bidi controls and stays the same data', async () => {
    const result = await runCli(['persona', 'list', '--json'], { env: env() });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(RAW);
    expect(result.stdout).toContain('\\u009b');
    expect(result.stdout).toContain('\\u202e');
    expect((JSON.parse(result.stdout) as { persona_name: string }[])[0]!.persona_name).toBe(EVIL);
  });
});

describe('-q prints only ids', () => {
  it('refuses an id with a newline or a leading dash, printing nothing', async () => {
    for (const bad of ['p1\np2', '--all-active']) {
      ids = ['p1a2b3c4', bad];
      const result = await runCli(['persona', 'list', '-q'], { env: env() });
      expect(result.exitCode, bad).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/does not look like/);
    }
    ids = ['p1a2b3c4'];
    const good = await runCli(['persona', 'list', '-q'], { env: env() });
    expect(good.stdout).toBe('p1a2b3c4\n');
  });
});

describe('tables stay aligned with CJK and emoji names', () => {
  it('columns start at the same display column on every line', () => {
    const rows = [
      { id: 'p1', name: 'plain', mode: 'full' },
      { id: 'p2', name: '日本語の名前', mode: 'echo' },
      { id: 'p3', name: '👩‍💻 coder 🎉', mode: 'full' },
    ];
    const text = renderTable(rows, [
      { header: 'id', value: (r) => r.id },
      { header: 'name', value: (r) => r.name },
      { header: 'mode', value: (r) => r.mode },
    ], { tty: true });
    const lines = text.trimEnd().split('\n');
    const startOfMode = lines.map((line) => stringWidth(line.slice(0, line.lastIndexOf(' ') + 1)));
    expect(new Set(startOfMode).size, text).toBe(1);
  });

  it('a cell cut to fit never splits a wide character', () => {
    const text = renderTable([{ a: 'x', b: '日本語日本語日本語日本語日本語日本語' }], [
      { header: 'a', value: (r) => r.a },
      { header: 'b', value: (r) => r.b },
    ], { tty: true, width: 20 });
    for (const line of text.trimEnd().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(20);
    expect(text).not.toContain('\uFFFD');
  });
});
