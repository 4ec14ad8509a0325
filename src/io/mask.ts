// Secrets are shown as a recognisable mask (`tvs_…a1b2`), never in full.

export function mask(secret: string | undefined): string {
  if (!secret) return '(not set)';
  if (secret.length < 12) return '••••';
  const prefix = /^[A-Za-z]{1,4}[_-]/.exec(secret)?.[0] ?? secret.slice(0, 2);
  return `${prefix}…${secret.slice(-4)}`;
}

/**
 * Shorter secrets are not searched for in text: a short secret is usually a word (LiveKit's dev
 * server uses `secret`), and replacing the word garbles sentences, room names and setting names.
 * Output keeps secrets out by construction (it prints masks); this is the last line of defence.
 */
export const MIN_REDACTED_LENGTH = 8;

/** A secret counts only as a whole token: `secret` in `secret-room` or `livekit_api_secret` is not it. */
const TOKEN_CHAR = /[A-Za-z0-9_-]/;

/** Replaces every whole-token occurrence of the given secrets (8 characters or more) with their masks. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < MIN_REDACTED_LENGTH || !result.includes(secret)) continue;
    const parts = result.split(secret);
    result = parts[0]!;
    for (let i = 1; i < parts.length; i++) {
      const before = result.at(-1);
      const after = parts[i]!.charAt(0);
      const whole = (before === undefined || !TOKEN_CHAR.test(before)) && (after === '' || !TOKEN_CHAR.test(after));
      result += (whole ? mask(secret) : secret) + parts[i]!;
    }
  }
  return result;
}
