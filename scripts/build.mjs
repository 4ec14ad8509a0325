// The published build: the CLI, the client entry and the emulator entry bundled with every runtime
// dependency (so `npx tavus-ten` installs one small package), split so each command group and heavy
// dependency loads only when used; type declarations one file per entry point; third-party licences kept.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import dtsBundleGenerator from 'dts-bundle-generator';
import { bundleLivekitPage } from './browser-bundle.mjs';
import { bundleOptions as sharedBundleOptions } from './bundle-options.mjs';
import { rechunk } from './rechunk.mjs';

// CommonJS: its named export comes off the default.
const { generateDtsBundle } = dtsBundleGenerator;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });

// The LiveKit page's browser script, embedded as a string in the chunk that only `serve --transport livekit` loads.
const livekitPage = await bundleLivekitPage();
const embedLivekitPage = {
  name: 'embed-livekit-page',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /src[\\/]serve[\\/]livekit-script\.ts$/ }, () => ({
      contents: `export async function livekitPageScript() { return ${JSON.stringify(livekitPage.text)}; }`,
      loader: 'js',
    }));
  },
};

// Every bundle of src/ shares bundle-options.mjs; this build also embeds the LiveKit page.
const bundleOptions = { ...sharedBundleOptions, plugins: [embedLivekitPage, ...sharedBundleOptions.plugins] };

// esbuild compiles and splits into a staging folder; rolldown then joins the files every command loads
// (scripts/rechunk.mjs) and writes dist/.
const staging = mkdtempSync(join(tmpdir(), 'tavus-ten-build-'));
const result = await build({
  ...bundleOptions,
  entryPoints: { main: 'src/main.ts', index: 'src/index.ts', 'emulator/index': 'src/emulator/index.ts' },
  outdir: staging,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  metafile: true,
});
let outputs;
try {
  outputs = await rechunk({
    root,
    from: staging,
    to: dist,
    metafile: result.metafile,
    entries: { main: 'main.js', index: 'index.js', 'emulator/index': 'emulator/index.js' },
  });
} finally {
  rmSync(staging, { recursive: true, force: true });
}

// rolldown's whitespace-free files are each one line (core's is 80,000 characters), and Node prints the
// whole line of an uncaught error's throw site: a library user's missing key printed 82 KB of code before
// the message. esbuild re-prints them with a line break after about every 200 characters (a long string
// literal stays whole); nothing else changes.
if (process.env.TAVUS_TEN_BUILD_DEBUG !== '1') {
  for (const file of Object.keys(outputs)) {
    const path = join(dist, file);
    const { code } = await transform(readFileSync(path, 'utf8'), { loader: 'js', charset: 'utf8', minifyWhitespace: true, lineLimit: 200, legalComments: 'none', logLevel: 'warning' });
    writeFileSync(path, code);
  }
}

// `tavus-ten --help` alone (bin/tavus-ten.js): one small file that neither loads commander nor the command
// table, with the root help's layout computed now and compiled in. The layout comes from a bundle of its
// own, run once here and removed: as an entry point of the split build above it would share chunks with
// main.js and give every command one more file to load.
const layoutEntry = join(dist, 'root-help-layout.js');
await build({ ...bundleOptions, entryPoints: { 'root-help-layout': 'src/root-help-layout.ts' }, outdir: 'dist' });
const { rootHelpLayout } = await import(pathToFileURL(layoutEntry).href);
const layout = rootHelpLayout();
rmSync(layoutEntry);
await build({
  absWorkingDir: root,
  entryPoints: { 'root-help': 'src/root-help.ts' },
  outdir: 'dist',
  bundle: true,
  // CommonJS, as the bin that requires it: `--help` then never starts Node's ES module loader.
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: 'node20.19',
  minify: process.env.TAVUS_TEN_BUILD_DEBUG !== '1',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'compiled-root-help-layout',
      setup(pluginBuild) {
        pluginBuild.onLoad({ filter: /src[\\/]root-help-layout\.ts$/ }, () => ({
          contents: `const layout = ${JSON.stringify(layout)}; export function rootHelpLayout() { return layout; }`,
          loader: 'js',
        }));
      },
    },
  ],
});

// The files rechunk wrote are CommonJS (see scripts/rechunk.mjs); the package itself stays "type": "module".
// Written last: the root help's layout bundle above is an ES module run from dist/.
writeFileSync(join(dist, 'package.json'), '{\n  "type": "commonjs"\n}\n');

// `open` runs its own copy of xdg-open where no system one exists; it looks for it beside its code.
const xdgOpen = join(root, 'node_modules/open/xdg-open');
if (existsSync(xdgOpen)) {
  for (const dir of [dist, join(dist, 'chunks')]) copyFileSync(xdgOpen, join(dir, 'xdg-open'));
}

// What each file of dist/ holds (each source and its bytes there): `TAVUS_TEN_BUILD_METAFILE=meta.json npm run build`.
if (process.env.TAVUS_TEN_BUILD_METAFILE) {
  const inputsOf = (esbuildFile) => Object.entries(result.metafile.outputs[relative(root, join(staging, esbuildFile))].inputs);
  const holds = Object.entries(outputs).map(([file, esbuildFiles]) => [
    file,
    Object.fromEntries(esbuildFiles.flatMap(inputsOf).map(([input, { bytesInOutput }]) => [input, bytesInOutput])),
  ]);
  writeFileSync(process.env.TAVUS_TEN_BUILD_METAFILE, JSON.stringify(Object.fromEntries(holds), null, 1));
}
writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicences(result.metafile, livekitPage.metafile));

// Declarations for `import { createTavusClient } from 'tavus-ten'` and 'tavus-ten/emulator': one file per
// entry point, not tsc's one per source file (212 files that made the install 2.3× a no-dependency package's).
const [indexTypes, emulatorTypes] = generateDtsBundle(
  ['src/index.ts', 'src/emulator/index.ts'].map((filePath) => ({
    filePath: join(root, filePath),
    // Only what the entry exports is public, as with tsc's files behind the exports map.
    output: { noBanner: true, exportReferencedTypes: false },
  })),
  { preferredConfigPath: join(root, 'tsconfig.build.json') },
);
writeFileSync(join(dist, 'index.d.ts'), indexTypes);
writeFileSync(join(dist, 'emulator/index.d.ts'), emulatorTypes);

/** Every bundled package's licence text, found from the inputs esbuild read. */
function thirdPartyLicences(...metafiles) {
  const packages = new Map();
  for (const input of metafiles.flatMap((metafile) => Object.keys(metafile.inputs))) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match || packages.has(match[1])) continue;
    const dir = join(root, match[1]);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    packages.set(match[1], {
      name: manifest.name,
      version: manifest.version,
      license: typeof manifest.license === 'string' ? manifest.license : JSON.stringify(manifest.license ?? 'see package'),
      text: licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : '(no licence file in the package)',
    });
  }
  const sections = [...packages.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => `${p.name}@${p.version} — ${p.license}\n\n${p.text}\n`);
  return `tavus-ten bundles the following packages. Their licences follow.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}

console.log(`built ${relative(root, dist)}/ (${Object.keys(outputs).length} files) and declarations`);
