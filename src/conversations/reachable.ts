// Can Tavus's cloud reach this URL? A callback (or webhook) URL on localhost, a private address or a
// `.local` name never receives anything from tavusapi.com: the events are silently lost.
import { isPrivateAddress, LOCAL_NAMES } from '../livekit/url.js';

/**
 * Why Tavus's servers cannot reach `url`, as a sentence naming the host; undefined when it may be
 * reachable (a public name or address), or when `url` does not parse (checked elsewhere).
 * `apiBase`: the Tavus API in use. When it is itself local (the emulator, `tavus-ten mock`), the
 * "cloud" runs on this machine and a local URL is fine: undefined.
 */
export function unreachableFromTavus(url: string | URL, apiBase?: string): string | undefined {
  const host = hostOf(url);
  if (host === undefined || !isLocalHost(host)) return undefined;
  const base = apiBase === undefined ? undefined : hostOf(apiBase);
  if (base !== undefined && isLocalHost(base)) return undefined;
  return `${host} is a local or private address that Tavus's cloud cannot reach`;
}

function hostOf(url: string | URL): string | undefined {
  try {
    return (typeof url === 'string' ? new URL(url.trim()) : url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

function isLocalHost(host: string): boolean {
  return LOCAL_NAMES.test(host) || isPrivateAddress(host);
}
