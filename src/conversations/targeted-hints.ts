// The API errors' hints that name a command, rebuilt with the flags that chose the API (--env-file,
// --profile, --base-url) so that they work as printed. The client knows no command line: without
// target flags each is the API error's own hint, word for word (a unit test holds them equal).
import { tavusTenCommand, type TargetFlags } from '../io/shell-quote.js';

/** At the concurrency cap (CONCURRENCY_HINT in src/api/classify/status.ts). */
export function concurrencyHint(target?: TargetFlags): string {
  const end = tavusTenCommand(['conversation', 'end', '--all-active', '--yes'], target);
  return `End conversations you no longer need: \`${end}\` (\`--dry-run\` instead of \`--yes\` lists them first).`;
}

/** A create whose answer was lost (CONVERSATION_MAY_EXIST_HINT in src/api/resources/conversations.ts). */
export function conversationMayExistHint(target?: TargetFlags): string {
  const list = tavusTenCommand(['conversation', 'list', '--status', 'active'], target);
  return `The conversation may have been created anyway (it bills until it ends): check with \`${list}\`.`;
}
