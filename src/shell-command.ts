// Commands printed in hints and next steps, so that they can be pasted into a shell and reach the same API.

/** For commands printed in hints: as-is when safe, else double-quoted for POSIX shells. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `"${text.replace(/(["$`\\])/g, '\\$1')}"`;
}

/**
 * The global flags that chose which API a command talked to (see GlobalOptions in src/context.ts). A
 * follow-up command printed for the user must carry them, or it goes elsewhere (or finds no key).
 */
export interface TargetFlags {
  envFile?: string;
  profile?: string;
  baseUrl?: string;
}

/**
 * A `tavus-ten …` command to print as a next step: `words` quoted for a shell, then the target flags the
 * user gave, so that it works as printed from the same directory. A key given with --api-key is never
 * printed (it is a secret): such a user passes it again.
 */
export function tavusTenCommand(words: readonly string[], target: TargetFlags = {}): string {
  const flags = [
    ['--env-file', target.envFile],
    ['--profile', target.profile],
    ['--base-url', target.baseUrl],
  ].flatMap(([flag, value]) => (value === undefined ? [] : [flag!, value]));
  return ['tavus-ten', ...[...words, ...flags].map(shellQuote)].join(' ');
}
