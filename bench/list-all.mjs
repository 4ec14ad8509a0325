// `conversation list --all --json` over 100,000 conversations against 1,000, from a minimal local
// Tavus stand-in that answers each page after 50 ms. Goals: peak memory at 100k ≤ 1.3× the same at
// 1k (the array is streamed, not held), and wall ≤ 1.5× the ideal: pages ÷ concurrency × latency
// (tavus-ten fetches the first page, then 4 at a time once total_count is known).
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, node, peakRssKb, report } from './harness.mjs';

const LATENCY_MS = 50;
const PAGE_SIZE = 100; // what `--all` asks for
const CONCURRENCY = 4; // src/api/paginate.ts
const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 3);

/** Conversation n, shaped as Tavus lists them; made on demand so the server holds nothing. */
const conversation = (n, total) => ({
  conversation_id: `c${(total - n).toString(16).padStart(11, '0')}`,
  conversation_name: `Bench conversation ${total - n}`,
  conversation_url: `https://tavus.daily.co/c${n}`,
  status: 'ended',
  callback_url: null,
  replica_id: 'r90bbd427f71',
  persona_id: 'pcb7a34da5fe',
  created_at: new Date(Date.UTC(2026, 0, 1) + (total - n) * 1000).toUTCString(),
  updated_at: new Date(Date.UTC(2026, 0, 1) + (total - n) * 1000).toUTCString(),
});

let total = 0;
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname !== '/v2/conversations') return res.writeHead(404).end();
  const page = Number(url.searchParams.get('page') ?? 1);
  const limit = Number(url.searchParams.get('limit') ?? 10);
  const data = [];
  for (let n = (page - 1) * limit; n < Math.min(page * limit, total); n++) data.push(conversation(n, total));
  const body = JSON.stringify({ data, total_count: total });
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), LATENCY_MS);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tt-bench-'));
const env = { ...process.env, TAVUS_API_BASE_URL: `http://127.0.0.1:${server.address().port}`, TAVUS_API_KEY: 'tvs_bench000000000000000000', TAVUS_TEN_CONFIG_DIR: dir };

async function measure(count) {
  total = count;
  const kb = [];
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = await peakRssKb([node, bin, 'conversation', 'list', '--all', '--json'], { env, cwd: dir });
    ms.push(performance.now() - started);
    kb.push(result.kb);
    bytes = result.stdoutBytes;
  }
  return { kb: median(kb), ms: median(ms), bytes };
}

try {
  const small = await measure(1_000);
  const large = await measure(100_000);
  const ideal = 1 + Math.ceil((100_000 / PAGE_SIZE - 1) / CONCURRENCY); // the first page, then 4 at a time
  const idealMs = ideal * LATENCY_MS;
  report(
    '`conversation list --all --json`, 100,000 vs 1,000, memory',
    `${(large.kb / small.kb).toFixed(2)}× (${(large.kb / 1024).toFixed(0)} MB vs ${(small.kb / 1024).toFixed(0)} MB; ${(large.bytes / 2 ** 20).toFixed(0)} MB of JSON)`,
    '≤ 1.3×',
    `medians over ${RUNS} runs`,
  );
  report(
    '`conversation list --all --json`, 100,000, wall',
    `${(large.ms / idealMs).toFixed(2)}× the ideal (${(large.ms / 1000).toFixed(1)} s vs ${(idealMs / 1000).toFixed(1)} s: ${ideal} rounds of ${LATENCY_MS} ms)`,
    '≤ 1.5×',
    `1,000: ${(small.ms / 1000).toFixed(2)} s; medians over ${RUNS} runs`,
  );
} finally {
  server.close();
}
