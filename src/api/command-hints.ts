// The API errors' hints that name a command. The client knows no command line, so its errors carry them
// without target flags; conversation start and serve rebuild them with the flags that chose the API
// (--env-file, --profile, --base-url), so that they work as printed.
import { tavusTenCommand, type TargetFlags } from '../shell-command.js';

/** At the concurrency cap. */
export function concurrencyHint(target?: TargetFlags): string {
  const end = tavusTenCommand(['conversation', 'end', '--all-active', '--yes'], target);
  return `End conversations you no longer need: \`${end}\` (\`--dry-run\` instead of \`--yes\` lists them first).`;
}

/** A create whose answer was lost. */
export function conversationMayExistHint(target?: TargetFlags): string {
  const list = tavusTenCommand(['conversation', 'list', '--status', 'active'], target);
  return `The conversation may have been created anyway (it bills until it ends): check with \`${list}\`.`;
}
