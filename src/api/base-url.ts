// The Tavus API base URL: its default and what counts as one. Shared by the settings (which check a
// configured value first, exit 2 through the CLI) and the client (which guards library callers).

/** Tavus's API; the client adds `/v2`. */
export const DEFAULT_BASE_URL = 'https://tavusapi.com';

/** `https://tavusapi.com`, `…/`, `…/v2` and `…/v2/` all mean `https://tavusapi.com/v2`. */
export function normalizeBaseUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  return /\/v2$/i.test(trimmed) ? trimmed : `${trimmed}/v2`;
}

/** Whether `raw` parses as an http:// or https:// URL (the only base URLs the client can call). */
export function isHttpBaseUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
