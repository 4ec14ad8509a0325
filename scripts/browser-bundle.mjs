// The LiveKit page's browser script: src/serve/browser/livekit-page.ts with livekit-client, bundled into
// one classic script (IIFE) for the browsers LiveKit supports. `serve` serves it itself (no CDN), so
// the page works under its strict Content-Security-Policy (script-src 'self').
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The bundled script as text; `minify` false keeps it readable for debugging. */
export async function bundleLivekitPage({ minify = true } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/serve/browser/livekit-page.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  return { text: result.outputFiles[0].text, metafile: result.metafile };
}
