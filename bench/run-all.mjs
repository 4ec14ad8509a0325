// `npm run bench`: every figure, one line each, then a Markdown table for the README.
// `NODE=/path/to/node npm run bench` measures that Node (the harness runs on whichever Node npm uses).
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CLEARED_FROM_ENV, nodeVersion } from './harness.mjs';

const scripts = ['startup', 'one-shot', 'request-overhead', 'paging', 'list-all', 'bulk-end', 'memory', 'footprint', 'livekit-avatar', 'livekit-rtc'];
const only = process.argv.slice(2);
const lines = [];
for (const name of scripts.filter((s) => only.length === 0 || only.includes(s))) {
  const file = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  try {
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    process.stdout.write(out);
    lines.push(...out.trim().split('\n').filter((line) => line.includes('(goal')));
  } catch (error) {
    lines.push(`${name}: failed (goal —) — ${error.message.split('\n')[0]}`);
  }
}
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${nodeVersion()}`;
console.log(`\n| figure | value | goal |\n|---|---|---|`);
for (const line of lines) {
  const match = /^(.*?): (.*) \(goal (.*?)\)/.exec(line);
  if (match) console.log(`| ${match[1]} | ${match[2]} | ${match[3]} |`);
}
const cleared = CLEARED_FROM_ENV.length > 0 ? ` Unset for the runs: ${CLEARED_FROM_ENV.join(', ')}.` : '';
console.log(`\nMachine: ${machine}; ${new Date().toISOString().slice(0, 10)}.${cleared}`);
