// The Tavus API base URL: its default and what counts as one. Shared by the settings (which check a
// configured value first, exit 2 through the CLI; `config set` too, before saving one) and the client
// (which guards library callers).
import { isLoopbackHost } from '../net/loopback.js';

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

/**
 * Credentials in the URL would be printed everywhere the URL is (and are never sent: the key goes in
 * a header); a query or fragment mangles every path joined to it; plain http to another machine
 * sends the key in clear (allowed with TAVUS_TEN_ALLOW_HTTP=1, e.g. for a proxy of your own).
 */
export function baseUrlProblem(url: URL, env: Record<string, string | undefined>): { what: string; hint: string } | undefined {
  if (url.username !== '' || url.password !== '') {
    return { what: 'carries a user name or password', hint: `Remove the user:pass@ part; the Tavus key goes in TAVUS_API_KEY (or \`tavus-ten auth login\`).` };
  }
  if (url.search !== '' || url.hash !== '') {
    return { what: 'has a query (?…) or a fragment (#…)', hint: `Give only the scheme, host and path, e.g. ${DEFAULT_BASE_URL}.` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && env.TAVUS_TEN_ALLOW_HTTP !== '1') {
    return {
      what: `is plain http to ${url.hostname}, which would send your API key unencrypted`,
      hint: 'Use https://, or set TAVUS_TEN_ALLOW_HTTP=1 if that address is yours and the network is trusted.',
    };
  }
  return undefined;
}

/** `raw` fit to print: a user name or password in it (`https://user:pw@host`) becomes `•••`. */
export function withoutUserinfo(raw: string): string {
  return raw.replace(/^(\s*[a-z][a-z0-9+.-]*:[/\\]*)[^/\\?#]*@/i, '$1•••@');
}
