// What `conversation start --transport livekit` verifies (unless --no-verify): before the create, that
// the LiveKit server accepts the key pair (rejected: exit 3, nothing created); after it, that Tavus's
// avatar is in the room within --join-timeout (else exit 1 with the reason, and the conversation ended),
// and that the agent it lip-syncs is there too (a warning).
import type { Conversation } from '../../api/client.js';
import { CheckFailedError, ExitCode, TavusTenError } from '../../errors.js';
import type { Context } from '../../context.js';
import type { LivekitTarget } from '../../livekit/conversation.js';
import { waitForAvatar } from '../../livekit/join-check.js';
import { apiOrigin, checkLivekitCredentials, type ServerCall, type ServerProblem } from '../../livekit/server.js';
import { AVATAR_IDENTITY } from '../../livekit/token.js';
import { withoutFinalPeriod } from '../../io/sentence.js';

export const DEFAULT_JOIN_TIMEOUT_SECONDS = 30;

/** What `--json` adds as `verification`. */
export interface LivekitVerification {
  /** accepted: ListRooms answered with our key pair; skipped: --no-verify. */
  credentials: 'accepted' | 'skipped';
  /** joined: seen in the room; not_expected: test_mode (the avatar never joins); unverified: the room could not be read; skipped: --no-verify. */
  avatar: 'joined' | 'not_expected' | 'unverified' | 'skipped';
  /** ms from the create's answer to the avatar seen in the room. */
  join_ms?: number;
  agent_identity?: string;
  /** Whether the agent the avatar publishes on behalf of was in the room when the avatar joined. */
  agent_in_room?: boolean;
}

function serverCall(ctx: Context, target: LivekitTarget): ServerCall {
  return { origin: apiOrigin(target.url)!, credentials: target.credentials, timeoutSeconds: ctx.settings.timeout.value, signal: ctx.signal };
}

const SKIP_HINT = 'Pass --no-verify to start it without these checks.';

/** A server that could not be asked, or refused: the error `start` exits with. Nothing was created. */
function problemError(problem: ServerProblem, when: string): TavusTenError {
  const message = `${withoutFinalPeriod(problem.message)}: ${when}`;
  if (problem.kind === 'rejected') return new TavusTenError('auth_error', ExitCode.auth, message, { status: problem.status ?? null, hint: problem.hint });
  if (problem.kind === 'http') return new CheckFailedError(message, { status: problem.status ?? null, hint: `${problem.hint} ${SKIP_HINT}` });
  return new TavusTenError(problem.kind === 'timeout' ? 'timeout' : 'network_error', ExitCode.network, message, { hint: `${problem.hint} ${SKIP_HINT}` });
}

/** Before the create: the LiveKit server must accept LIVEKIT_API_KEY / LIVEKIT_API_SECRET. */
export async function verifyLivekitCredentials(ctx: Context, target: LivekitTarget): Promise<void> {
  const verdict = await checkLivekitCredentials(serverCall(ctx, target));
  if (!verdict.ok) throw problemError(verdict, 'no conversation was created.');
}

export interface AvatarCheckInput {
  target: LivekitTarget;
  created: Conversation;
  agentIdentity: string;
  timeoutMs: number;
  /** Ends the conversation (the start command's own cleanup). */
  end: () => Promise<void>;
}

/**
 * After the create: waits for the avatar in the room. Joined: prints the time (and warns when the agent
 * is not there). Otherwise ends the conversation if it is still active and throws (exit 1) saying why.
 */
export async function verifyAvatarJoined(ctx: Context, input: AvatarCheckInput): Promise<LivekitVerification> {
  const { output } = ctx;
  const { target, created } = input;
  const id = created.conversation_id;
  if (created.status === 'ended') return { credentials: 'accepted', avatar: 'not_expected' };
  const seconds = Math.round(input.timeoutMs / 100) / 10;
  output.info(output.chalk.dim(`Created conversation ${id}; waiting for the avatar (${AVATAR_IDENTITY}) to join room ${target.room} (up to ${seconds} s)…`));

  const client = await ctx.client();
  const { shutdownReasonOf } = await import('../../api/resources/conversations.js');
  const outcome = await waitForAvatar({
    server: serverCall(ctx, target),
    room: target.room,
    timeoutMs: input.timeoutMs,
    now: () => ctx.now(),
    conversation: async () => {
      const now = await client.conversations.get(id, { verbose: true });
      return { ended: now.status === 'ended', reason: shutdownReasonOf(now) };
    },
  });

  const events = `tavus-ten conversation get ${id} --events`;
  if (outcome.kind === 'joined') {
    const agentInRoom = outcome.identities.includes(input.agentIdentity);
    output.success(`The avatar joined room ${target.room} after ${(outcome.afterMs / 1000).toFixed(1)} s.`);
    if (!agentInRoom) {
      output.warn(
        `Your agent (${input.agentIdentity}) is not in room ${target.room}: the avatar publishes on its behalf and lip-syncs its audio, ` +
          'so it stays silent until the agent joins. Start your agent in the room, or pass its identity with --agent-identity (or LIVEKIT_AGENT_IDENTITY).',
      );
    }
    return { credentials: 'accepted', avatar: 'joined', join_ms: outcome.afterMs, agent_identity: input.agentIdentity, agent_in_room: agentInRoom };
  }
  if (outcome.kind === 'ended') {
    throw new CheckFailedError(`The avatar did not join room ${target.room}: conversation ${id} ended${outcome.reason ? ` (${outcome.reason})` : ''}.`, {
      hint: `Run \`tavus-ten doctor --mode livekit\` to check the LiveKit settings, and \`${events}\` for what happened.`,
    });
  }
  if (outcome.kind === 'unknown') {
    // The key pair was accepted a moment ago: a room that cannot be read is no proof of a failed join.
    output.warn(`Could not see whether the avatar joined room ${target.room} (${withoutFinalPeriod(outcome.problem.message)}); conversation ${id} is still active.`);
    return { credentials: 'accepted', avatar: 'unverified', agent_identity: input.agentIdentity };
  }
  await input.end();
  throw new CheckFailedError(
    `The avatar (${AVATAR_IDENTITY}) did not join room ${target.room} within ${seconds} s; conversation ${id} was ended so it stops billing.`,
    {
      hint:
        `Check that Tavus's cloud can reach ${target.url} and that the persona is echo + livekit (\`tavus-ten doctor --mode livekit\`); ` +
        `\`${events}\` shows what Tavus saw. A slow start? Raise --join-timeout.`,
    },
  );
}
