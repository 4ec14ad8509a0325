// The LiveKit avatar start for library users (a Node agent: LiveKit Agents for Node has no Tavus
// plugin): check the persona, mint the avatar's token, send the `properties` Tavus needs, create the
// conversation, then verify the avatar arrived. `conversation start --transport livekit` does the same.
import { CheckFailedError, UsageError } from '../errors.js';
import type { TavusClient } from '../api/client.js';
import type { Conversation, ConversationCreateBody, ConversationPropertiesBody } from '../api/objects.js';
import { shutdownReasonOf } from '../api/resources/conversations.js';
import { classifyShutdown, shutdownHint } from '../conversations/shutdown.js';
import { SAFE_CONVERSATION_PROPERTIES } from '../conversations/defaults.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { checkEchoLivekitPersona, DEFAULT_AGENT_IDENTITY, livekitUrlRules, TOKEN_MARGIN_SECONDS } from './conversation.js';
import { AVATAR_IDENTITY, mintAvatarToken, type LivekitCredentials, type MintedToken } from './token.js';
import { checkLivekitUrl, livekitWsUrl } from './url.js';

export interface LivekitAvatarTarget {
  /**
   * The LiveKit server as Tavus's cloud dials it: `wss://…` (https:// is rewritten); never localhost,
   * except with the Tavus emulator on loopback, which may use a LiveKit server on loopback (ws:// too).
   */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** The room your agent is in. */
  room: string;
  /** Your agent's participant identity: the avatar publishes on its behalf. Default `ten-agent`. */
  agentIdentity?: string;
}

/** What to send Tavus in `properties`, and the token minted for it (a secret: never log it). */
export interface LivekitAvatarProperties {
  properties: { livekit_ws_url: string; livekit_room_token: string };
  avatarToken: MintedToken;
}

/**
 * Mints the avatar's token (identity `tavus-avatar-agent`, kind agent, roomJoin for the room,
 * `lk.publish_on_behalf` = the agent) valid for `maxCallDurationSeconds` + 10 min, and returns the
 * `properties` to merge into a `POST /v2/conversations` body.
 * Throws UsageError for a URL Tavus's cloud cannot reach or that is not wss://, an empty room or key.
 * `tavusBaseUrl`: the Tavus API the properties go to; on loopback (the emulator) a loopback LiveKit URL
 * is allowed, as in `conversation start --transport livekit`.
 */
export async function livekitAvatarProperties(
  target: LivekitAvatarTarget,
  options: { maxCallDurationSeconds?: number; now?: number; tavusBaseUrl?: string } = {},
): Promise<LivekitAvatarProperties> {
  const verdict = checkLivekitUrl(target.url, livekitUrlRules(target.url, isLoopbackUrl(options.tavusBaseUrl)));
  if (!verdict.ok) throw new UsageError(verdict.problem, { hint: verdict.fix });
  if (!target.room?.trim()) throw new UsageError('The LiveKit room is empty.', { hint: 'Pass the room your agent is in.' });
  if (!target.apiKey?.trim() || !target.apiSecret) throw new UsageError('The LiveKit API key and secret are required.', { hint: 'Pass the key pair of the LiveKit project at the URL.' });
  const agentIdentity = target.agentIdentity ?? DEFAULT_AGENT_IDENTITY;
  if (agentIdentity === AVATAR_IDENTITY) throw new UsageError(`The agent identity cannot be ${AVATAR_IDENTITY}: that is the avatar's own.`);
  const credentials: LivekitCredentials = { apiKey: target.apiKey.trim(), apiSecret: target.apiSecret };
  const ttlSeconds = (options.maxCallDurationSeconds ?? SAFE_CONVERSATION_PROPERTIES.max_call_duration) + TOKEN_MARGIN_SECONDS;
  const avatarToken = await mintAvatarToken(credentials, { room: target.room.trim(), agentIdentity, ttlSeconds, now: options.now });
  return { properties: { livekit_ws_url: livekitWsUrl(target.url), livekit_room_token: avatarToken.token }, avatarToken };
}

/** What a join check is given: the conversation as created, and the room it should be in. */
export interface JoinCheckInput {
  tavus: TavusClient;
  conversation: Conversation;
  target: LivekitAvatarTarget;
  signal?: AbortSignal;
}

/** Resolves when the avatar is (as far as it can tell) in the room; throws when it is not. */
export type JoinCheck = (input: JoinCheckInput) => Promise<{ verified: string[] }>;

/**
 * The check every start runs unless given another: re-read the conversation; one Tavus already ended
 * with a failure reason (e.g. the avatar could not join the room) is a CheckFailedError. A check that
 * also asks the LiveKit server for `tavus-avatar-agent` plugs in as `verifyJoin`.
 */
export const conversationStillRunning: JoinCheck = async ({ tavus, conversation }) => {
  const id = conversation.conversation_id;
  const now = await tavus.conversations.get(id, { verbose: true });
  if (now.status === 'ended') {
    const verdict = classifyShutdown(shutdownReasonOf(now));
    throw new CheckFailedError(`Conversation ${id} already ended: ${verdict.reason || 'no shutdown reason'} (${verdict.meaning}).`, {
      hint: shutdownHint(id),
    });
  }
  return { verified: ['conversation_active'] };
};

export interface StartLivekitAvatarOptions {
  tavus: TavusClient;
  livekit: LivekitAvatarTarget;
  /** An echo + livekit persona (`tavus-ten persona create --echo-livekit`). */
  personaId: string;
  /** Default: the persona's default replica. */
  replicaId?: string;
  /** Extra body fields (greeting, name…); `properties` are merged over the safe timeouts. */
  body?: Omit<ConversationCreateBody, 'persona_id' | 'replica_id'>;
  /** Default conversationStillRunning; `false` skips verifying. */
  verifyJoin?: JoinCheck | false;
  signal?: AbortSignal;
}

export interface StartedLivekitAvatar {
  conversation: Conversation;
  /** What was verified after the create (empty when verifyJoin is false). */
  verified: string[];
}

/**
 * Starts a Tavus avatar in your LiveKit room: reads the persona (it must be echo + livekit, else
 * UsageError), mints the token, creates the conversation with the safe timeouts (900 s max, 120 s
 * absent, 30 s left), then runs the join check. When the check fails, the conversation is ended
 * (it bills until it ends) and the check's error is thrown.
 */
export async function startLivekitAvatar(options: StartLivekitAvatarOptions): Promise<StartedLivekitAvatar> {
  const { tavus } = options;
  const properties: ConversationPropertiesBody & { max_call_duration: number } = { ...SAFE_CONVERSATION_PROPERTIES, ...(options.body?.properties ?? {}) };
  // The LiveKit side first: a bad URL, room or key is refused before any request is sent.
  const { properties: livekit } = await livekitAvatarProperties(options.livekit, {
    maxCallDurationSeconds: properties.max_call_duration,
    tavusBaseUrl: tavus.baseUrl,
  });
  checkEchoLivekitPersona(await tavus.personas.get(options.personaId));
  const conversation = await tavus.conversations.create(
    {
      ...options.body,
      persona_id: options.personaId,
      ...(options.replicaId ? { replica_id: options.replicaId } : {}),
      properties: { ...properties, ...livekit },
    },
    { signal: options.signal },
  );
  const check = options.verifyJoin === undefined ? conversationStillRunning : options.verifyJoin;
  if (check === false) return { conversation, verified: [] };
  try {
    const { verified } = await check({ tavus, conversation, target: options.livekit, signal: options.signal });
    return { conversation, verified };
  } catch (error) {
    await tavus.conversations.end(conversation.conversation_id).catch(() => undefined);
    throw error;
  }
}
