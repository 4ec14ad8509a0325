// --dry-run: the request a command would send, printed with the key masked, and nothing sent.
import type { Context } from '../../context.js';
import { mask } from '../../io/mask.js';

export interface RequestPreview {
  method: string;
  /** Relative to the /v2 base, e.g. `/conversations`. */
  path: string;
  body?: unknown;
}

export async function printRequestPreview(ctx: Context, request: RequestPreview): Promise<void> {
  const { normalizeBaseUrl } = await import('../../api/client.js');
  const url = `${normalizeBaseUrl(ctx.settings.baseUrl.value!)}${request.path}`;
  const headers = { 'x-api-key': mask(ctx.settings.apiKey.value), 'content-type': 'application/json' };
  const { output } = ctx;
  if (output.json) {
    output.printJson({ method: request.method, url, headers, ...(request.body === undefined ? {} : { body: request.body }) });
  } else if (!output.quiet) {
    const lines = [`${request.method} ${url}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
    output.out(`${lines.join('\n')}\n${request.body === undefined ? '' : `\n${JSON.stringify(request.body, null, 2)}\n`}`);
  }
  output.info(output.chalk.dim('Dry run: nothing was sent.'));
}
