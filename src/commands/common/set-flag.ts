// `--set /pointer=JSON`: one value to set, as persona update and objectives/guardrails update take it.
import { UsageError } from '../../errors.js';
import { isPointer } from './json-patch.js';

/** `--set /layers/llm/model="gpt-4o"` → pointer and parsed JSON value. Exit 2 naming --set on any problem. */
export function parseSetFlag(raw: string): { pointer: string; value: unknown } {
  const at = raw.indexOf('=');
  const example = `e.g. --set '/layers/llm/model="tavus-gpt-4o"' or --set /layers/llm/speculative_inference=true`;
  if (at < 0) {
    throw new UsageError(`--set ${JSON.stringify(raw)}: expected /json/pointer=JSONVALUE.`, { hint: `Use ${example}.` });
  }
  const pointer = raw.slice(0, at).trim();
  const text = raw.slice(at + 1);
  if (!isPointer(pointer)) {
    throw new UsageError(`--set ${JSON.stringify(raw)}: ${JSON.stringify(pointer)} is not a JSON pointer (it starts with "/", like /persona_name).`, {
      hint: `Use ${example}.`,
    });
  }
  try {
    return { pointer, value: JSON.parse(text) as unknown };
  } catch {
    throw new UsageError(`--set ${pointer}: the value ${JSON.stringify(text)} is not JSON.`, {
      hint: `Strings need JSON quotes inside shell quotes: --set '${pointer}="${text.replace(/^"|"$/g, '').replace(/'/g, '')}"'.`,
    });
  }
}
