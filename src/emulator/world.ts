// The emulator's mutable world: stored objects, account settings, the clock and its own URL.
import type { CallbackSender } from './callbacks.js';
import type { EmulatorClock } from './clock.js';
import type { ConversationEndedListener, EmulatorState, StoredConversation } from './types.js';

export interface AccountSettings {
  concurrency: number;
  outOfCredits: boolean;
  latencyMs: number;
  /** undefined: no cap (the spec states none). */
  maxPageSize: number | undefined;
}

export interface World {
  readonly state: EmulatorState;
  readonly settings: AccountSettings;
  /** Emulated time (clock.now). */
  readonly now: () => number;
  readonly clock: EmulatorClock;
  /** Told after each conversation ends. */
  readonly endedListeners: Set<ConversationEndedListener>;
  /** The LiveKit server's key and secret, when configured: room tokens are then checked in full. */
  readonly livekit?: { apiKey: string; apiSecret: string };
  /** Known once the server listens; conversation URLs point back at it. */
  baseUrl: string;
  /** Where replica-training and document callbacks are sent from (and recorded). */
  readonly callbacks: CallbackSender;
  /** With `livekitJoin`: sends each LiveKit conversation's avatar into its room for real (livekit-join.ts's AvatarRoster). */
  avatars?: AvatarAdmission;
}

export function emptyState(): EmulatorState {
  return {
    personas: new Map(),
    replicas: new Map(),
    conversations: new Map(),
    roomJoins: [],
    trainings: new Map(),
    documents: new Map(),
    objectives: new Map(),
    guardrails: new Map(),
  };
}

/** Empties in place, so references handed out earlier (emulator.state) stay live. */
export function clearState(state: EmulatorState): void {
  state.personas.clear();
  state.replicas.clear();
  state.conversations.clear();
  state.roomJoins.length = 0;
  state.trainings.clear();
  state.documents.clear();
  state.objectives.clear();
  state.guardrails.clear();
}

/**
 * What the world needs of the avatars that really join LiveKit rooms (livekit-join.ts's AvatarRoster),
 * declared here so the world does not import the module that imports it.
 */
export interface AvatarAdmission {
  admit(conversation: StoredConversation, url: string, token: string): void;
  close(): Promise<void>;
}
