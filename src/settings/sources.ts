// Where a setting came from (flag > env > .env > profile > default), and the one way of saying so: in
// messages ("from TAVUS_API_KEY"), in auth status and config list ("TAVUS_API_KEY in the environment"),
// and as JSON for scripts.

export type SettingSource = 'flag' | 'env' | 'dotenv' | 'profile' | 'default' | 'mock';

export interface Setting<T = string> {
  value: T | undefined;
  source: SettingSource | undefined;
  /** Where exactly: the flag, the variable, the .env path, the profile name. */
  origin: string | undefined;
}

/**
 * `short` names the place alone, for "(from …)" in a message: `TAVUS_API_KEY`, `--profile`,
 * `TAVUS_API_KEY in /…/.env`, `profile "staging" (/…/config.json)`, `default`.
 * `long` also says what kind of place it is, for a list of settings: `TAVUS_API_KEY in the environment`,
 * `--api-key flag`, `--mock (the in-process emulator)`, `not set`.
 */
export function describeSource(setting: Setting<unknown>, form: 'short' | 'long' = 'short'): string {
  if (form === 'short') return setting.origin ?? setting.source ?? 'unset';
  switch (setting.source) {
    case 'flag':
      return `${setting.origin ?? 'a'} flag`;
    case 'env':
      return `${setting.origin ?? 'a variable'} in the environment`;
    case 'dotenv':
    case 'profile':
      return setting.origin ?? setting.source;
    case 'mock':
      return '--mock (the in-process emulator)';
    case 'default':
      return 'default';
    default:
      return 'not set';
  }
}

/** The JSON shape of a setting's provenance: `{source, origin}` with nulls, never undefined. */
export function sourceJson(setting: Setting<unknown>): { source: string | null; origin: string | null } {
  return { source: setting.source ?? null, origin: setting.origin ?? null };
}
