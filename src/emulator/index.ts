// The Tavus API emulator: a real HTTP server faithful to Tavus's documented v2 API, for tests, --mock and `tavus-ten mock`.
export { DEFAULT_API_KEY, startEmulator } from './server.js';
export { SHUTDOWN_REASON } from './conversation-lifecycle.js';
export type {
  CallbackDelivery,
  ConversationEndedListener,
  ConversationEvent,
  Emulator,
  EmulatorClockHandle,
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
