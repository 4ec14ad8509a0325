// The library's createTavusClient: the API client with the CLI's two variables as defaults, so a script
// run beside `tavus-ten mock` (or with the same environment as the CLI) needs no options at all.
import { createTavusClient as createClient, type TavusClient, type TavusClientOptions } from '../api/client.js';

/** Options win; otherwise TAVUS_API_KEY and TAVUS_API_BASE_URL (an empty one counts as unset), as the CLI reads them. */
export function createTavusClient(options: TavusClientOptions = {}, env: Record<string, string | undefined> = process.env): TavusClient {
  const apiKey = options.apiKey ?? (env.TAVUS_API_KEY || undefined);
  const baseUrl = options.baseUrl ?? (env.TAVUS_API_BASE_URL || undefined);
  return createClient({ ...options, ...(apiKey === undefined ? {} : { apiKey }), ...(baseUrl === undefined ? {} : { baseUrl }) });
}
