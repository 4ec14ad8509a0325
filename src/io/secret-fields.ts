// Keys stored inside the objects we print (a persona's `layers.llm.api_key`, any field named like
// `*api_key`, `*secret` or `*token`): Output masks them in every JSON document it prints, so no
// command has to remember to (see Output.printJson). `--show-secrets` and the few fields a command
// prints on purpose are the exceptions, named where they are printed.
import { mask } from './mask.js';

const SECRET_NAME = /(^|_)(api_key|secret|token)$/i;

/**
 * Named like a secret but printed on purpose everywhere: a `require_auth` conversation's meeting token
 * is the person's way into the room, and the join URL every conversation command prints carries it.
 */
const NOT_SECRET = new Set(['meeting_token']);

/** What mask() prints: `••••`, or a short prefix, `…` and the last four characters. */
const MASKED = /^(••••|[^…]{1,5}…[^…]{4})$/;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.has(name);
}

/**
 * A JSON value with every string under a secret-named key masked (and the value of a JSON Patch
 * operation whose path ends in such a name). `keep` names fields printed as they are; a value that is
 * a mask already stays as it is. What holds no key to mask is returned as it is, not copied: every
 * JSON document goes through here, every item of a 100,000-item list among them.
 */
export function maskKeys(value: unknown, keep: readonly string[] = []): unknown {
  if (Array.isArray(value)) {
    const items = value.map((inner) => maskKeys(inner, keep));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const patchesSecret = typeof record.op === 'string' && typeof record.path === 'string' && isSecretName(record.path.split('/').pop() ?? '');
  const entries = Object.entries(record).map(([key, inner]): [string, unknown] => {
    const secret = (isSecretName(key) && !keep.includes(key)) || (patchesSecret && key === 'value');
    return [key, secret && typeof inner === 'string' && !MASKED.test(inner) ? mask(inner) : maskKeys(inner, keep)];
  });
  // Object.fromEntries defines each key (a `__proto__` key stays a key, as JSON.parse made it).
  return entries.some(([key, inner]) => inner !== record[key]) ? Object.fromEntries(entries) : value;
}

/** JSON paths (`layers.llm.api_key`) of secret-named strings that hold a mask, not a key: a copy of masked output. */
export function maskedKeyPaths(value: unknown, at: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((inner, index) => maskedKeyPaths(inner, [...at, String(index)]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    isSecretName(key) && typeof inner === 'string' && MASKED.test(inner) ? [[...at, key].join('.')] : maskedKeyPaths(inner, [...at, key]),
  );
}
