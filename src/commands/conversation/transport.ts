// What differs between the ways an avatar meets a person: the fields a transport adds to the create
// body, what it requires of the persona, and what a person opens to join. `start` calls only this
// interface, so another transport (LiveKit) is one more implementation and one more branch.
import type { Conversation, ConversationCreateBody, Persona } from '../../api/client.js';
import { joinUrl } from '../../conversations/join-url.js';
import type { Context } from '../../context.js';

export interface Transport {
  readonly name: 'daily';
  /** Transport-specific body fields (Daily: none). May mint tokens; runs before anything is sent. */
  bodyFields(): Promise<Partial<ConversationCreateBody>>;
  /** Preflight: warn about (or throw for) a persona that cannot work on this transport. */
  checkPersona(persona: Persona): void;
  /** The link a person opens, and fields added to the --json object (none for Daily). */
  present(conversation: Conversation): { joinUrl: string | undefined; json?: Record<string, unknown> };
}

/** Daily (CVI): Tavus hosts the room; nothing extra to send, the room's URL to open. */
export function dailyTransport(ctx: Context): Transport {
  return {
    name: 'daily',
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
    present: (conversation) => ({ joinUrl: joinUrl(conversation) }),
  };
}
