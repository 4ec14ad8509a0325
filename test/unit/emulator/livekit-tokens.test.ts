// LiveKit conversations in the emulator: the room token is judged as a LiveKit server would, and the
// verdict shows in the conversation's events. checkRoomToken is held against livekit-server-sdk's own
// TokenVerifier so the two readings cannot drift apart.
import { createHmac } from 'node:crypto';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { checkRoomToken, type RoomTokenProblem } from '../../../src/emulator/livekit-tokens.js';
import { client } from './helpers.js';

const credentials = { apiKey: 'APIemuKey01', apiSecret: 'emulator-livekit-secret-0123456789abcdef' };
const nowS = () => Math.floor(Date.now() / 1000);

/** A JWT with exactly these claims, signed HS256 with `secret` (for shapes AccessToken will not make). */
function signed(claims: Record<string, unknown>, secret = credentials.apiSecret, header: Record<string, unknown> = { alg: 'HS256' }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const good = (extra: Record<string, unknown> = {}) =>
  signed({ iss: credentials.apiKey, sub: 'tavus-avatar-agent', nbf: nowS() - 5, exp: nowS() + 600, video: { roomJoin: true, room: 'demo' }, ...extra });

/** The same signature over a payload with some claims changed. */
function tampered(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

async function sdkToken(grant: Record<string, unknown>, opts: { secret?: string; key?: string; ttl?: number } = {}): Promise<string> {
  const token = new AccessToken(opts.key ?? credentials.apiKey, opts.secret ?? credentials.apiSecret, { identity: 'tavus-avatar-agent', ttl: opts.ttl ?? 600 });
  token.addGrant(grant);
  return token.toJwt();
}

describe('checkRoomToken', () => {
  const cases: Array<[string, () => Promise<string> | string, RoomTokenProblem | 'ok']> = [
    ['a token minted by livekit-server-sdk', () => sdkToken({ roomJoin: true, room: 'demo' }), 'ok'],
    ['another secret', () => sdkToken({ roomJoin: true, room: 'demo' }, { secret: 'not-the-secret-0123456789abcdefghij' }), 'bad_signature'],
    ['another API key', () => sdkToken({ roomJoin: true, room: 'demo' }, { key: 'APIsomeoneElse' }), 'unknown_api_key'],
    ['a payload changed after signing (another room)', () => tampered(good(), { video: { roomJoin: true, room: 'someone-elses-room' } }), 'bad_signature'],
    ['an expired token', () => good({ nbf: nowS() - 7200, exp: nowS() - 3600 }), 'expired'],
    ['a token not valid yet', () => good({ nbf: nowS() + 3600 }), 'not_yet_valid'],
    ['no exp at all', () => good({ exp: undefined }), 'malformed_token'],
    ['alg none', () => signed({ iss: credentials.apiKey, exp: nowS() + 60 }, credentials.apiSecret, { alg: 'none' }), 'malformed_token'],
    ['not a JWT', () => 'tok', 'malformed_token'],
  ];

  it.each(cases)('%s: agrees with TokenVerifier', async (_name, make, expected) => {
    const token = await make();
    const verdict = checkRoomToken(token, { credentials, nowMs: Date.now() });
    expect(verdict.ok ? 'ok' : verdict.problem).toBe(expected);
    const sdk = await new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(token).then(
      () => 'ok',
      () => 'rejected',
    );
    expect(sdk).toBe(expected === 'ok' ? 'ok' : 'rejected');
  });

  it('then asks for the grants a join needs: an identity, roomJoin, a room', async () => {
    const problem = async (token: string | Promise<string>) => {
      const verdict = checkRoomToken(await token, { credentials, nowMs: Date.now() });
      return verdict.ok ? 'ok' : verdict.problem;
    };
    expect(await problem(sdkToken({ room: 'demo', canPublish: true }))).toBe('no_room_join');
    expect(await problem(sdkToken({ roomJoin: true }))).toBe('no_room');
    expect(await problem(good({ sub: undefined }))).toBe('no_identity');
    // All three verify as signed tokens: it is the join that a LiveKit server refuses.
    for (const token of [await sdkToken({ room: 'demo' }), await sdkToken({ roomJoin: true })]) {
      await expect(new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(token)).resolves.toBeTruthy();
    }
  });

  it('without credentials it cannot check the key or signature, but still the expiry and grants', async () => {
    const foreign = await sdkToken({ roomJoin: true, room: 'demo' }, { secret: 'not-the-secret-0123456789abcdefghij', key: 'APIother' });
    expect(checkRoomToken(foreign, { nowMs: Date.now() })).toEqual({ ok: true, room: 'demo', identity: 'tavus-avatar-agent', signatureChecked: false });
    expect(checkRoomToken(good({ exp: nowS() - 60 }), { nowMs: Date.now() })).toMatchObject({ ok: false, problem: 'expired' });
  });

  it("uses the emulator's clock, with LiveKit's 10 s leeway", () => {
    const exp = nowS() + 60;
    const token = good({ exp });
    expect(checkRoomToken(token, { credentials, nowMs: (exp + 9) * 1000 }).ok).toBe(true);
    expect(checkRoomToken(token, { credentials, nowMs: (exp + 10) * 1000 })).toMatchObject({ ok: false, problem: 'expired' });
  });
});

describe('POST /v2/conversations with livekit properties', () => {
  // The real clock plus what a test adds: tokens are minted on the real clock (nbf = now).
  let offsetMs = 0;
  const clock = { now: () => Date.now() + offsetMs, advance: (ms: number) => void (offsetMs += ms) };
  const { emulator } = useEmulator({ livekit: credentials, now: clock.now, concurrency: 1 });
  const call = client(emulator);
  beforeEach(() => {
    offsetMs = 0;
  });

  async function startIn(properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const created = await call('POST', '/v2/conversations', { body: { persona_id: 'pb87e71797da', properties, ...extra } });
    expect(created.status).toBe(200);
    const after = await call('GET', `/v2/conversations/${created.json.conversation_id}?verbose=true`);
    return { created: created.json, after: after.json };
  }

  it('a good token: created active, no room_url, the avatar joins the room', async () => {
    const { created, after } = await startIn({ livekit_ws_url: 'wss://demo.livekit.cloud', livekit_room_token: await sdkToken({ roomJoin: true, room: 'demo' }) });
    expect(created.status).toBe('active');
    expect(created.room_url).toBeUndefined();
    expect(after.status).toBe('active');
    expect(after.events).toEqual([
      expect.objectContaining({
        event_type: 'system.replica_joined',
        properties: { transport: 'livekit', room: 'demo', identity: 'tavus-avatar-agent', token_signature_checked: true },
      }),
    ]);
  });

  it.each([
    ['a bad signature', { secret: 'not-the-secret-0123456789abcdefghij' }, { roomJoin: true, room: 'demo' }, 'bad_signature', /signature does not match/],
    ['no roomJoin grant', {}, { room: 'demo', canSubscribe: true }, 'no_room_join', /does not grant roomJoin/],
    ['no room', {}, { roomJoin: true }, 'no_room', /names no room/],
  ])('%s: Tavus answers active, then the conversation ends with the reason', async (_name, opts, grant, problem, reason) => {
    const { created, after } = await startIn({ livekit_ws_url: 'wss://demo.livekit.cloud', livekit_room_token: await sdkToken(grant, opts) });
    expect(created.status).toBe('active');
    expect(after.status).toBe('ended');
    expect(after.events.map((e: { event_type: string }) => e.event_type)).toEqual(['system.shutdown']);
    expect(after.events[0].properties.livekit_error).toBe(problem);
    expect(after.events[0].properties.shutdown_reason).toMatch(/^livekit_join_failed: /);
    expect(after.events[0].properties.shutdown_reason).toMatch(reason);
    // The failed conversation holds no concurrency slot (the cap here is 1).
    expect((await call('POST', '/v2/conversations', { body: { persona_id: 'pcb7a34da5fe' } })).status).toBe(200);
  });

  it('an expired token, on the emulator clock', async () => {
    const token = await sdkToken({ roomJoin: true, room: 'demo' }, { ttl: 60 });
    clock.advance(120_000);
    const { after } = await startIn({ livekit_ws_url: 'wss://demo.livekit.cloud', livekit_room_token: token });
    expect(after.events[0].properties).toMatchObject({ livekit_error: 'expired', shutdown_reason: expect.stringMatching(/expired at \d{4}-/) });
  });

  it("a private address: Tavus's cloud cannot reach it", async () => {
    const { after } = await startIn({ livekit_ws_url: 'ws://192.168.1.10:7880', livekit_room_token: await sdkToken({ roomJoin: true, room: 'demo' }) });
    expect(after.status).toBe('ended');
    expect(after.events[0].properties).toMatchObject({ livekit_error: 'unreachable_url', shutdown_reason: expect.stringMatching(/192\.168\.1\.10/) });
  });

  it.each(['ws://localhost:7880', 'ws://127.0.0.1:7880', 'ws://[::1]:7880'])('a loopback URL (%s): the emulator runs on this machine, so a local LiveKit server is one it reaches', async (url) => {
    const { after } = await startIn({ livekit_ws_url: url, livekit_room_token: await sdkToken({ roomJoin: true, room: 'demo' }) });
    expect(after.status).toBe('active');
    expect(after.events[0]).toMatchObject({ event_type: 'system.replica_joined' });
  });

  it('test_mode: the replica never joins, so the token is never tried', async () => {
    const { after } = await startIn({ livekit_ws_url: 'wss://demo.livekit.cloud', livekit_room_token: 'not-a-token' }, { test_mode: true });
    expect(after.events.map((e: { properties: { shutdown_reason: string } }) => e.properties.shutdown_reason)).toEqual(['test_mode']);
  });
});
