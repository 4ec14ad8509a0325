import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, findConfigKey } from '../../../src/settings/profile-keys.js';
import { profileSchema } from '../../../src/settings/profile-store.js';

describe('profile keys', () => {
  it('are exactly the keys a profile can hold', () => {
    expect(CONFIG_KEYS.map((k) => k.key).sort()).toEqual(Object.keys(profileSchema.shape).sort());
  });

  it('accept the flag, variable and short spellings', () => {
    expect(findConfigKey('base_url').key).toBe('base_url');
    expect(findConfigKey('base-url').key).toBe('base_url');
    expect(findConfigKey('TAVUS_API_BASE_URL').key).toBe('base_url');
    expect(findConfigKey('persona').key).toBe('persona_id');
    expect(findConfigKey('TAVUS_PAL_ID').key).toBe('persona_id');
    expect(findConfigKey('replica').key).toBe('replica_id');
    expect(findConfigKey('livekit-api-secret')).toMatchObject({ key: 'livekit_api_secret', secret: true });
    expect(() => findConfigKey('colour')).toThrow(/Unknown config key "colour"/);
  });
});
