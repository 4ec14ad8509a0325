// Which host names are this machine: loopback traffic never goes through a proxy, and plain http
// is acceptable only there.
import { isIP } from 'node:net';

/**
 * `localhost`, `*.localhost`, 127.0.0.0/8 and `::1` (brackets allowed). Names are not resolved:
 * what a name resolves to is the network's say, not ours.
 */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** True for an http(s) URL whose host is loopback; false for anything that does not parse. */
export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
