#!/usr/bin/env node
// The published entry: hand argv, the environment and the real streams to the built CLI.
// `--version`, `--help`, `-h` and `help`, each alone, are answered without the CLI's start-up: the
// version from package.json, the root help by dist/root-help.cjs (the same text, from the command table).
// CommonJS (bin/package.json says so), as are dist/root-help.cjs and the CLI's files (dist/package.json):
// no path starts Node's ES module loader, which costs more than the CommonJS one.
'use strict';
const fs = require('node:fs');

const args = process.argv.slice(2);
const only = args.length === 1 ? args[0] : undefined;
if (only === '--version' || only === '-V') {
  // Straight to fd 1: process.stdout would first build a stream (about 20 of Node's modules).
  fs.writeSync(1, `${JSON.parse(fs.readFileSync(`${__dirname}/../package.json`, 'utf8')).version}\n`);
} else if (only === '--help' || only === '-h' || only === 'help') {
  require('../dist/root-help.cjs').printRootHelp();
} else {
  // Node 22.1+ keeps the compiled CLI on disk between runs (Node 20 has no such cache: it starts as before).
  require('node:module').enableCompileCache?.();
  // Not awaited: a run may end with only unref'd work left (a detached browser).
  require('../dist/main.js').main();
}
