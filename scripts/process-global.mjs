// An esbuild plugin: `import process from 'node:process'` (chalk, env-paths, execa, open and others write
// it) becomes Node's own `process` object. An ES import of node:process makes Node build the module's
// namespace by reading every property of process, and those reads create process.stdin, stdout and
// stderr, process.report and more: about 40 of Node's modules loaded into every command, used or not.

/** The named imports bundled code takes from node:process; the build fails on one not listed here. */
const NAMED = ['execArgv', 'execPath', 'hrtime', 'platform'];

export const processGlobal = {
  name: 'process-global',
  setup(build) {
    // ES imports only: `require('node:process')` (commander) already returns the object itself.
    build.onResolve({ filter: /^(node:)?process$/ }, ({ kind }) =>
      kind === 'import-statement' ? { path: 'process', namespace: 'process-global' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'process-global' }, () => ({
      contents: `const process = globalThis.process;\nexport default process;\nexport const { ${NAMED.join(', ')} } = process;\n`,
      loader: 'js',
    }));
  },
};
