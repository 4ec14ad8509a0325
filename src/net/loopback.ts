// Which host names are this machine: loopback traffic never goes through a proxy, and plain http
// is acceptable only there.
import { isIP } from 'node:net';

/**
 * `localhost`, `*.localhost` (a trailing dot allowed), 127.0.0.0/8, `::1`, and 127.0.0.0/8 mapped into
 * IPv6 (`::ffff:127.0.0.1`, which a URL writes `[::ffff:7f00:1]`); brackets allowed. Names are not
 * resolved: what a name resolves to is the network's say, not ours.
 */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) !== 6) return false;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(.+)$/.exec(name)?.[1];
  if (mapped === undefined) return false;
  return isIP(mapped) === 4 ? mapped.startsWith('127.') : /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped);
}

/** True for a URL whose host is loopback; false for undefined and for anything that does not parse. */
export function isLoopbackUrl(url: string | URL | undefined): boolean {
  if (url === undefined) return false;
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
