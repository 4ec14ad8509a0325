// Start-up: `tavus-ten --version` and `--help` against `node -e 0`. Goals ≤ 1.1× and ≤ 1.15× bare Node.
import { fileURLToPath } from 'node:url';
import { compare, node, report, timeCommand } from './harness.mjs';

const bin = fileURLToPath(new URL('../bin/tavus-ten.js', import.meta.url));
const bare = () => timeCommand([node, '-e', '0']).then((r) => r.ms);

for (const [flag, goal] of [['--version', '≤ 1.1×'], ['--help', '≤ 1.15×']]) {
  const result = await compare(() => timeCommand([node, bin, flag]).then((r) => r.ms), bare);
  report(
    `startup ${flag}`,
    `${result.ratio.toFixed(2)}× \`node -e 0\` (${result.subjectMedian.toFixed(0)} ms vs ${result.baselineMedian.toFixed(0)} ms)`,
    goal,
    `medians over ${result.runs} runs`,
  );
}
