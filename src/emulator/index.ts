// The Tavus API emulator: a real HTTP server faithful to shared/tavus/API-NOTES.md, for tests, --mock and `tavus-ten mock`.
export { DEFAULT_API_KEY, startEmulator } from './server.js';
export type {
  CallbackDelivery,
  ConversationEvent,
  Emulator,
  EmulatorOptions,
  EmulatorState,
  Fault,
  FaultRule,
  PipelineMode,
  RecordedRequest,
  RoomJoin,
  StoredConversation,
  StoredPersona,
  StoredReplica,
} from './types.js';
