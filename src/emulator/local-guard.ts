// Who may talk to the emulator, a server on the developer's machine: the emulator's own reading of
// what a local dev server accepts. It deliberately shares no code with `serve`'s guard (src/serve),
// so a mistake in that rule shows up as a disagreement in the tests instead of being copied here.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `[::1]:4010` → `::1`, `LOCALHOST.` → `localhost`; undefined for a Host that is not `name[:port]`. */
function hostName(hostHeader: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^\s:/?#@[\]]+)(?::\d{1,5})?$/i.exec(hostHeader.trim());
  if (!match) return undefined;
  return match[1]!.replace(/^\[(.*)\]$/, '$1').toLowerCase().replace(/\.$/, '');
}

/**
 * This machine whatever the network says: `localhost`, `*.localhost` (RFC 6761), 127.0.0.0/8, `::1`, and
 * 127.0.0.0/8 mapped into IPv6 (`::ffff:7f00:1`, as a URL writes `[::ffff:127.0.0.1]`). A bare name, lower
 * case, no brackets.
 */
export function isThisMachine(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (name === '::1') return true;
  const mapped = /^::ffff:(.+)$/.exec(name)?.[1];
  return mapped !== undefined && (isIP(mapped) === 4 ? mapped.startsWith('127.') : /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped));
}

/**
 * A browser sends the name it resolved. A page on evil.example whose name resolves to 127.0.0.1 (DNS
 * rebinding) sends `Host: evil.example`: only this machine's names, the address the emulator was bound
 * to, or (bound to every interface) an IP literal are answered. No Host at all (HTTP/1.0) is no browser.
 */
export function answersHost(hostHeader: string | undefined, boundHost: string): boolean {
  if (hostHeader === undefined) return true;
  const name = hostName(hostHeader);
  if (name === undefined) return false;
  if (isThisMachine(name)) return true;
  const bound = boundHost.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === bound) return true;
  const everyInterface = bound === '0.0.0.0' || bound === '::' || bound === '';
  return everyInterface && isIP(name) !== 0;
}

/**
 * A request from another site's page: it carries an Origin that is not the emulator's own
 * (`http://` + the Host it was sent to). No Origin is a script or a server, not a browser page.
 */
export function isCrossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const host = req.headers.host;
  return host === undefined || origin.toLowerCase() !== `http://${host.toLowerCase()}`;
}
