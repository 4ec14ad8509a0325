// Start-up: `tavus-ten --version` and `--help` against `node -e 0`. Goal ≤ 1.2× bare Node.
import { fileURLToPath } from 'node:url';
import { compare, report, timeCommand } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const bare = () => timeCommand([process.execPath, '-e', '0']).then((r) => r.ms);

for (const flag of ['--version', '--help']) {
  const result = await compare(() => timeCommand([process.execPath, bin, flag]).then((r) => r.ms), bare);
  report(
    `startup ${flag}`,
    `${result.ratio.toFixed(2)}× bare Node`,
    '≤ 1.2×',
    `median ${result.subjectMedian.toFixed(1)} ms vs ${result.baselineMedian.toFixed(1)} ms over ${result.runs} runs`,
  );
}
