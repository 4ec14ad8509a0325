// Re-chunks esbuild's split output with rolldown, so a command loads a few files, not fifty.
//
// esbuild gives every set of entry points that shares code a chunk of its own and cannot merge them
// (it has no manual chunking). With one entry per command that made `replica get` load 52 files; Node's
// ES module loader resolves, reads, compiles and links each one, which cost more than their code.
// rolldown takes esbuild's files as its modules and joins two groups of them, named by the sources that
// start them, and leaves every other file as it was (a command's own code still loads only with it):
// - `core`: what every command loads before its handler runs (the CLI, its context and the API client,
//   with zod, commander and chalk);
// - `undici`: the pieces of undici a request needs (src/api/undici.ts loads them together).
// Joining more than that (say, every chunk two commands share) costs more than it saves: their top-level
// code then runs for every command.
// The files are CommonJS (dist/package.json says so): Node's CommonJS loader reads and runs a file in one
// synchronous step, where its ES module loader resolves, links and evaluates each one through promises;
// `replica get` runs 5–10% faster and, on Node 22, peaks 5 MB lower. Each file is strict, as ES modules are.
import { join, relative, sep } from 'node:path';
import { build, RUNTIME_MODULE_ID } from 'rolldown';

/** The sources whose esbuild files, with everything those import statically, form each group. */
const GROUPS = {
  core: ['src/main.ts', 'src/context.ts', 'src/api/client.ts'],
  undici: ['node_modules/undici/lib/dispatcher/dispatcher.js', 'node_modules/undici/lib/dispatcher/agent.js', 'node_modules/undici/lib/api/api-request.js'],
};

/**
 * Reads esbuild's output in `from` (its metafile's paths relative to `root`, as `outdir: from` wrote
 * them) and writes the re-chunked files to `to`: the same entry points (`entries`: name → file in
 * `from`), chunks under `chunks/`. Throws if a group's source is no longer an entry point of its own.
 * Returns, for each file written (relative to `to`), the esbuild files it holds (relative to `from`).
 */
export async function rechunk({ root, from, to, metafile, entries }) {
  /** A path or module id in `from`, as a POSIX path relative to it (`chunks/x.js`). */
  const inStaging = (id) => relative(from, id).split(sep).join('/');
  const outputOf = (path) => inStaging(join(root, path));
  const bySource = new Map(
    Object.entries(metafile.outputs)
      .filter(([, output]) => output.entryPoint)
      // A package's path from its node_modules/, also when node_modules is a link elsewhere.
      .map(([path, output]) => [output.entryPoint.replace(/^.*\bnode_modules\//, 'node_modules/'), path]),
  );
  const claimed = new Set();
  const members = Object.fromEntries(
    Object.entries(GROUPS).map(([name, sources]) => {
      const files = new Set();
      const add = (path) => {
        if (files.has(path) || claimed.has(path)) return;
        files.add(path);
        for (const imported of metafile.outputs[path].imports) if (imported.kind === 'import-statement' && !imported.external) add(imported.path);
      };
      for (const source of sources) {
        const path = bySource.get(source);
        if (!path) throw new Error(`rechunk: ${source} is not an entry point of the esbuild build any more (group ${name})`);
        add(path);
      }
      for (const path of files) claimed.add(path);
      return [name, new Set([...files].map(outputOf))];
    }),
  );
  const result = await build({
    input: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(from, file)])),
    platform: 'node',
    // What esbuild left external (Node's built-ins, @livekit/rtc-node) stays so.
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    output: {
      dir: to,
      format: 'cjs',
      strict: true,
      // esbuild's minified code, joined: only the whitespace between files is left to take out.
      minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
      // A file keeps esbuild's name for it, without esbuild's hash (rolldown adds its own).
      chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/-[A-Z0-9]{8}$/, '')}-[hash].js`,
      codeSplitting: {
        groups: Object.entries(members).map(([name, files]) => ({
          name,
          // rolldown's own helpers (module namespace objects) go with core, loaded before anything uses them.
          test: (id) => files.has(inStaging(id)) || (name === 'core' && id === RUNTIME_MODULE_ID),
        })),
      },
    },
    logLevel: 'warn',
  });
  return Object.fromEntries(
    result.output
      .filter((file) => file.type === 'chunk')
      // Leaves out rolldown's own runtime module, which is no file of esbuild's.
      .map((chunk) => [chunk.fileName, chunk.moduleIds.filter((id) => id.startsWith(from)).map(inStaging)]),
  );
}
