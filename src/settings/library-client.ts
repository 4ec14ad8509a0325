// The library's createTavusClient: the API client with the CLI's two variables as defaults, so a script
// run beside `tavus-ten mock` (or with the same environment as the CLI) needs no options at all.
import { createTavusClient as createClient, type TavusClient, type TavusClientOptions } from '../api/client.js';

// The library reads neither the profile `tavus-ten auth login` saves nor .env, so the CLI's hint would not help.
const LIBRARY_KEY_HINT = 'Pass `apiKey` to createTavusClient, or set TAVUS_API_KEY in the environment.';

/** Options win; otherwise TAVUS_API_KEY and TAVUS_API_BASE_URL from `env` (an empty one counts as unset); no .env file, no saved profile. */
export function createTavusClient(options: TavusClientOptions = {}, env: Record<string, string | undefined> = process.env): TavusClient {
  const apiKey = options.apiKey ?? (env.TAVUS_API_KEY || undefined);
  const baseUrl = options.baseUrl ?? (env.TAVUS_API_BASE_URL || undefined);
  return createClient(
    { ...options, ...(apiKey === undefined ? {} : { apiKey }), ...(baseUrl === undefined ? {} : { baseUrl }) },
    { missingKeyHint: LIBRARY_KEY_HINT },
  );
}
