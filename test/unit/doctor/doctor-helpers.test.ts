// Pure parts of doctor: the engines range, name aliases, proxy credentials, the LiveKit API origin.
import { describe, expect, it } from 'vitest';
import { checkNodeVersion } from '../../../src/commands/doctor/environment.js';
import { hideCredentials } from '../../../src/net/proxy.js';
import { apiOrigin } from '../../../src/livekit/server.js';
import { checkNameAliases } from '../../../src/commands/doctor/names.js';
import { satisfies } from '../../../src/commands/doctor/node-range.js';

describe('satisfies', () => {
  it.each([
    ['v20.19.0', '>=20.19', true],
    ['v20.18.3', '>=20.19', false],
    ['v22.1.0', '>=20.19', true],
    ['v20.19.2', '^20.19.0 || >=22.12', true],
    ['v22.11.0', '^20.19.0 || >=22.12', false],
    ['v23.0.0', '>=20 <23', false],
    ['v21.5.0', '20.x', false],
    ['v20.5.0', '20.x', true],
    ['v20.20.0', '~20.19', false],
    ['v0.2.9', '^0.2.3', true],
    ['v0.3.0', '^0.2.3', false],
  ])('%s in %s → %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('is undefined for what it cannot read', () => {
    expect(satisfies('v20.1.0', 'latest')).toBeUndefined();
    expect(satisfies('nonsense', '>=20')).toBeUndefined();
  });

  it('makes the node.version check fail below the range with the fix', () => {
    expect(checkNodeVersion('v18.19.0', '>=20.19')).toMatchObject({ status: 'fail', hint: expect.stringMatching(/>=20\.19/) });
    expect(checkNodeVersion('v20.19.0', '>=20.19')).toMatchObject({ status: 'pass' });
  });
});

describe('checkNameAliases', () => {
  const env = (values: Record<string, string>) => [{ where: 'the environment', values }];

  it('passes with the main names only', () => {
    expect(checkNameAliases(env({ TAVUS_PERSONA_ID: 'p1', TAVUS_REPLICA_ID: 'r1' })).status).toBe('pass');
  });

  it('warns about an alias used alone, and about differing pairs', () => {
    const alone = checkNameAliases(env({ TAVUS_PAL_ID: 'p1' }));
    expect(alone).toMatchObject({ status: 'warn', hint: expect.stringMatching(/rename TAVUS_PAL_ID to TAVUS_PERSONA_ID/i) });
    const differ = checkNameAliases(env({ TAVUS_REPLICA_ID: 'r1', TAVUS_FACE_ID: 'r2' }));
    expect(differ.status).toBe('warn');
    expect(differ.message).toMatch(/differ; tavus-ten uses TAVUS_REPLICA_ID/);
  });

  it('says the alias wins when it sits in a higher layer, as the settings resolver does', () => {
    const layers = [
      { where: 'the environment', values: { TAVUS_PAL_ID: 'p2' } },
      { where: '/x/.env', values: { TAVUS_PERSONA_ID: 'p1' } },
    ];
    expect(checkNameAliases(layers).message).toMatch(/tavus-ten uses TAVUS_PAL_ID/);
  });
});

describe('small helpers', () => {
  it('hides proxy credentials', () => {
    expect(hideCredentials('http://user:s3cret@proxy:3128')).toBe('http://user:***@proxy:3128');
    expect(hideCredentials('http://tok3n@proxy:3128')).toBe('http://***@proxy:3128');
    expect(hideCredentials('http://proxy:3128')).toBe('http://proxy:3128');
  });

  it('maps a LiveKit URL to its server API origin', () => {
    expect(apiOrigin('wss://p.livekit.cloud/rtc')).toBe('https://p.livekit.cloud');
    expect(apiOrigin('ws://127.0.0.1:7880')).toBe('http://127.0.0.1:7880');
    expect(apiOrigin('https://lk.example.com')).toBe('https://lk.example.com');
    expect(apiOrigin('not a url')).toBeUndefined();
    expect(apiOrigin('ftp://x')).toBeUndefined();
  });
});
