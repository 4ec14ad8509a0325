// `--dry-run`: the request a command would send — method, full URL, headers with the key masked,
// body — printed on stdout; nothing is sent. Keys inside the body (`layers.llm.api_key`…) are masked too.
import type { Context } from '../../context.js';
import { mask } from '../../io/mask.js';

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
  const { normalizeBaseUrl, DEFAULT_BASE_URL } = await import('../../api/base-url.js');
  const base = normalizeBaseUrl(ctx.settings.baseUrl.value ?? DEFAULT_BASE_URL);
  const headers: Record<string, string> = { 'x-api-key': mask(ctx.settings.apiKey.value) };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const json: DryRunJson = { dry_run: true, method: request.method, url: `${base}${request.path}`, headers };
  if (request.body !== undefined) json.body = maskKeys(request.body);
  return json;
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
  output.info(output.chalk.dim('Dry run: nothing was sent.'));
}

const SECRET_NAME = /(^|_)(api_key|secret|token)$/i;

/**
 * A copy of a JSON value with every string under a key named like `api_key` masked (and the value of
 * a JSON Patch operation whose path ends in such a name).
 */
export function maskKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const patchesSecret = typeof record.op === 'string' && typeof record.path === 'string' && SECRET_NAME.test(record.path.split('/').pop() ?? '');
  return Object.fromEntries(
    Object.entries(record).map(([key, inner]) => {
      const secret = SECRET_NAME.test(key) || (patchesSecret && key === 'value');
      return [key, secret && typeof inner === 'string' ? mask(inner) : maskKeys(inner)];
    }),
  );
}
