// `livekitJoin`: each LiveKit conversation's avatar really joins its room (livekit-avatar.ts), and the
// outcome is the conversation's: system.replica_joined once the server admits it, the conversation
// ended with `livekit_join_failed` and the server's reason when it refuses, the avatar gone when the
// conversation ends. One roster per emulator.
import { endConversationRecord, replicaJoined } from './conversation-lifecycle.js';
import { joinAsAvatar, type AvatarSession } from './livekit-avatar.js';
import { roomTokenClaims } from './livekit-tokens.js';
import type { StoredConversation } from './types.js';
import type { World } from './world.js';

const PUBLISH_ON_BEHALF = 'lk.publish_on_behalf';

/** How the people and agents the avatar sees in its room reach the conversation's timeouts (participant_absent/left_timeout). */
export interface RoomPresence {
  joined(conversationId: string, identity: string): void;
  left(conversationId: string, identity: string): void;
}

export class AvatarRoster {
  private readonly sessions = new Map<string, AvatarSession>();
  /** Joins in flight and leaves under way, so close() can wait for them. */
  private readonly busy = new Set<Promise<unknown>>();

  constructor(
    private readonly world: World,
    private readonly presence?: RoomPresence,
  ) {}

  /** Starts the join; the conversation's events record how it went. */
  admit(conversation: StoredConversation, url: string, token: string): void {
    const id = conversation.conversation_id;
    const claims = roomTokenClaims(token);
    const publishOnBehalf = claims?.attributes?.[PUBLISH_ON_BEHALF];
    this.track(
      joinAsAvatar({
        url,
        token,
        publishOnBehalf: typeof publishOnBehalf === 'string' ? publishOnBehalf : undefined,
        onParticipant: (identity, present) => {
          if (conversation.status !== 'active' || !this.world.state.conversations.has(id)) return; // ended or deleted meanwhile
          if (present) this.presence?.joined(id, identity);
          else this.presence?.left(id, identity);
        },
        onLost: (reason) => {
          this.sessions.delete(id);
          endConversationRecord(this.world, conversation, `livekit_disconnected: the LiveKit server disconnected the avatar (${reason})`);
        },
      }).then(
        (session) => {
          if (conversation.status !== 'active') return this.track(session.leave()); // ended while joining
          this.sessions.set(id, session);
          replicaJoined(this.world, conversation, { transport: 'livekit', room: session.room, identity: session.identity, livekit_join: 'real' });
        },
        (error: unknown) => {
          endConversationRecord(this.world, conversation, `livekit_join_failed: the LiveKit server refused the avatar: ${(error as Error).message}`, this.world.now(), {
            livekit_error: 'join_refused',
          });
        },
      ),
    );
  }

  /** The conversation ended: its avatar leaves the room. */
  leave(conversationId: string): void {
    const session = this.sessions.get(conversationId);
    if (!session) return;
    this.sessions.delete(conversationId);
    this.track(session.leave());
  }

  /** Every avatar leaves; resolves once joins in flight have settled and the server was told. */
  async close(): Promise<void> {
    while (this.busy.size > 0 || this.sessions.size > 0) {
      for (const id of [...this.sessions.keys()]) this.leave(id);
      await Promise.allSettled([...this.busy]);
    }
  }

  private track(work: Promise<unknown>): Promise<unknown> {
    const settled = work.catch(() => undefined).finally(() => this.busy.delete(settled));
    this.busy.add(settled);
    return settled;
  }
}
