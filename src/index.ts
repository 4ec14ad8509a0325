// The package entry for people who script Tavus in TypeScript: the client, its types, its errors, and the
// callback payload types with their parser (for handlers of Tavus's webhooks).
export { createTavusClient } from './api/client.js';
export type * from './api/client.js';
export * from './errors.js';
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
