// The proxy variables as the Tavus client uses them (undici's EnvHttpProxyAgent: lower case first, an
// https URL falls back to the http proxy, NO_PROXY skips it), and the one rule for a usable proxy URL,
// which doctor's network.proxy check and the client's refusal share.

/** `proxy.example.com:3128` parses as a URL whose scheme is `proxy.example.com:`: require http(s)://. */
export function isProxyUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value.trim())) return false;
  try {
    return new URL(value.trim()).hostname !== '';
  } catch {
    return false;
  }
}

/** `http://user:pass@proxy:3128` → `http://user:***@proxy:3128`; a lone token is hidden too. */
export function hideCredentials(value: string): string {
  return value.replace(/(\/\/[^:@/]*):[^@]*@/, '$1:***@').replace(/(\/\/)[^:@/]+@/, '$1***@');
}

/** What to do about a proxy variable that is not an http(s) URL (the value is not repeated: it may hold a password). */
export function proxyUrlFix(variable: string): string {
  return `Set ${variable} to a URL such as http://proxy.example.com:3128 (with http://), or unset it.`;
}

/** The variables undici reads when it makes its proxy agents (both, whatever the request), as `[name, value]`. */
export function proxyVariablesInUse(env: Record<string, string | undefined>): Array<[string, string]> {
  const used: Array<[string, string]> = [];
  for (const pair of [['http_proxy', 'HTTP_PROXY'], ['https_proxy', 'HTTPS_PROXY']] as const) {
    const name = pair.find((candidate) => env[candidate] !== undefined);
    if (name !== undefined && env[name] !== '') used.push([name, env[name]!]);
  }
  return used;
}

/** The first proxy variable undici would refuse (its agent throws "Invalid URL" on the first request), if any. */
export function badProxyVariable(env: Record<string, string | undefined>): string | undefined {
  return proxyVariablesInUse(env).find(([, value]) => !isProxyUrl(value))?.[0];
}

/** The proxy a request to `url` goes through, shown without credentials (`http://127.0.0.1:3128`), or undefined. */
export function proxyFor(url: URL, env: Record<string, string | undefined>): { variable: string; shown: string } | undefined {
  const used = new Map(proxyVariablesInUse(env).map(([name, value]) => [name.toUpperCase(), { name, value }]));
  const chosen = (url.protocol === 'https:' ? used.get('HTTPS_PROXY') : undefined) ?? used.get('HTTP_PROXY');
  if (!chosen || !isProxyUrl(chosen.value) || bypassed(url, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  const proxy = new URL(chosen.value.trim());
  return { variable: chosen.name, shown: `${proxy.protocol}//${proxy.host}` };
}

/** NO_PROXY as undici reads it: `*`, or host names (a leading `.` or `*.` for subdomains), each with an optional port. */
function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const match = /^(.+?)(?::(\d+))?$/.exec(entry.toLowerCase());
      if (!match || (match[2] !== undefined && match[2] !== port)) return false;
      const name = match[1]!.replace(/^\*?\./, '');
      return host === name || host.endsWith(`.${name}`);
    });
}
