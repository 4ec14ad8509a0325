// The package entry for people who script Tavus in TypeScript: the client, its types, its errors, the
// LiveKit avatar start (the same checks and token as `conversation start --transport livekit`), and the
// callback payload types with their parser (for handlers of Tavus's webhooks).
import './zod-english.js';
export { createTavusClient } from './settings/library-client.js';
export type * from './api/client.js';
export type * from './api/objects.js';
export * from './errors.js';
export { classifyShutdown, SHUTDOWN_REASONS, type ShutdownKind, type ShutdownVerdict } from './conversations/shutdown.js';
export {
  conversationStillRunning,
  livekitAvatarProperties,
  startLivekitAvatar,
  type JoinCheck,
  type JoinCheckInput,
  type LivekitAvatarProperties,
  type LivekitAvatarTarget,
  type StartedLivekitAvatar,
  type StartLivekitAvatarOptions,
} from './livekit/avatar.js';
export { AVATAR_IDENTITY, mintAvatarToken, type LivekitCredentials, type MintedToken } from './livekit/token.js';
export { run } from './main.js';
export { CONVERSATION_EVENT_TYPES, parseTavusCallback, TavusCallbackError } from './webhook/payloads.js';
export type {
  ConversationCallback,
  PerceptionAnalysisCallback,
  RecordingReadyCallback,
  ReplicaJoinedCallback,
  ReplicaTrainingCallback,
  ShutdownCallback,
  TavusCallback,
  TranscriptionReadyCallback,
  TranscriptTurn,
} from './webhook/payloads.js';
