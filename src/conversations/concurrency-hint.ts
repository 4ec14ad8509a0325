// What to do at the concurrency cap, as a command that works as printed: the flags that chose the API
// (--env-file, --profile, --base-url) go with it. Without them it is the API error's own hint (CONCURRENCY_HINT).
import { tavusTenCommand, type TargetFlags } from '../io/shell-quote.js';

export function concurrencyHint(target?: TargetFlags): string {
  const end = tavusTenCommand(['conversation', 'end', '--all-active', '--yes'], target);
  return `End conversations you no longer need: \`${end}\` (\`--dry-run\` instead of \`--yes\` lists them first).`;
}
