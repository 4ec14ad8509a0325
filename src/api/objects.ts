// The public shapes of Tavus's v2 objects and bodies, as plain TypeScript: what `tavus-ten`'s
// published declarations name. They import nothing, so a consumer without zod installed (the package
// bundles it) still gets real types, not `any`. schemas.ts checks at compile time that each schema's
// inferred type and the interface here are the same, so the two cannot drift apart.
// Unset optional fields of Tavus's answers may be `null` (shared/tavus/API-NOTES.md); unknown fields are kept.

/** A layer object as Tavus answers it: every field kept. */
export type LayerObject = { [key: string]: unknown };

/** `persona.layers` in Tavus's answers. */
export interface PersonaLayers {
  [key: string]: unknown;
  llm?: LayerObject | null;
  tts?: LayerObject | null;
  stt?: LayerObject | null;
  perception?: LayerObject | null;
  conversational_flow?: LayerObject | null;
  transport?: { [key: string]: unknown; transport_type?: string | null } | null;
}

/** A persona (PAL) as `GET /v2/personas/{id}` answers it. */
export interface Persona {
  [key: string]: unknown;
  persona_id: string;
  persona_name?: string | null;
  system_prompt?: string | null;
  /** `full` or `echo`. */
  pipeline_mode?: string | null;
  context?: string | null;
  default_replica_id?: string | null;
  document_ids?: string[] | null;
  document_tags?: string[] | null;
  layers?: PersonaLayers | null;
  /** `user` or `system`. */
  persona_type?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

/** What `POST /v2/personas` answers: only a few keys, never the layers. */
export interface PersonaCreated {
  [key: string]: unknown;
  persona_id: string;
  persona_name?: string | null;
  created_at?: string | null;
}

/** `layers` in a persona body: the fields whose wrong type or spelling Tavus would not catch. */
export interface PersonaLayersBody {
  [key: string]: unknown;
  llm?: { [key: string]: unknown; model?: string; base_url?: string; api_key?: string; tools?: unknown[]; speculative_inference?: boolean };
  tts?: { [key: string]: unknown; tts_engine?: string; external_voice_id?: string; voice_settings?: { [key: string]: unknown } };
  stt?: { [key: string]: unknown; stt_engine?: string; hotwords?: string };
  perception?: { [key: string]: unknown; perception_model?: string };
  conversational_flow?: { [key: string]: unknown };
  transport?: { [key: string]: unknown; transport_type?: 'daily' | 'livekit' };
}

/** A `POST /v2/personas` body. `system_prompt` is required unless `pipeline_mode` is `echo`. */
export interface PersonaCreateBody {
  [key: string]: unknown;
  persona_name?: string;
  system_prompt?: string;
  pipeline_mode?: 'full' | 'echo';
  context?: string;
  default_replica_id?: string;
  document_ids?: string[];
  document_tags?: string[];
  objectives_id?: string;
  guardrails_id?: string;
  layers?: PersonaLayersBody;
}

/** One RFC 6902 operation of a `PATCH /v2/personas/{id}` body. */
export type JsonPatchOp =
  | { [key: string]: unknown; op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { [key: string]: unknown; op: 'remove'; path: string }
  | { [key: string]: unknown; op: 'move' | 'copy'; path: string; from: string };

/** A replica (face). Only `completed` replicas can join a conversation. */
export interface Replica {
  [key: string]: unknown;
  replica_id: string;
  replica_name?: string | null;
  thumbnail_video_url?: string | null;
  /** e.g. `"100/100"`. */
  training_progress?: string | null;
  /** `started`, `completed` or `error`. */
  status?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  replica_type?: string | null;
  model_name?: string | null;
  error_message?: string | null;
}

/** One event of `GET /v2/conversations/{id}?verbose=true`. */
export interface ConversationEvent {
  [key: string]: unknown;
  /** e.g. `system.shutdown`, `application.transcription_ready`. */
  event_type: string;
  message_type?: string | null;
  timestamp?: string | null;
  conversation_id?: string | null;
  properties?: {
    [key: string]: unknown;
    shutdown_reason?: string | null;
    /** Some of Tavus's examples say `reason`. */
    reason?: string | null;
    transcript?: { [key: string]: unknown }[] | null;
  } | null;
}

/** A conversation as Tavus answers it. */
export interface Conversation {
  [key: string]: unknown;
  conversation_id: string;
  conversation_name?: string | null;
  conversation_url?: string | null;
  room_url?: string | null;
  meeting_token?: string | null;
  /** `active` or `ended`. */
  status?: string | null;
  callback_url?: string | null;
  replica_id?: string | null;
  persona_id?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  events?: ConversationEvent[] | null;
}

/** `properties` of a conversation body. Durations in seconds. */
export interface ConversationPropertiesBody {
  [key: string]: unknown;
  max_call_duration?: number;
  participant_left_timeout?: number;
  participant_absent_timeout?: number;
  enable_recording?: boolean;
  enable_closed_captions?: boolean;
  apply_greenscreen?: boolean;
  /** The full language name (`english`) or `multilingual`, never a two-letter code. */
  language?: string;
  /** LiveKit transport: the `wss://` server URL Tavus's avatar dials. */
  livekit_ws_url?: string;
  /** LiveKit transport: the avatar's access token for the room. */
  livekit_room_token?: string;
}

/** A `POST /v2/conversations` body: a replica is needed, directly or as the persona's default. */
export interface ConversationCreateBody {
  [key: string]: unknown;
  replica_id?: string;
  persona_id?: string;
  conversation_name?: string;
  conversational_context?: string;
  custom_greeting?: string;
  callback_url?: string;
  audio_only?: boolean;
  test_mode?: boolean;
  require_auth?: boolean;
  max_participants?: number;
  document_ids?: string[];
  properties?: ConversationPropertiesBody;
}
