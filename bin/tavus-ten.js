#!/usr/bin/env node
// The published entry: hand argv, the environment and the real streams to the built CLI.
// `--version` alone is answered here, from package.json, without loading the CLI at all.
// Built-ins through getBuiltinModule, not `import`: an ES import of node:fs evaluates all its exports,
// fs.promises included, which loads about 30 more of Node's modules before anything is printed.
const { readFileSync } = process.getBuiltinModule('node:fs');
const module = process.getBuiltinModule('node:module');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Node 22.1+ keeps the compiled CLI on disk between runs (Node 20 has no such cache: it starts as before).
  module.enableCompileCache?.();
  // Not awaited at the top level: a run may end with only unref'd work left (a detached browser).
  import('../dist/main.js').then(({ main }) => main());
}
