// A Tavus conversation in the user's own LiveKit room (Mode 2 of the TEN design): every check and token
// `conversation start --transport livekit` needs before it asks Tavus for the conversation.
// Call resolveLivekitTarget before the first request (bad settings are exit 2 with nothing sent), then
// planLivekitConversation once the persona is fetched.
import { UsageError } from '../errors.js';
import { andList } from '../io/sentence.js';
import { shellQuote } from '../shell-command.js';
import type { Persona } from '../api/objects.js';
import { livekitName } from '../flags.js';
import type { Setting } from '../settings/resolve.js';
import { AVATAR_IDENTITY, meetLink, mintAvatarToken, mintJoinToken, newUserIdentity, type LivekitCredentials, type MintedToken } from './token.js';
import { isLoopbackUrl } from '../net/loopback.js';
import { checkLivekitUrl, livekitWsUrl, type LivekitUrlRules } from './url.js';

/** Added to the conversation's max duration: Tavus joins a little after creation, clocks drift. */
export const TOKEN_MARGIN_SECONDS = 600;
/**
 * The identity the avatar publishes on behalf of (`lk.publish_on_behalf`): the TEN agent's own
 * participant in the room, so LiveKit's UI components show the avatar's video as the agent's.
 */
export const DEFAULT_AGENT_IDENTITY = 'ten-agent';

export type LivekitSettings = { livekitUrl: Setting; livekitApiKey: Setting; livekitApiSecret: Setting };

/** A LiveKit server we can mint tokens for. */
export interface LivekitServer {
  /** As clients dial it: wss:// (https:// is rewritten), no trailing slash. */
  url: string;
  credentials: LivekitCredentials;
}

export interface LivekitTarget extends LivekitServer {
  room: string;
}

const SETTING_NAMES = {
  livekitUrl: ['LIVEKIT_URL', '--livekit-url'],
  livekitApiKey: ['LIVEKIT_API_KEY', '--livekit-api-key'],
  livekitApiSecret: ['LIVEKIT_API_SECRET', '--livekit-api-secret'],
} as const;

/**
 * LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET, present and usable; UsageError (exit 2) otherwise.
 * By default the URL must be one Tavus's cloud can reach over TLS; `livekit token` allows local servers.
 */
export function resolveLivekitServer(settings: LivekitSettings, rules: LivekitUrlRules = { requireTls: true }): LivekitServer {
  const missing = (Object.keys(SETTING_NAMES) as Array<keyof LivekitSettings>).filter((name) => !settings[name].value?.trim());
  if (missing.length > 0) {
    const names = missing.map((name) => SETTING_NAMES[name][0]);
    throw new UsageError(`Missing LiveKit setting${missing.length > 1 ? 's' : ''}: ${names.join(', ')}.`, {
      hint:
        `Set ${andList(names)} in the environment or a .env file (see .env.example), ` +
        `or pass ${andList(missing.map((name) => SETTING_NAMES[name][1]))}. Your LiveKit project's settings list them.`,
    });
  }
  const raw = settings.livekitUrl.value!;
  const verdict = checkLivekitUrl(raw, rules);
  if (!verdict.ok) {
    const origin = settings.livekitUrl.origin;
    const problem = origin && origin !== 'LIVEKIT_URL' ? verdict.problem.replace(/^LIVEKIT_URL\b/, `The LiveKit URL from ${origin}`) : verdict.problem;
    throw new UsageError(problem, { hint: verdict.fix });
  }
  return {
    url: livekitWsUrl(raw),
    credentials: { apiKey: settings.livekitApiKey.value!.trim(), apiSecret: settings.livekitApiSecret.value! },
  };
}

/** The --room value: the room the avatar (and the join link) is granted. */
export function livekitRoom(value: unknown, flag = '--room'): string {
  if (value === undefined) {
    throw new UsageError(`Missing ${flag}: the LiveKit room the avatar joins.`, {
      hint: `Pass ${flag} NAME (or set LIVEKIT_ROOM in the environment, .env or a profile), the room your TEN agent is in.`,
    });
  }
  return livekitName(value, flag, 'NAME (the room your TEN agent is in)');
}

/**
 * The agent identity from --agent-identity, else LIVEKIT_AGENT_IDENTITY (environment, .env, profile), as
 * `ten init --mode livekit`'s app joins with it; checked, naming where it came from (exit 2). Undefined
 * when none is set: DEFAULT_AGENT_IDENTITY, what that app defaults to as well.
 */
export function agentIdentityFrom(setting: Setting): string | undefined {
  if (setting.value === undefined) return undefined;
  const flag = setting.source === 'flag' || !setting.origin;
  const from = flag ? '--agent-identity' : setting.origin!;
  const fix = flag ? "Pass --agent-identity ID (your agent's identity in the room)." : `Fix ${from} (your agent's identity in the room), or pass --agent-identity ID.`;
  const identity = livekitName(setting.value, from, 'ID', fix);
  if (identity === AVATAR_IDENTITY) {
    throw new UsageError(`The agent identity from ${from} cannot be ${AVATAR_IDENTITY}: that is the avatar's own identity.`, { hint: fix });
  }
  return identity;
}

/**
 * Everything about the LiveKit side that can be checked without a request. `roomOrigin`: where the
 * room came from, for messages (`--room`, `LIVEKIT_ROOM`, a profile). `tavusIsLocal`: the Tavus
 * API is the emulator on this machine (--mock, a loopback TAVUS_API_BASE_URL), which can reach a LiveKit
 * server on loopback that Tavus's cloud never could; such a URL (ws:// too) is then allowed, and `note`
 * says so. Other private addresses stay refused: the emulator plays Tavus's cloud for those.
 */
export function resolveLivekitTarget(
  settings: LivekitSettings,
  room: unknown,
  options: { roomOrigin?: string; tavusIsLocal?: boolean } = {},
): LivekitTarget & { note?: string } {
  const rules = livekitUrlRules(settings.livekitUrl.value, options.tavusIsLocal === true);
  const local = rules.allowLocal === true;
  const server = resolveLivekitServer(settings, rules);
  const note = local
    ? `LiveKit server ${server.url} is local: fine with the Tavus emulator, which runs on this machine; Tavus's cloud could never reach it.`
    : undefined;
  return { ...server, room: livekitRoom(room, options.roomOrigin ?? '--room'), ...(note ? { note } : {}) };
}

/**
 * The rules a LiveKit URL handed to Tavus must meet: reachable from Tavus's cloud over TLS, except that
 * when the Tavus API is the emulator on this machine (`tavusIsLocal`) a loopback URL (ws:// too) is allowed.
 * `conversation start --transport livekit` and the library's startLivekitAvatar both apply it.
 */
export function livekitUrlRules(raw: string | undefined, tavusIsLocal: boolean): LivekitUrlRules {
  const url = raw?.trim();
  const local = tavusIsLocal && isLoopbackUrl(url) && checkLivekitUrl(url, { allowLocal: true }).ok;
  return local ? { allowLocal: true } : { requireTls: true };
}

/** The persona must be echo + LiveKit, or Tavus's avatar silently never joins the room. */
export function checkEchoLivekitPersona(persona: Persona): void {
  const mode = persona.pipeline_mode ?? 'full';
  const transport = persona.layers?.transport?.transport_type ?? 'daily';
  if (mode === 'echo' && transport === 'livekit') return;
  const label = persona.persona_name ? `${persona.persona_id} ("${persona.persona_name}")` : persona.persona_id;
  const name = `${persona.persona_name ?? 'TEN'} (LiveKit echo)`;
  const replica = persona.default_replica_id ? ` --replica ${persona.default_replica_id}` : '';
  throw new UsageError(
    `Persona ${label} has pipeline_mode ${mode} and transport ${transport}; a LiveKit conversation needs pipeline_mode echo ` +
      'and layers.transport.transport_type livekit, or the avatar never joins the room.',
    {
      hint: `Create one with \`tavus-ten persona create --echo-livekit --name ${shellQuote(name)}${replica}\`, then pass its id with --persona (or set TAVUS_PERSONA_ID).`,
    },
  );
}

export interface LivekitConversationInput {
  /** ctx.settings: flags (--livekit-url, --livekit-api-key, --livekit-api-secret) already override the environment. */
  settings: LivekitSettings;
  /** The raw --room value. */
  room: unknown;
  /** The persona, as fetched (POST answers do not carry its mode or layers); absent only for --dry-run, which checks nothing remote. */
  persona: Persona | undefined;
  /** The conversation's max_call_duration, in seconds: both tokens outlive it by TOKEN_MARGIN_SECONDS. */
  maxDurationSeconds: number;
  /** Who the avatar publishes on behalf of; default DEFAULT_AGENT_IDENTITY. */
  agentIdentity?: string;
  /** The person's join token; identity defaults to `user-<random>`. */
  viewer?: { identity?: string; name?: string };
  /** Clock in ms, for tests. */
  now?: number;
  /** The Tavus API is the local emulator: a local LiveKit URL is allowed (see resolveLivekitTarget). */
  tavusIsLocal?: boolean;
}

export interface LivekitConversationPlan {
  /** Merge into the create body's `properties`. The room token is a secret: register it with ctx.output.addSecret. */
  properties: { livekit_ws_url: string; livekit_room_token: string };
  /** The `livekit` object `--json` adds to Tavus's conversation; join_url is a deliberate output. */
  livekit: { url: string; room: string; join_url: string };
  avatarToken: MintedToken;
  joinToken: MintedToken;
  /** Who the avatar publishes on behalf of (`lk.publish_on_behalf`). */
  agentIdentity: string;
}

/** Validates the settings, room and persona (UsageError, exit 2), then mints the avatar's and a person's tokens. */
export async function planLivekitConversation(input: LivekitConversationInput): Promise<LivekitConversationPlan> {
  const target = resolveLivekitTarget(input.settings, input.room, { tavusIsLocal: input.tavusIsLocal });
  const agentIdentity = livekitName(input.agentIdentity ?? DEFAULT_AGENT_IDENTITY, '--agent-identity', 'ID (your agent\'s identity in the room)');
  if (agentIdentity === AVATAR_IDENTITY) {
    throw new UsageError(`The agent identity cannot be ${AVATAR_IDENTITY}: that is the avatar's own identity.`, {
      hint: "Pass your agent's participant identity in the room.",
    });
  }
  if (!Number.isInteger(input.maxDurationSeconds) || input.maxDurationSeconds <= 0) {
    throw new UsageError(`Invalid value ${String(input.maxDurationSeconds)} for --max-duration: expected a whole number of seconds above 0.`, {
      hint: 'Pass --max-duration SECONDS, e.g. --max-duration 900.',
    });
  }
  if (input.persona) checkEchoLivekitPersona(input.persona);

  const ttlSeconds = input.maxDurationSeconds + TOKEN_MARGIN_SECONDS;
  const viewerIdentity = livekitName(input.viewer?.identity ?? newUserIdentity(), '--identity', 'ID');
  const avatarToken = await mintAvatarToken(target.credentials, { room: target.room, agentIdentity, ttlSeconds, now: input.now });
  const joinToken = await mintJoinToken(target.credentials, {
    room: target.room,
    identity: viewerIdentity,
    name: input.viewer?.name,
    ttlSeconds,
    now: input.now,
  });
  return {
    properties: { livekit_ws_url: target.url, livekit_room_token: avatarToken.token },
    livekit: { url: target.url, room: target.room, join_url: meetLink(target.url, joinToken.token) },
    avatarToken,
    joinToken,
    agentIdentity,
  };
}
