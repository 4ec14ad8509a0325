// The LiveKit page's browser script (livekit-client and the page's code, see scripts/browser-bundle.mjs).
// scripts/build.mjs replaces this module with one holding the bundle as a string, in a chunk of its own
// that only LiveKit mode loads; run from the sources (in-process tests), it bundles on the spot.
export async function livekitPageScript(): Promise<string> {
  // A computed specifier: type-checking and bundling leave the build script alone.
  const specifier = new URL('../../scripts/browser-bundle.mjs', import.meta.url).href;
  const { bundleLivekitPage } = (await import(specifier)) as { bundleLivekitPage: () => Promise<{ text: string }> };
  return (await bundleLivekitPage()).text;
}
