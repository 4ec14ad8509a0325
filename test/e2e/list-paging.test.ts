// Every paged list command: a page past the end says so and how many there are (not "No … found",
// which reads as an empty account); --page 0 is refused with a hint a person can use.
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';

const { emulator, env } = useEmulator();

/** Each command that prints a paged list, with the noun its messages use and the path it reads. */
const LISTS = [
  { argv: ['persona', 'list'], noun: 'personas', path: '/v2/personas' },
  { argv: ['replica', 'list'], noun: 'replicas', path: '/v2/replicas' },
  { argv: ['conversation', 'list'], noun: 'conversations', path: '/v2/conversations' },
  // Tavus pages documents from 0: the CLI's page 99 is Tavus's 98.
  { argv: ['document', 'list'], noun: 'documents', path: '/v2/documents', sentPage: '98' },
  { argv: ['objectives', 'list'], noun: 'objectives', path: '/v2/objectives' },
  { argv: ['guardrails', 'list'], noun: 'guardrails', path: '/v2/guardrails' },
] as const;

/** Tavus's total for a list, read straight from the emulator. */
async function totalCount(path: string): Promise<number> {
  const response = await fetch(`${emulator.url}${path}`, { headers: { 'x-api-key': emulator.apiKey } });
  return ((await response.json()) as { total_count: number }).total_count;
}

describe('a page past the end', () => {
  it.each(LISTS)('$argv.0 list --page 99 says the page is past the end and how many there are', async (list) => {
    const { argv, noun, path } = list;
    // At least two items, so the count is a plural and the sentence is the common one.
    if (noun === 'conversations') {
      for (let i = 0; i < 2; i++) await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--no-preflight', '--test-mode'], { env });
    }
    if (noun === 'documents') {
      for (const url of ['https://example.com/a', 'https://example.com/b']) await runCli(['document', 'create', url, '--name', url.slice(-1)], { env });
    }
    if (noun === 'objectives' || noun === 'guardrails') {
      for (let i = 0; i < 2; i++) {
        const body =
          noun === 'objectives'
            ? { data: [{ objective_name: `o${i}`, objective_prompt: 'Ask their name.' }] }
            : { name: `g${i}`, data: [{ guardrail_name: `g${i}`, guardrail_prompt: 'Stay polite.' }] };
        await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      }
    }
    const total = await totalCount(path);
    expect(total).toBeGreaterThan(1);
    const pages = Math.ceil(total / 10);
    emulator.requests.length = 0;

    const result = await runCli([...argv, '--page', '99'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Page 99 is past the end: there are ${total} ${noun}, on ${pages} page${pages === 1 ? '' : 's'} of 10. Use --page ${pages === 1 ? '1' : `1 to ${pages}`}, or --all.\n`,
    );
    expect(emulator.requests.map((r) => `${r.method} ${r.path} page=${String(r.query.page)}`)).toEqual([`GET ${path} page=${'sentPage' in list ? list.sentPage : '99'}`]);
  });

  it('counts with --limit, and a single item is "there is 1"', async () => {
    const pages = await runCli(['replica', 'list', '--limit', '2', '--page', '99'], { env });
    const total = await totalCount('/v2/replicas');
    expect(pages.stderr).toContain(`there are ${total} replicas, on ${Math.ceil(total / 2)} pages of 2. Use --page 1 to ${Math.ceil(total / 2)}, or --all.`);

    await runCli(['document', 'create', 'https://example.com/only', '--name', 'only'], { env });
    const one = await runCli(['document', 'list', '--page', '2'], { env });
    expect(one.stderr).toBe('Page 2 is past the end: there is 1 document, on 1 page of 10. Use --page 1, or --all.\n');
  });

  it('an empty account is still "No … found", and --json prints []', async () => {
    const empty = await runCli(['document', 'list', '--page', '3'], { env });
    expect(empty.exitCode).toBe(0);
    expect(empty.stderr).toBe('No documents found.\n');
    const json = await runCli(['replica', 'list', '--page', '99', '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual([]);
  });
});

describe('--page 0', () => {
  it('is exit 2 with a hint that names no giant number, and nothing is sent', async () => {
    const result = await runCli(['replica', 'list', '--page', '0'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('Error: Invalid value "0" for --page: it must be 1 or more.\nHint: Pass a whole number of 1 or more, e.g. --page 2.\n');
    expect(emulator.requests).toHaveLength(0);

    const limit = await runCli(['replica', 'list', '--limit', '500'], { env });
    expect(limit.exitCode).toBe(2);
    expect(limit.stderr).toBe('Error: Invalid value "500" for --limit: it must be at most 100.\nHint: Pass a whole number from 1 to 100, e.g. --limit 10.\n');
  });
});
