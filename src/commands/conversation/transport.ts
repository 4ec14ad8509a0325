// What differs between the ways an avatar meets a person: the fields a transport adds to the create
// body, what it requires of the persona, and what a person opens to join. `start` calls only this
// interface: Daily (Tavus hosts the room) and LiveKit (the avatar joins the user's own room).
import type { Conversation, ConversationCreateBody, Persona } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import { joinUrl } from '../../conversations/join-url.js';
import type { Context } from '../../context.js';
import type { LivekitConversationPlan, LivekitTarget } from '../../livekit/conversation.js';

export interface Transport {
  readonly name: 'daily' | 'livekit';
  /** LiveKit must read the persona (its mode and transport) even with --no-preflight. */
  readonly needsPersona: boolean;
  /**
   * Transport-specific body fields, merged into the create body (`properties` key by key). May mint
   * tokens; runs before the create is sent. `persona` is absent under --dry-run, which reads nothing.
   */
  bodyFields(persona: Persona | undefined): Promise<Partial<ConversationCreateBody>>;
  /** Preflight: warn about (or throw for) a persona that cannot work on this transport. */
  checkPersona(persona: Persona): void;
  /** Before the create, what only a server can say (LiveKit: the key pair is accepted); throws to stop it. */
  verifyBeforeCreate(): Promise<void>;
  /**
   * After the create, that the avatar arrived (LiveKit: in the room); throws after ending the conversation
   * when it did not. Returns fields for the --json object.
   */
  verifyAfterCreate(created: Conversation, end: () => Promise<void>): Promise<Record<string, unknown> | undefined>;
  /** The link a person opens, and fields added to the --json object (none for Daily). */
  present(conversation: Conversation): { joinUrl: string | undefined; json?: Record<string, unknown> };
}

/** Daily (CVI): Tavus hosts the room; nothing extra to send, the room's URL to open. */
export function dailyTransport(ctx: Context): Transport {
  return {
    name: 'daily',
    needsPersona: false,
    bodyFields: async () => ({}),
    checkPersona(persona) {
      const id = persona.persona_id;
      if (persona.layers?.transport?.transport_type === 'livekit') {
        ctx.output.warn(
          `Persona ${id} is set up for the LiveKit transport (layers.transport.transport_type = livekit): ` +
            'its replica may never join a Daily room. Use a persona without a LiveKit transport for Daily conversations.',
        );
      } else if (persona.pipeline_mode === 'echo') {
        ctx.output.warn(`Persona ${id} is in echo mode: its replica only repeats what your app sends it and will not talk on its own.`);
      }
    },
    verifyBeforeCreate: async () => undefined,
    verifyAfterCreate: async () => undefined,
    present: (conversation) => ({ joinUrl: joinUrl(conversation) }),
  };
}

export interface LivekitTransportOptions {
  /** Already validated (exit 2 before anything is sent) by resolveLivekitTarget. */
  target: LivekitTarget;
  maxDurationSeconds: number;
  agentIdentity: string | undefined;
  /** false with --no-verify: neither the key pair nor the avatar's join is checked. */
  verify: boolean;
  /** How long verifyAfterCreate waits for the avatar, in ms (--join-timeout). */
  joinTimeoutMs: number;
  /** The Tavus API is the local emulator, so a local LiveKit server is allowed. */
  tavusIsLocal: boolean;
}

/**
 * LiveKit (echo mode): the persona must be echo + livekit, the avatar gets a token for the user's room,
 * and the person gets a Meet link for the same room. Nothing Daily is opened.
 */
export function livekitTransport(ctx: Context, options: LivekitTransportOptions): Transport {
  let plan: LivekitConversationPlan | undefined;
  return {
    name: 'livekit',
    needsPersona: true,
    async bodyFields(persona) {
      const { planLivekitConversation } = await import('../../livekit/conversation.js');
      plan = await planLivekitConversation({
        settings: ctx.settings,
        room: options.target.room,
        persona,
        maxDurationSeconds: options.maxDurationSeconds,
        agentIdentity: options.agentIdentity,
        tavusIsLocal: options.tavusIsLocal,
      });
      // The avatar's token is Tavus's to use, never ours to print (the join link is the deliberate output).
      ctx.output.addSecret(plan.properties.livekit_room_token);
      return { properties: plan.properties };
    },
    checkPersona() {
      // planLivekitConversation checks the persona (echo + livekit) and throws before anything is created.
    },
    async verifyBeforeCreate() {
      if (!options.verify) return;
      const { verifyLivekitCredentials } = await import('./livekit-verify.js');
      await verifyLivekitCredentials(ctx, options.target);
    },
    async verifyAfterCreate(created, end) {
      if (!options.verify) return { verification: { credentials: 'skipped', avatar: 'skipped' } };
      if (!plan) throw new UsageError('Internal: the LiveKit plan was not made before the conversation was created.');
      const { verifyAvatarJoined } = await import('./livekit-verify.js');
      const verification = await verifyAvatarJoined(ctx, {
        target: options.target,
        created,
        agentIdentity: plan.agentIdentity,
        timeoutMs: options.joinTimeoutMs,
        end,
      });
      return { verification };
    },
    present() {
      if (!plan) throw new UsageError('Internal: the LiveKit plan was not made before the conversation was created.');
      return { joinUrl: plan.livekit.join_url, json: { livekit: plan.livekit } };
    },
  };
}
