// The emulator's public types: options, recorded traffic, faults, state and the handle tests hold.
import type { CallbackDelivery } from './callbacks.js';

export type { CallbackDelivery } from './callbacks.js';

export interface EmulatorOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The one accepted x-api-key; default 'tvs_mock_0000000000000000'. */
  apiKey?: string;
  /** Max active (non-test_mode) conversations per account; default 3. */
  concurrency?: number;
  /** Added to every /v2 response; default 0. */
  latencyMs?: number;
  /** Stock replicas and personas; default true. */
  seed?: boolean;
  /** Creates of conversations answer 402; default false. */
  outOfCredits?: boolean;
  /** A list `limit` above this is clamped; default: no cap (the spec states none). */
  maxPageSize?: number;
  /** Where real time comes from, in ms (tests pass a settable one); default Date.now. */
  now?: () => number;
  /**
   * Emulated seconds per real second for conversation timeouts and timestamps (`mock --time-scale N`);
   * default 1. Tests rather keep 1 and call `clock.advance()` (or POST /__emulator/clock/advance).
   */
  timeScale?: number;
  /** Called once for each conversation that ends, however it ends (see Emulator.onConversationEnded). */
  onConversationEnded?: ConversationEndedListener;
  /**
   * The user's LiveKit server (LIVEKIT_API_KEY / LIVEKIT_API_SECRET). With it, a LiveKit conversation's
   * room token is checked as that server would (key, signature, expiry, roomJoin grant, room); without
   * it, everything but the key and signature. It also serves a minimal LiveKit RoomService (ListRooms)
   * accepting tokens signed with this key pair, for `doctor`.
   */
  livekit?: { apiKey: string; apiSecret: string };
  /**
   * The avatar of a LiveKit conversation really joins `properties.livekit_ws_url` with the room token
   * (needs the optional `@livekit/rtc-node`; startEmulator rejects without it): it publishes a face
   * whose mouth follows the audio of the token's `lk.publish_on_behalf` participant, and that audio,
   * and leaves when the conversation ends. A refusal ends the conversation with `livekit_join_failed`.
   * Default false: the join is judged from the token alone.
   */
  livekitJoin?: boolean;
}

export interface RecordedRequest {
  id: number;
  method: string;
  /** Without the query, e.g. '/v2/personas/p123'. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names, values as received. */
  headers: Record<string, string>;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** The status answered; 0 while pending or when the connection was dropped. */
  status: number;
  at: number;
}

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'html'; status: number }
  | { kind: 'retry-after'; status?: 429 | 503; retryAfter: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset-before-response' }
  | { kind: 'reset-mid-body' }
  | { kind: 'truncated-json' }
  | { kind: 'wrong-content-type' }
  | { kind: 'large-body'; bytes: number };

export interface FaultRule {
  fault: Fault;
  /** Case-insensitive; any method when absent. */
  method?: string;
  /** Exact path (a trailing '*' matches a prefix) or a RegExp; any /v2 path when absent. */
  path?: string | RegExp;
  /** Default 1; Infinity is allowed. */
  times?: number;
}

export type PipelineMode = 'full' | 'echo';
export type OwnerType = 'user' | 'system';

/** A persona as stored: the documented fields plus whatever the creator sent. */
export interface StoredPersona {
  persona_id: string;
  persona_name: string | null;
  system_prompt: string | null;
  context: string | null;
  pipeline_mode: PipelineMode;
  default_replica_id: string | null;
  layers: Record<string, unknown>;
  persona_type: OwnerType;
  created_at: string;
  updated_at: string;
  [extra: string]: unknown;
}

export interface StoredReplica {
  replica_id: string;
  replica_name: string;
  thumbnail_video_url: string;
  training_progress: string;
  status: 'started' | 'completed' | 'error';
  created_at: string;
  updated_at: string;
  error_message: string | null;
  replica_type: OwnerType;
  model_name: string;
}

export interface ConversationEvent {
  event_type: string;
  message_type: 'system' | 'application';
  timestamp: string;
  conversation_id: string;
  properties?: Record<string, unknown>;
}

export interface StoredConversation {
  conversation_id: string;
  conversation_name: string;
  conversation_url: string;
  /** Absent for LiveKit conversations. */
  room_url?: string;
  status: 'active' | 'ended';
  callback_url: string | null;
  replica_id: string;
  persona_id: string | null;
  created_at: string;
  updated_at: string;
  meeting_token?: string;
  /** The create body as sent, for inspection. */
  request: Record<string, unknown>;
  testMode: boolean;
  createdAtMs: number;
  maxCallDurationS: number;
  /** properties.participant_absent_timeout (default 300). */
  absentTimeoutS: number;
  /** properties.participant_left_timeout (default 0: end as soon as the last participant leaves). */
  leftTimeoutS: number;
  /** When the replica joined (the room page loaded, or the avatar was admitted to the LiveKit room). */
  joinedAtMs?: number;
  /** Participants (people, agents) in the room now: room page sessions or LiveKit identities. */
  participants: string[];
  /** When the first participant joined: from then on participant_absent_timeout no longer applies. */
  firstParticipantAtMs?: number;
  /** When the room last became empty, for participant_left_timeout. */
  lastLeftAtMs?: number;
  endedAtMs?: number;
  shutdownReason?: string;
  events: ConversationEvent[];
}

/** A user replica's training: what the clock turns into status and progress (replica-training.ts). */
export interface TrainingJob {
  startedAtMs: number;
  /** Set when the training media asks for the error path (a URL containing "fail"). */
  fails: boolean;
  callbackUrl: string | null;
}

/** A knowledge-base document as Tavus answers it, plus its processing job (documents.ts). */
export interface StoredDocument {
  document_id: string;
  document_name: string;
  document_url: string;
  status: 'started' | 'processing' | 'ready' | 'error' | 'recrawling';
  progress: number | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  callback_url: string | null;
  tags: string[];
  crawl_config: { depth?: number; max_pages?: number } | null;
  crawled_urls: string[] | null;
  last_crawled_at: string | null;
  crawl_count: number | null;
}

export interface DocumentJob {
  startedAtMs: number;
  fails: boolean;
  /** The status last reported to the callback URL, so each change is sent once. */
  reported: string | null;
}

/** An objectives set: Tavus's own document shape, the one PATCH paths (`/data/0/objective_name`) address. */
export interface StoredObjectives {
  objectives_id: string;
  data: Array<Record<string, unknown>>;
  created_at: string;
  updated_at: string;
}

/** A guardrails set: `name` as created, and its guardrails under `data` (PATCH `/data/0/guardrail_prompt`). */
export interface StoredGuardrails {
  guardrails_id: string;
  guardrails_name: string | null;
  data: Array<Record<string, unknown>>;
  created_at: string;
  updated_at: string;
}

/** Called after a conversation ended (status, shutdownReason and events already set). Errors are ignored. */
export type ConversationEndedListener = (conversation: StoredConversation) => void;

/** The emulator's clock as tests and other code see it. */
export interface EmulatorClockHandle {
  /** Emulated time, ms since the epoch. */
  now(): number;
  readonly timeScale: number;
  /** Moves emulated time forward (seconds >= 0) and applies every timeout that falls due, at once. */
  advance(seconds: number): void;
}

export interface RoomJoin {
  conversationId: string;
  at: number;
}

export interface EmulatorState {
  personas: Map<string, StoredPersona>;
  replicas: Map<string, StoredReplica>;
  conversations: Map<string, StoredConversation>;
  roomJoins: RoomJoin[];
  trainings: Map<string, TrainingJob>;
  documents: Map<string, { document: StoredDocument; job: DocumentJob }>;
  objectives: Map<string, StoredObjectives>;
  guardrails: Map<string, StoredGuardrails>;
}

export interface Emulator {
  /** 'http://127.0.0.1:PORT': what users put in TAVUS_API_BASE_URL (clients add /v2). */
  readonly url: string;
  readonly apiKey: string;
  /** Every request under /v2 and /twirp (LiveKit), in arrival order (control plane and room pages excluded). */
  readonly requests: RecordedRequest[];
  /** Faults are consumed in order of injection among matching rules. */
  inject(rule: FaultRule): void;
  clearFaults(): void;
  setConcurrency(n: number): void;
  setOutOfCredits(v: boolean): void;
  setLatency(ms: number): void;
  /** Back to seed data and the starting options; requests and faults cleared. */
  reset(): void;
  /** Bulk data for benchmarks. */
  seedPersonas(count: number, opts?: { prefix?: string; pipelineMode?: PipelineMode }): void;
  /** Returns the ids; ignores the concurrency cap. */
  seedConversations(count: number, status: 'active' | 'ended'): string[];
  /** As if Tavus ended it (max duration, participant left…); default reason 'participant_left_timeout reached'. */
  endConversation(id: string, reason?: string): void;
  /** The clock that drives timeouts: advance it instead of sleeping. */
  readonly clock: EmulatorClockHandle;
  /**
   * Calls `listener` once for each conversation that ends from now on (end endpoint, a timeout, a failed
   * LiveKit join, the control plane). For code that must react, e.g. an emulated avatar leaving its
   * LiveKit room. Returns a function that removes the listener.
   */
  onConversationEnded(listener: ConversationEndedListener): () => void;
  /**
   * A participant (a person or an agent; not the replica) joined the conversation's room: the entry
   * point for LiveKit rooms (the Daily room page reports its own). Cancels participant_absent_timeout
   * and a pending participant_left_timeout. Returns false when the conversation has ended;
   * throws for an unknown conversation. Joining twice with the same id counts once.
   */
  participantJoined(conversationId: string, participantId: string): boolean;
  /**
   * That participant left. When the room is then empty, participant_left_timeout starts (0 ends the
   * conversation at once). Unknown participants and ended conversations are ignored; throws for an
   * unknown conversation.
   */
  participantLeft(conversationId: string, participantId: string): void;
  readonly state: EmulatorState;
  /** Every callback the emulator POSTed (replica training, document processing), in order. */
  readonly callbacks: readonly CallbackDelivery[];
  /** Resolves once every callback under way has been delivered (or has failed). */
  callbacksSettled(): Promise<void>;
  /** Also closes keep-alive sockets and pending delayed responses promptly. */
  close(): Promise<void>;
}
