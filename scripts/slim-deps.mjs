// An esbuild plugin that keeps the parts of bundled dependencies tavus-ten never runs out of the bundle,
// or out of a command's start-up, so a command does not parse, compile or run them. Each edit names the
// exact text it changes, and the build fails if a dependency update moves it (then look again).
import { readFile } from 'node:fs/promises';

/** [file path suffix, text, replacement] */
const REPLACES = [
  // undici's HTTP/2 client loads node:http2 (and with it tls and crypto, about 90 built-in modules) as
  // soon as any client exists; tavus-ten never negotiates HTTP/2 (allowH2 is off), so load it only if used.
  [
    'undici/lib/dispatcher/client.js',
    "const connectH2 = require('./client-h2.js')",
    "const connectH2 = (...args) => require('./client-h2.js')(...args)",
  ],
  // commander loads node:child_process (with net, dgram and the stream modules) for executable
  // subcommands, which tavus-ten never defines: about 15 ms of every start-up, --help included.
  [
    'commander/lib/command.js',
    "const childProcess = require('node:child_process');",
    "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  ],
];

/** [file path suffix, (contents) => contents]: edits too large for a text replacement; top-level copies only. */
const TRANSFORMS = [
  // string-width builds a segmenter and Unicode-property regexes (\p{RGI_Emoji} alone takes about
  // 10 ms) as it is imported, though printable ASCII never needs them and --json output never measures
  // text at all: build them on the first string that does.
  ['string-width/index.js', (contents) => deferConstants(contents, {
    names: ['segmenter', 'visibleCharacterRegex', 'spacingMarkRegex', 'rgiEmojiRegex', 'extendedPictographicRegex'],
    before: '\tlet width = 0;\n\tconst eastAsianWidthOptions',
  })],
];

/** Turns top-level `const NAME = …;` lines into bindings set on first use, just before `before`. */
function deferConstants(contents, { names, before }) {
  const inits = [];
  for (const name of names) {
    const line = new RegExp(`^const ${name} = (.+);$`, 'm');
    const match = line.exec(contents);
    if (!match) throw new Error(`no top-level \`const ${name} = …;\` line`);
    inits.push(`${name} = ${match[1]};`);
    contents = contents.replace(line, `let ${name};`);
  }
  if (contents.split(before).length !== 2) throw new Error(`not exactly one ${JSON.stringify(before)}`);
  const init = `\tif (${names[0]} === undefined) { ${inits.join(' ')} }\n`;
  return contents.replace(before, init + before);
}

export const slimDependencies = {
  name: 'slim-dependencies',
  setup(build) {
    const files = [...new Set([...REPLACES, ...TRANSFORMS].map(([file]) => file))];
    const filter = new RegExp(`node_modules[\\\\/](${files.map((file) => file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    build.onLoad({ filter }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      const path = args.path.replaceAll('\\', '/');
      for (const [file, text, replacement] of REPLACES) {
        if (!path.endsWith(file)) continue;
        if (!contents.includes(text)) throw new Error(`slim-dependencies: ${file} no longer contains ${JSON.stringify(text)}`);
        contents = contents.replace(text, replacement);
      }
      for (const [file, transform] of TRANSFORMS) {
        // Another package's own (older) copy under its node_modules is a different file: left as it is.
        if (!path.endsWith(`/node_modules/${file}`) || /\/node_modules\/.*\/node_modules\//.test(path)) continue;
        try {
          contents = transform(contents);
        } catch (error) {
          throw new Error(`slim-dependencies: ${file}: ${error.message}`);
        }
      }
      return { contents, loader: 'js' };
    });
  },
};
