// `--dry-run`: the request a command would send — method, full URL, headers with the key masked,
// body — printed on stdout; nothing is sent. Keys inside the body (`layers.llm.api_key`…) are masked too.
// With --mock the URL shows the emulator's address with `<port>` for its port, which it picks when it
// starts: a preview does not start it (nor would a port that dies with this run be worth printing).
import type { Context } from '../../context.js';
import { mask } from '../../io/mask.js';
import { maskKeys } from '../../io/secret-fields.js';
import { MOCK_API_KEY, MOCK_PREVIEW_BASE_URL } from '../../tavus-target.js';

export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the /v2 base, e.g. `/personas`. */
  path: string;
  body?: unknown;
}

/** The JSON form printed under --json: `{dry_run, method, url, headers, body}`. */
export interface DryRunJson {
  dry_run: true;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export async function describeRequest(ctx: Context, request: PlannedRequest): Promise<DryRunJson> {
  const { normalizeBaseUrl } = await import('../../api/base-url.js');
  const target = ctx.global.mock ? { baseUrl: MOCK_PREVIEW_BASE_URL, apiKey: MOCK_API_KEY } : await configured(ctx);
  const base = normalizeBaseUrl(target.baseUrl);
  const headers: Record<string, string> = { 'x-api-key': mask(target.apiKey) };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const json: DryRunJson = { dry_run: true, method: request.method, url: `${base}${request.path}`, headers };
  if (request.body !== undefined) json.body = maskKeys(request.body);
  return json;
}

async function configured(ctx: Context): Promise<{ baseUrl: string; apiKey: string | undefined }> {
  const { baseUrl, apiKey } = await ctx.tavus();
  return { baseUrl: baseUrl.value, apiKey: apiKey.value };
}

/** Prints the request (JSON under --json, nothing under -q) and says on stderr that nothing was sent. */
export async function printDryRun(ctx: Context, request: PlannedRequest): Promise<void> {
  const described = await describeRequest(ctx, request);
  const { output } = ctx;
  if (output.json) output.printJson(described);
  else if (!output.quiet) {
    const head = [`${described.method} ${described.url}`, ...Object.entries(described.headers).map(([name, value]) => `${name}: ${value}`)];
    const body = described.body === undefined ? '' : `\n${JSON.stringify(described.body, null, 2)}\n`;
    output.out(`${head.join('\n')}\n${body}`);
  }
  const mock = ctx.global.mock ? " (--mock: <port> stands for the emulator's, picked when it starts)" : '';
  output.info(output.chalk.dim(`Dry run: nothing was sent${mock}.`));
}
