// Secrets are shown as a recognisable mask (`tvs_…a1b2`), never in full.

export function mask(secret: string | undefined): string {
  if (!secret) return '(not set)';
  if (secret.length < 12) return '••••';
  const prefix = /^[A-Za-z]{1,4}[_-]/.exec(secret)?.[0] ?? secret.slice(0, 2);
  return `${prefix}…${secret.slice(-4)}`;
}

/** Replaces every occurrence of the given secrets in text with their masks. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 6 && result.includes(secret)) result = result.split(secret).join(mask(secret));
  }
  return result;
}
