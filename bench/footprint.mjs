// Install footprint: `npm pack`, then install the tarball into an empty folder: tarball size,
// installed size, number of packages, and install time versus a package with no dependencies.
// Goals: tarball ≤ 1.5 MB, installed ≤ 8 MB, install time ≤ 2× the no-dependency package.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report, timeCommand } from './harness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tt-footprint-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// A cache of its own, offline: the install time is npm's own work, never the network's.
const quiet = ['--no-audit', '--no-fund', '--loglevel=error', '--offline', `--cache=${join(work, 'npm-cache')}`];

// dist/ is built by `npm run bench` first; --ignore-scripts keeps prepack's log out of the JSON.
const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }))[0];
const tarball = join(work, packed.filename);

// The baseline: a package with no dependencies, packed the same way.
const plain = join(work, 'plain');
mkdirSync(plain);
writeFileSync(join(plain, 'package.json'), JSON.stringify({ name: 'plain-pkg', version: '1.0.0', bin: { plain: 'index.js' } }));
writeFileSync(join(plain, 'index.js'), '#!/usr/bin/env node\nconsole.log("hi")\n');
const plainPacked = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: plain, encoding: 'utf8' }))[0];
const plainTarball = join(work, plainPacked.filename);

const install = async (tgz) => {
  const dir = mkdtempSync(join(work, 'install-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}');
  const { ms } = await timeCommand([npm, 'install', ...quiet, tgz], { cwd: dir });
  return { ms, dir };
};

const runs = Number(process.env.BENCH_RUNS ?? 10);
const ours = [];
const theirs = [];
let lastDir = '';
for (let i = 0; i < runs + 1; i++) {
  const a = await install(tarball);
  const b = await install(plainTarball);
  if (i === 0) continue;
  ours.push(a.ms);
  theirs.push(b.ms);
  lastDir = a.dir;
}
const modules = join(lastDir, 'node_modules');
const packages = countPackages(modules);
const installedBytes = dirSize(modules);

report('tarball size', `${(packed.size / 1e6).toFixed(2)} MB`, '≤ 1.5 MB', `${packed.entryCount} files`);
report('installed size', `${(installedBytes / 1e6).toFixed(1)} MB`, '≤ 8 MB', `${packages} packages`);
report(
  'install time',
  `${(median(ours) / median(theirs)).toFixed(2)}× a no-dependency package`,
  '≤ 2×',
  `median ${median(ours).toFixed(0)} ms vs ${median(theirs).toFixed(0)} ms over ${runs} runs`,
);

function dirSize(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += dirSize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

function countPackages(modulesDir) {
  let count = 0;
  for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) count += readdirSync(join(modulesDir, entry.name)).length;
    else count++;
  }
  return count;
}
