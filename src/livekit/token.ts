// LiveKit access tokens: the avatar's (as the LiveKit Agents avatar plugins mint it) and a person's
// join token with a Meet link. livekit-server-sdk is loaded only when a token is minted.
import { randomBytes } from 'node:crypto';

export const AVATAR_IDENTITY = 'tavus-avatar-agent';
export const PUBLISH_ON_BEHALF_ATTRIBUTE = 'lk.publish_on_behalf';
export const MEET_URL = 'https://meet.livekit.io/custom';

export interface LivekitCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface MintedToken {
  token: string;
  identity: string;
  room: string;
  /** ISO time the token stops being accepted. */
  expiresAt: string;
}

/**
 * The token Tavus's avatar joins with: identity and name `tavus-avatar-agent`, kind agent, roomJoin
 * for the room, and permission to publish on behalf of the agent it lip-syncs for.
 */
export async function mintAvatarToken(
  credentials: LivekitCredentials,
  opts: { room: string; agentIdentity: string; ttlSeconds: number; now?: number },
): Promise<MintedToken> {
  const { AccessToken } = await import('livekit-server-sdk');
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity: AVATAR_IDENTITY,
    name: AVATAR_IDENTITY,
    ttl: opts.ttlSeconds,
    attributes: { [PUBLISH_ON_BEHALF_ATTRIBUTE]: opts.agentIdentity },
  });
  token.kind = 'agent';
  token.addGrant({ roomJoin: true, room: opts.room });
  return { token: await token.toJwt(), identity: AVATAR_IDENTITY, room: opts.room, expiresAt: expiry(opts.ttlSeconds, opts.now) };
}

/** A person's token for the room: join, publish and subscribe. */
export async function mintJoinToken(
  credentials: LivekitCredentials,
  opts: { room: string; identity: string; name?: string; ttlSeconds: number; now?: number },
): Promise<MintedToken> {
  const { AccessToken } = await import('livekit-server-sdk');
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity: opts.identity,
    name: opts.name ?? opts.identity,
    ttl: opts.ttlSeconds,
  });
  token.addGrant({ roomJoin: true, room: opts.room, canPublish: true, canSubscribe: true, canPublishData: true });
  return { token: await token.toJwt(), identity: opts.identity, room: opts.room, expiresAt: expiry(opts.ttlSeconds, opts.now) };
}

/** A fresh identity for a person who did not pick one: identities must be unique in a room. */
export function newUserIdentity(): string {
  return `user-${randomBytes(3).toString('hex')}`;
}

/** LiveKit Meet's custom-server page, which joins with a URL and a token. */
export function meetLink(livekitUrl: string, token: string): string {
  const link = new URL(MEET_URL);
  link.searchParams.set('liveKitUrl', livekitUrl);
  link.searchParams.set('token', token);
  return link.toString();
}

function expiry(ttlSeconds: number, now = Date.now()): string {
  return new Date(now + ttlSeconds * 1000).toISOString();
}
