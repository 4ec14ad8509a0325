// document create / list / get / delete / recrawl through the built CLI against the emulator, whose
// clock the test drives: processing goes started → processing → ready (or error), and --wait follows it.
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, startCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

/** Each test runs the built CLI several times: room for a loaded machine. */
const CLI_TEST_MS = 60_000;

const START = Date.parse('2026-06-01T10:00:00Z');
// Real time stands still: only the test moves the emulator's clock (emulator.clock.advance).
const { emulator, env } = useEmulator({ now: () => START });

const URL_ = 'https://docs.example.com/';

async function create(...args: string[]): Promise<string> {
  const result = await runCli(['document', 'create', ...args, '-q'], { env });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('document create', () => {
  it('sends the documented body (crawl options as the API takes them) and prints the id', async () => {
    const id = await create(URL_, '--name', 'Docs', '--tag', 'docs', '--tag', 'web', '--crawl-depth', '2', '--crawl-max-pages', '20');
    expect(id).toMatch(/^d\d-[0-9a-f]{12}$/);
    expect(emulator.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v2/documents',
      body: { document_url: URL_, document_name: 'Docs', tags: ['docs', 'web'], crawl: { depth: 2, max_pages: 20 } },
    });
  }, CLI_TEST_MS);

  it('--wait follows processing on the emulator clock until ready', async () => {
    const child = startCli(['document', 'create', URL_, '--wait', '--poll-interval', '20', '--json'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/documents/')), 'the first poll');
    emulator.clock.advance(5);
    await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.at >= emulator.clock.now()), 'a poll while processing');
    emulator.clock.advance(6);
    const result = await child;
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(JSON.parse(String(result.stdout))).toMatchObject({ document_url: URL_, status: 'ready' });
  }, CLI_TEST_MS);

  it('--wait exits 1 with the error code when processing fails', async () => {
    const child = startCli(['document', 'create', 'https://example.com/fail.pdf', '--wait', '--poll-interval', '20'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v2/documents/')), 'the first poll');
    emulator.clock.advance(11);
    const result = await child;
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toContain('file_download_failed');
  }, CLI_TEST_MS);

  it('refuses a bad URL or crawl option with exit 2 naming it, and sends nothing', async () => {
    for (const [args, name] of [
      [['not a url'], 'document URL'],
      [[URL_, '--crawl-depth', '11'], '--crawl-depth'],
      [[URL_, '--crawl-max-pages', '0'], '--crawl-max-pages'],
      [[URL_, '--tag', ''], '--tag'],
    ] as const) {
      const result = await runCli(['document', 'create', ...args], { env });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain(name);
    }
    expect(emulator.requests).toHaveLength(0);
  }, CLI_TEST_MS);
});

describe('document list, get, recrawl, delete', () => {
  it('list pages from 1 for the user and sends Tavus its 0-based page; --all walks every page', async () => {
    // Made through the API directly: the CLI's create is tested above, and each run costs a process.
    for (const n of [1, 2, 3]) {
      const body = { document_url: `https://example.com/${n}.pdf`, document_name: `doc ${n}`, tags: [n === 2 ? 'two' : 'other'] };
      await fetch(`${emulator.url}/v2/documents`, { method: 'POST', headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    }
    emulator.requests.length = 0;
    const page = await runCli(['document', 'list', '--limit', '2', '--page', '2', '--json'], { env });
    expect(page.exitCode, page.stderr).toBe(0);
    expect((JSON.parse(page.stdout) as Array<{ document_name: string }>).map((d) => d.document_name)).toEqual(['doc 3']);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ limit: '2', page: '1' });
    const all = await runCli(['documents', 'list', '--all', '-q'], { env });
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
    const tagged = await runCli(['document', 'list', '--tag', 'two', '--json'], { env });
    expect((JSON.parse(tagged.stdout) as Array<{ document_name: string }>).map((d) => d.document_name)).toEqual(['doc 2']);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ tags: 'two' });
  }, CLI_TEST_MS);

  it('get shows the processing state; an unknown id is exit 4', async () => {
    const id = await create(URL_, '--name', 'Docs');
    const got = await runCli(['document', 'get', id], { env });
    expect(got.exitCode).toBe(0);
    expect(got.stdout).toMatch(/status:\s+started/);
    expect((await runCli(['document', 'get', 'd0-000000000000'], { env })).exitCode).toBe(4);
  }, CLI_TEST_MS);

  it('recrawl sends POST …/recrawl (crawl override) and Tavus\'s 409 while processing is an error', async () => {
    const id = await create(URL_, '--crawl-depth', '1');
    const early = await runCli(['document', 'recrawl', id], { env });
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toMatch(/ready' or 'error'/);
    emulator.clock.advance(11);
    emulator.clock.advance(3660); // past the 1-hour cooldown after the first crawl
    const result = await runCli(['document', 'recrawl', id, '--crawl-max-pages', '50', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ document_id: id, status: 'recrawling' });
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v2/documents/${id}/recrawl`, body: { crawl: { max_pages: 50 } } });
  });

  it('recrawl of a document made without crawl settings: Tavus\'s 400 comes with how to crawl it', async () => {
    const id = await create('https://example.com/a.pdf');
    emulator.clock.advance(11);
    const result = await runCli(['document', 'recrawl', id], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('(400 Bad Request: Document was not created with crawl configuration).');
    expect(result.stderr).toContain(`Hint: Document ${id} was made without --crawl-depth or --crawl-max-pages, so there is nothing to recrawl: pass them to crawl its URL now (\`tavus-ten document recrawl ${id} --crawl-depth 1\`)`);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v2/documents/${id}/recrawl`, status: 400 });
    // The hint's command works.
    const crawled = await runCli(['document', 'recrawl', id, '--crawl-depth', '1', '-q'], { env });
    expect(crawled.exitCode, crawled.stderr).toBe(0);
    expect(emulator.requests.at(-1)).toMatchObject({ body: { crawl: { depth: 1 } }, status: 202 });
  });

  it('delete needs --yes, then sends DELETE for each id', async () => {
    const a = await create('https://example.com/a.pdf');
    const b = await create('https://example.com/b.pdf');
    emulator.requests.length = 0;
    expect((await runCli(['document', 'delete', a], { env })).exitCode).toBe(2);
    expect(emulator.requests).toHaveLength(0);
    const result = await runCli(['document', 'rm', a, b, '--yes', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { document_id: a, result: 'deleted' },
      { document_id: b, result: 'deleted' },
    ]);
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v2/documents/${a}`, `DELETE /v2/documents/${b}`]);
  }, CLI_TEST_MS);
});
