// What `serve` gives a browser outside its API: the page and its assets (Daily's, or another mode's),
// each under a Content-Security-Policy that lets it frame only the conversation's origin.
import { json, type Answer } from './answers.js';
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from './page.js';
import { ServeCode } from './protocol.js';

/** A mode's own page and assets (LiveKit's): they replace Daily's at the same paths. */
export interface PageAssets {
  /** GET/HEAD paths it serves instead of Daily's page (`/`, its assets). */
  assets: Record<string, { type: string; body: () => string | Promise<string> }>;
  /** Origins its page connects to (the LiveKit server), for the Content-Security-Policy's connect-src. */
  connectSources: string[];
}

function pageHeaders(frameSources: string[], type: string, connectSources: string[] = []): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    `frame-src ${frameSources.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-type': type,
    'cache-control': 'no-cache',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** The answer to a GET or HEAD outside /api/: `frameSources` are where conversation URLs may point. */
export async function pageAnswer(path: string, frameSources: string[], mode: PageAssets | undefined): Promise<Answer> {
  const asset = mode?.assets[path];
  if (asset) return { status: 200, headers: pageHeaders(frameSources, asset.type, mode!.connectSources), body: await asset.body() };
  switch (path) {
    case '/':
    case '/index.html':
      return { status: 200, headers: pageHeaders(frameSources, 'text/html; charset=utf-8'), body: PAGE_HTML };
    case '/assets/app.js':
      return { status: 200, headers: pageHeaders(frameSources, 'text/javascript; charset=utf-8'), body: PAGE_JS };
    case '/assets/app.css':
      return { status: 200, headers: pageHeaders(frameSources, 'text/css; charset=utf-8'), body: PAGE_CSS };
    case '/favicon.ico':
      return { status: 204, headers: {}, body: '' };
    case '/health':
      return json(200, { code: ServeCode.success, msg: 'ok', data: null });
    default:
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found. The page is at /.\n' };
  }
}
