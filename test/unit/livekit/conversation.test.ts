// planLivekitConversation and its checks; then the plan sent to the emulator by the real client,
// with the tokens the emulator received decoded and verified with the secret.
import { TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { createTavusClient } from '../../../src/api/client.js';
import { UsageError } from '../../../src/errors.js';
import type { Persona } from '../../../src/api/objects.js';
import {
  checkEchoLivekitPersona,
  planLivekitConversation,
  resolveLivekitTarget,
  TOKEN_MARGIN_SECONDS,
  type LivekitSettings,
} from '../../../src/livekit/conversation.js';
import { shellQuote } from '../../../src/shell-command.js';
import { SAFE_CONVERSATION_PROPERTIES } from '../../../src/conversations/defaults.js';
import { useEmulator } from '../../helpers/emulator.js';

const KEY = 'APIq7Lk2x9Tz';
const SECRET = 'lk-secret-0123456789abcdefghijklmnopqrstuvwxyz';

function settings(values: { url?: string; key?: string; secret?: string; urlOrigin?: string } = {}): LivekitSettings {
  const setting = (value: string | undefined, origin: string) => ({ value, source: value === undefined ? undefined : ('env' as const), origin: value === undefined ? undefined : origin });
  return {
    livekitUrl: setting('url' in values ? values.url : 'wss://demo.livekit.cloud', values.urlOrigin ?? 'LIVEKIT_URL'),
    livekitApiKey: setting('key' in values ? values.key : KEY, 'LIVEKIT_API_KEY'),
    livekitApiSecret: setting('secret' in values ? values.secret : SECRET, 'LIVEKIT_API_SECRET'),
  };
}

const echoLivekit: Persona = {
  persona_id: 'pb87e71797da',
  persona_name: 'LiveKit Agents echo PAL',
  pipeline_mode: 'echo',
  default_replica_id: 'r4067604db72',
  layers: { transport: { transport_type: 'livekit' } },
};
const fullDaily: Persona = { persona_id: 'pcb7a34da5fe', persona_name: 'Life Coach', pipeline_mode: 'full', default_replica_id: 'r90bbd427f71', layers: {} };

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

const verify = (token: string, secret = SECRET) => new TokenVerifier(KEY, secret).verify(token);

describe('resolveLivekitTarget', () => {
  it('names every missing setting, its variable and its flag', () => {
    const error = usageError(() => resolveLivekitTarget(settings({ url: undefined, secret: undefined }), 'demo'));
    expect(error.message).toBe('Missing LiveKit settings: LIVEKIT_URL, LIVEKIT_API_SECRET.');
    expect(error.hint).toContain('--livekit-url and --livekit-api-secret');
    expect(usageError(() => resolveLivekitTarget(settings({ key: '  ' }), 'demo')).message).toBe('Missing LiveKit setting: LIVEKIT_API_KEY.');
  });

  it.each([
    ['wss://localhost:7880', /local or private address that Tavus's cloud cannot reach/],
    ['wss://192.168.1.10', /local or private/],
    ['ws://lk.example.com', /unencrypted ws:\/\//],
    ['http://lk.example.com', /unencrypted http:\/\//],
    ['ftp://lk.example.com', /ftp:\/\//],
    ['lk.example.com', /LIVEKIT_URL "lk.example.com" has no scheme/],
    ['wss://', /is not a URL/],
  ])('refuses %s', (url, message) => {
    expect(usageError(() => resolveLivekitTarget(settings({ url }), 'demo')).message).toMatch(message);
  });

  it('says where a bad URL came from when it was not LIVEKIT_URL', () => {
    const error = usageError(() => resolveLivekitTarget(settings({ url: 'wss://127.0.0.1', urlOrigin: '--livekit-url' }), 'demo'));
    expect(error.message).toMatch(/^The LiveKit URL from --livekit-url points at 127\.0\.0\.1/);
  });

  it('dials https:// as wss:// and drops a bare trailing slash', () => {
    expect(resolveLivekitTarget(settings({ url: 'https://demo.livekit.cloud/' }), ' demo ')).toEqual({
      url: 'wss://demo.livekit.cloud',
      room: 'demo',
      credentials: { apiKey: KEY, apiSecret: SECRET },
    });
  });

  it.each([[undefined, /Missing --room/], ['', /--room: it is empty/], ['   ', /it is empty/], ['a\u0007b', /control characters/], ['x'.repeat(257), /256/]])(
    'refuses the room %j',
    (room, message) => {
      expect(usageError(() => resolveLivekitTarget(settings(), room)).message).toMatch(message);
    },
  );
});

describe('checkEchoLivekitPersona', () => {
  it('accepts echo + livekit', () => {
    expect(() => checkEchoLivekitPersona(echoLivekit)).not.toThrow();
  });

  it('refuses a full persona and gives the exact command that creates a good one', () => {
    const error = usageError(() => checkEchoLivekitPersona(fullDaily));
    expect(error.message).toContain('Persona pcb7a34da5fe ("Life Coach") has pipeline_mode full and transport daily');
    expect(error.hint).toContain('`tavus-ten persona create --echo-livekit --name "Life Coach (LiveKit echo)" --replica r90bbd427f71`');
  });

  it('refuses echo over Daily, and an echo persona with no transport layer', () => {
    expect(usageError(() => checkEchoLivekitPersona({ ...echoLivekit, layers: { transport: { transport_type: 'daily' } } })).message).toMatch(
      /pipeline_mode echo and transport daily/,
    );
    expect(usageError(() => checkEchoLivekitPersona({ persona_id: 'p1', pipeline_mode: 'echo' })).hint).toContain(
      '--echo-livekit --name "TEN (LiveKit echo)"`',
    );
  });

  it('quotes names for the shell', () => {
    expect(shellQuote('plain-name')).toBe('plain-name');
    expect(shellQuote('Say "hi" $HOME `x`')).toBe('"Say \\"hi\\" \\$HOME \\`x\\`"');
  });
});

describe('planLivekitConversation', () => {
  it('mints the avatar token as the LiveKit plugins do, lasting the max duration plus a margin', async () => {
    const plan = await planLivekitConversation({ settings: settings(), room: 'demo', persona: echoLivekit, maxDurationSeconds: 900 });
    expect(plan.properties.livekit_ws_url).toBe('wss://demo.livekit.cloud');
    const claims = await verify(plan.properties.livekit_room_token);
    expect(claims).toMatchObject({ sub: 'tavus-avatar-agent', name: 'tavus-avatar-agent', kind: 'agent', iss: KEY });
    expect(claims.video).toEqual({ roomJoin: true, room: 'demo' });
    expect(claims.attributes).toEqual({ 'lk.publish_on_behalf': 'ten-agent' });
    expect(claims.exp! - claims.nbf!).toBe(900 + TOKEN_MARGIN_SECONDS);
  });

  it('mints a join token for a person in the same room and a Meet link with it', async () => {
    const plan = await planLivekitConversation({ settings: settings(), room: 'demo', persona: echoLivekit, maxDurationSeconds: 600 });
    expect(plan.livekit).toMatchObject({ url: 'wss://demo.livekit.cloud', room: 'demo' });
    const link = new URL(plan.livekit.join_url);
    expect(`${link.origin}${link.pathname}`).toBe('https://meet.livekit.io/custom');
    expect(link.searchParams.get('liveKitUrl')).toBe('wss://demo.livekit.cloud');
    const claims = await verify(link.searchParams.get('token')!);
    expect(claims.sub).toMatch(/^user-[0-9a-f]{6}$/);
    expect(claims.sub).not.toBe('tavus-avatar-agent');
    expect(claims.video).toMatchObject({ roomJoin: true, room: 'demo', canPublish: true, canSubscribe: true });
    expect(claims.exp! - claims.nbf!).toBe(600 + TOKEN_MARGIN_SECONDS);
    expect(plan.joinToken.token).toBe(link.searchParams.get('token'));
  });

  it('takes the agent identity and the viewer identity and name', async () => {
    const plan = await planLivekitConversation({
      settings: settings(),
      room: 'demo',
      persona: echoLivekit,
      maxDurationSeconds: 60,
      agentIdentity: 'agent-AJ_123',
      viewer: { identity: 'alice', name: 'Alice' },
    });
    expect((await verify(plan.avatarToken.token)).attributes).toEqual({ 'lk.publish_on_behalf': 'agent-AJ_123' });
    expect(await verify(plan.joinToken.token)).toMatchObject({ sub: 'alice', name: 'Alice' });
  });

  it('refuses bad input before minting anything', async () => {
    const base = { settings: settings(), room: 'demo', persona: echoLivekit, maxDurationSeconds: 900 };
    await expect(planLivekitConversation({ ...base, persona: fullDaily })).rejects.toThrow(/pipeline_mode full/);
    await expect(planLivekitConversation({ ...base, room: '' })).rejects.toThrow(/--room/);
    await expect(planLivekitConversation({ ...base, settings: settings({ url: 'wss://localhost' }) })).rejects.toThrow(UsageError);
    await expect(planLivekitConversation({ ...base, agentIdentity: 'tavus-avatar-agent' })).rejects.toThrow(/avatar's own identity/);
    await expect(planLivekitConversation({ ...base, maxDurationSeconds: 0 })).rejects.toThrow(/--max-duration/);
  });
});

describe('a planned conversation, created on the emulator', () => {
  const { emulator } = useEmulator({ livekit: { apiKey: KEY, apiSecret: SECRET } });

  async function start(livekitSettings: LivekitSettings) {
    const tavus = createTavusClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const persona = await tavus.personas.get('pb87e71797da');
    const plan = await planLivekitConversation({
      settings: livekitSettings,
      room: 'ten-room',
      persona,
      maxDurationSeconds: SAFE_CONVERSATION_PROPERTIES.max_call_duration,
    });
    const created = await tavus.conversations.create({
      persona_id: persona.persona_id,
      properties: { ...SAFE_CONVERSATION_PROPERTIES, ...plan.properties },
    });
    const sent = emulator.requests.at(-1)!.body as { properties: Record<string, unknown> };
    return { created, sent, after: await tavus.conversations.get(created.conversation_id, { verbose: true }) };
  }

  it('sends the URL and a room token the LiveKit server accepts, and the avatar joins', async () => {
    const { created, sent, after } = await start(settings());
    expect(created.status).toBe('active');
    expect(created.room_url).toBeUndefined();
    expect(sent.properties).toMatchObject({ ...SAFE_CONVERSATION_PROPERTIES, livekit_ws_url: 'wss://demo.livekit.cloud' });
    const claims = await verify(sent.properties.livekit_room_token as string);
    expect(claims).toMatchObject({ sub: 'tavus-avatar-agent', kind: 'agent', video: { roomJoin: true, room: 'ten-room' } });
    expect(after.status).toBe('active');
    expect(after.events?.map((e) => e.event_type)).toEqual(['system.replica_joined']);
    expect(after.events?.[0]?.properties).toMatchObject({ room: 'ten-room', identity: 'tavus-avatar-agent', token_signature_checked: true });
  });

  it('a token signed with another secret never gets the avatar in: the conversation ends saying why', async () => {
    const { sent, after } = await start(settings({ secret: 'another-secret-0123456789abcdefghijklmnop' }));
    await expect(verify(sent.properties.livekit_room_token as string)).rejects.toThrow();
    expect(after.status).toBe('ended');
    const shutdown = after.events?.find((e) => e.event_type === 'system.shutdown');
    expect(shutdown?.properties).toMatchObject({ livekit_error: 'bad_signature' });
    expect(shutdown?.properties?.shutdown_reason).toMatch(/^livekit_join_failed: .*signature/);
  });
});
