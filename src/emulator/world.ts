// The emulator's mutable world: stored objects, account settings, the clock and its own URL.
import type { AvatarRoster } from './livekit-join.js';
import type { EmulatorState, StoredConversation } from './types.js';

export interface AccountSettings {
  concurrency: number;
  outOfCredits: boolean;
  latencyMs: number;
  maxPageSize: number;
}

export interface World {
  readonly state: EmulatorState;
  readonly settings: AccountSettings;
  readonly now: () => number;
  /** The LiveKit server's key and secret, when configured: room tokens are then checked in full. */
  readonly livekit?: { apiKey: string; apiSecret: string };
  /** Known once the server listens; conversation URLs point back at it. */
  baseUrl: string;
  /** With `livekitJoin`: the avatars really in LiveKit rooms. */
  avatars?: AvatarRoster;
  /** Called once when a conversation ends, however it ended (the avatar leaves its room). */
  onConversationEnded?: (conversation: StoredConversation) => void;
}

export function emptyState(): EmulatorState {
  return { personas: new Map(), replicas: new Map(), conversations: new Map(), roomJoins: [] };
}

/** Empties in place, so references handed out earlier (emulator.state) stay live. */
export function clearState(state: EmulatorState): void {
  state.personas.clear();
  state.replicas.clear();
  state.conversations.clear();
  state.roomJoins.length = 0;
}
