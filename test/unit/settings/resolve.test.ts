import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../src/settings/resolve.js';

function setup(opts: { dotenv?: string; profile?: Record<string, unknown> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tt-settings-'));
  if (opts.dotenv !== undefined) writeFileSync(join(dir, '.env'), opts.dotenv);
  if (opts.profile) writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: opts.profile } }));
  return dir;
}

describe('resolveSettings precedence', () => {
  it('flag > env > .env > profile > default, each with its source', () => {
    const dir = setup({ dotenv: 'TAVUS_API_KEY=from-dotenv\nTAVUS_PERSONA_ID=p_dotenv\n', profile: { api_key: 'from-profile', persona_id: 'p_profile', replica_id: 'r_profile' } });
    const env = { TAVUS_TEN_CONFIG_DIR: dir, TAVUS_API_KEY: 'from-env' };
    const settings = resolveSettings({ flags: {}, env, cwd: dir });
    expect(settings.apiKey).toMatchObject({ value: 'from-env', source: 'env' });
    expect(settings.personaId).toMatchObject({ value: 'p_dotenv', source: 'dotenv' });
    expect(settings.replicaId).toMatchObject({ value: 'r_profile', source: 'profile' });
    expect(settings.baseUrl).toMatchObject({ value: 'https://tavusapi.com', source: 'default' });
    expect(settings.timeout).toMatchObject({ value: 30, source: 'default' });
    const flagged = resolveSettings({ flags: { apiKey: 'from-flag' }, env, cwd: dir });
    expect(flagged.apiKey).toMatchObject({ value: 'from-flag', source: 'flag' });
  });

  it('.env never overrides the real environment', () => {
    const dir = setup({ dotenv: 'TAVUS_API_BASE_URL=https://dotenv.example\n' });
    const settings = resolveSettings({ flags: {}, env: { TAVUS_TEN_CONFIG_DIR: dir, TAVUS_API_BASE_URL: 'https://env.example' }, cwd: dir });
    expect(settings.baseUrl.value).toBe('https://env.example');
  });

  it('accepts alias names, main name wins with a warning when they differ', () => {
    const dir = setup();
    const alias = resolveSettings({ flags: {}, env: { TAVUS_TEN_CONFIG_DIR: dir, TAVUS_PAL_ID: 'p_alias' }, cwd: dir });
    expect(alias.personaId).toMatchObject({ value: 'p_alias', origin: 'TAVUS_PAL_ID' });
    expect(alias.warnings).toEqual([]);
    const both = resolveSettings({ flags: {}, env: { TAVUS_TEN_CONFIG_DIR: dir, TAVUS_PERSONA_ID: 'p_main', TAVUS_PAL_ID: 'p_alias' }, cwd: dir });
    expect(both.personaId.value).toBe('p_main');
    expect(both.warnings[0]).toMatch(/TAVUS_PERSONA_ID and TAVUS_PAL_ID/);
  });

  it('rejects an invalid base URL, timeout or empty id naming the source', () => {
    const dir = setup();
    const env = { TAVUS_TEN_CONFIG_DIR: dir };
    expect(() => resolveSettings({ flags: { baseUrl: 'ftp://x' }, env, cwd: dir })).toThrow(/--base-url/);
    expect(() => resolveSettings({ flags: {}, env: { ...env, TAVUS_TEN_TIMEOUT: '-1' }, cwd: dir })).toThrow(/TAVUS_TEN_TIMEOUT/);
    expect(() => resolveSettings({ flags: { personaId: '  ' }, env, cwd: dir })).toThrow(/--persona/);
  });
});
