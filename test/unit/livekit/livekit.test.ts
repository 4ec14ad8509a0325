import { TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { mintAvatarToken, mintJoinToken, meetLink } from '../../../src/livekit/token.js';
import { checkLivekitUrl } from '../../../src/livekit/url.js';

const credentials = { apiKey: 'APIkey123', apiSecret: 'secret-that-is-long-enough-for-hs256-0123456789' };

describe('checkLivekitUrl', () => {
  it.each([
    ['wss://my-project.livekit.cloud', true],
    ['https://lk.example.com', true],
    ['ws://lk.example.com', true],
    ['wss://localhost:7880', false],
    ['ws://127.0.0.1:7880', false],
    ['wss://192.168.1.20', false],
    ['wss://10.0.0.5', false],
    ['wss://172.20.1.1', false],
    ['wss://[::1]:7880', false],
    ['wss://livekit.local', false],
    ['ftp://lk.example.com', false],
    ['not a url', false],
    ['', false],
  ])('%s → ok=%s', (url, ok) => {
    expect(checkLivekitUrl(url).ok).toBe(ok);
  });

  it('warns about unencrypted ws://', () => {
    const verdict = checkLivekitUrl('ws://lk.example.com');
    expect(verdict.ok && verdict.warning).toMatch(/wss:\/\//);
  });
});

describe('tokens', () => {
  it('mints the avatar token as the LiveKit avatar plugins do', async () => {
    const minted = await mintAvatarToken(credentials, { room: 'demo', agentIdentity: 'ten-agent', ttlSeconds: 1200 });
    const claims = await new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(minted.token);
    expect(claims.sub).toBe('tavus-avatar-agent');
    expect(claims.name).toBe('tavus-avatar-agent');
    expect(claims.kind).toBe('agent');
    expect(claims.video).toMatchObject({ roomJoin: true, room: 'demo' });
    expect(claims.attributes).toEqual({ 'lk.publish_on_behalf': 'ten-agent' });
    expect(claims.exp! - claims.nbf!).toBe(1200);
  });

  it('mints a join token and a Meet link', async () => {
    const minted = await mintJoinToken(credentials, { room: 'demo', identity: 'me', ttlSeconds: 3600 });
    const claims = await new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(minted.token);
    expect(claims.video).toMatchObject({ roomJoin: true, room: 'demo', canPublish: true });
    const link = new URL(meetLink('wss://x.livekit.cloud', minted.token));
    expect(link.origin + link.pathname).toBe('https://meet.livekit.io/custom');
    expect(link.searchParams.get('liveKitUrl')).toBe('wss://x.livekit.cloud');
    expect(link.searchParams.get('token')).toBe(minted.token);
  });

  it('a token signed with another secret does not verify', async () => {
    const minted = await mintJoinToken(credentials, { room: 'demo', identity: 'me', ttlSeconds: 60 });
    await expect(new TokenVerifier(credentials.apiKey, 'another-secret-that-is-long-enough-000000').verify(minted.token)).rejects.toThrow();
  });
});
