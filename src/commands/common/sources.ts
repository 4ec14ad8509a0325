// Where a setting came from, in words for people (auth status, config list) and as JSON for scripts.
import type { Setting } from '../../settings/resolve.js';

/** "TAVUS_API_KEY in the environment", "--api-key flag", "profile "staging" (/…/config.json)", "default". */
export function describeSource(setting: Setting<unknown>): string {
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
