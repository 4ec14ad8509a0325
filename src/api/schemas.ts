// The shapes of Tavus's v2 resources and request bodies (as Tavus documents them), as zod 4
// schemas. Responses are loose (unknown fields kept) and lenient about enums Tavus may grow;
// request bodies are stricter where a typo would silently break a session (pipeline mode,
// transport). The commands validate user files with the body schemas before anything is sent.
import { z } from '../zod.js';
import type * as Public from './objects.js';
import { lazySchema } from './lazy-schema.js';

// The published types are the plain interfaces of objects.ts (no zod in them), checked equal to the schemas
// below; import them from objects.ts (or client.ts).

const optionalText = lazySchema(() => z.nullish(z.string()));
/** A string of at least one character (zod's own message when empty). */
const nonEmpty = () => z.string().check(z.minLength(1));

// ---------------------------------------------------------------- persona layers

/** Response-side layers: every layer kept as Tavus sent it. */
export const PersonaLayersSchema = lazySchema(() => z.looseObject({
  llm: z.nullish(z.looseObject({})),
  tts: z.nullish(z.looseObject({})),
  stt: z.nullish(z.looseObject({})),
  perception: z.nullish(z.looseObject({})),
  conversational_flow: z.nullish(z.looseObject({})),
  transport: z.nullish(z.looseObject({ transport_type: optionalText })),
}));

/** Body-side layers: the fields whose wrong type or spelling Tavus would not catch for us. */
export const PersonaLayersBodySchema = lazySchema(() => z.looseObject({
  llm: z.optional(
    z.looseObject({
      model: z.optional(z.string()),
      base_url: z.optional(z.string()),
      api_key: z.optional(z.string()),
      tools: z.optional(z.array(z.unknown())),
      speculative_inference: z.optional(z.boolean()),
    }),
  ),
  tts: z.optional(
    z.looseObject({
      tts_engine: z.optional(z.string()),
      external_voice_id: z.optional(z.string()),
      voice_settings: z.optional(z.looseObject({})),
    }),
  ),
  stt: z.optional(
    z.looseObject({
      stt_engine: z.optional(z.string()),
      hotwords: z.optional(z.string()),
    }),
  ),
  perception: z.optional(z.looseObject({ perception_model: z.optional(z.string()) })),
  conversational_flow: z.optional(z.looseObject({})),
  transport: z.optional(z.looseObject({ transport_type: z.optional(z.enum(['daily', 'livekit'])) })),
}));

// ---------------------------------------------------------------- personas

export const PersonaSchema = lazySchema(() => z.looseObject({
  persona_id: z.string(),
  persona_name: optionalText,
  system_prompt: optionalText,
  pipeline_mode: optionalText,
  context: optionalText,
  default_replica_id: optionalText,
  document_ids: z.nullish(z.array(z.string())),
  document_tags: z.nullish(z.array(z.string())),
  layers: z.nullish(PersonaLayersSchema),
  persona_type: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
}));

/** What `POST /personas` answers: only a few keys, never the layers. */
export const PersonaCreatedSchema = lazySchema(() => z.looseObject({
  persona_id: z.string(),
  persona_name: optionalText,
  created_at: optionalText,
}));

/** The persona body's fields without the cross-field rule, for callers that extend or pick. */
export const PersonaCreateFieldsSchema = lazySchema(() => z.looseObject({
  persona_name: z.optional(z.string().check(z.minLength(1), z.maxLength(1000, 'it is longer than 1000 characters'))),
  system_prompt: z.optional(nonEmpty()),
  pipeline_mode: z.optional(z.enum(['full', 'echo'])),
  context: z.optional(z.string()),
  default_replica_id: z.optional(nonEmpty()),
  document_ids: z.optional(z.array(z.string())),
  document_tags: z.optional(z.array(z.string())),
  objectives_id: z.optional(z.string()),
  guardrails_id: z.optional(z.string()),
  layers: z.optional(PersonaLayersBodySchema),
}));

/** A persona body as Tavus accepts it: a system prompt is required unless the mode is echo. */
export const PersonaCreateBodySchema = lazySchema(() => PersonaCreateFieldsSchema.check(z.superRefine((body, ctx) => {
  if (body.pipeline_mode !== 'echo' && body.system_prompt === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['system_prompt'],
      message: 'system_prompt is required unless pipeline_mode is "echo"',
    });
  }
})));

// ---------------------------------------------------------------- JSON Patch (RFC 6902)

const jsonPointer = lazySchema(() => z.string().check(z.regex(/^(\/([^~/]|~[01])*)*$/, 'must be a JSON pointer such as "/persona_name"')));
// zod 4 already requires a `value` key for z.unknown() (null is a valid value).
const withValue = <Op extends string>(op: Op) => z.looseObject({ op: z.literal(op), path: jsonPointer, value: z.unknown() });

export const JsonPatchOpSchema = lazySchema(() => z.discriminatedUnion('op', [
  withValue('add'),
  withValue('replace'),
  withValue('test'),
  z.looseObject({ op: z.literal('remove'), path: jsonPointer }),
  z.looseObject({ op: z.literal('move'), path: jsonPointer, from: jsonPointer }),
  z.looseObject({ op: z.literal('copy'), path: jsonPointer, from: jsonPointer }),
]));
export const JsonPatchSchema = lazySchema(() => z.array(JsonPatchOpSchema));

// ---------------------------------------------------------------- replicas

export const ReplicaSchema = lazySchema(() => z.looseObject({
  replica_id: z.string(),
  replica_name: optionalText,
  thumbnail_video_url: optionalText,
  training_progress: optionalText,
  status: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  replica_type: optionalText,
  model_name: optionalText,
  error_message: optionalText,
}));

// ---------------------------------------------------------------- conversations

export const ConversationEventSchema = lazySchema(() => z.looseObject({
  event_type: z.string(),
  message_type: optionalText,
  timestamp: optionalText,
  conversation_id: optionalText,
  // Sources disagree on `shutdown_reason` vs `reason`: see shutdownReasonOf in conversations.ts.
  properties: z.nullish(
    z.looseObject({
      shutdown_reason: optionalText,
      reason: optionalText,
      transcript: z.nullish(z.array(z.looseObject({}))),
    }),
  ),
}));

export const ConversationSchema = lazySchema(() => z.looseObject({
  conversation_id: z.string(),
  conversation_name: optionalText,
  conversation_url: optionalText,
  room_url: optionalText,
  meeting_token: optionalText,
  status: optionalText,
  callback_url: optionalText,
  replica_id: optionalText,
  persona_id: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  events: z.nullish(z.array(ConversationEventSchema)),
}));

const seconds = lazySchema(() => z.number().check(z.int(), z.nonnegative()));

export const ConversationPropertiesBodySchema = lazySchema(() => z.looseObject({
  max_call_duration: z.optional(seconds.check(z.positive())),
  participant_left_timeout: z.optional(seconds),
  participant_absent_timeout: z.optional(seconds),
  enable_recording: z.optional(z.boolean()),
  enable_closed_captions: z.optional(z.boolean()),
  apply_greenscreen: z.optional(z.boolean()),
  language: z.optional(nonEmpty()),
  livekit_ws_url: z.optional(nonEmpty()),
  livekit_room_token: z.optional(nonEmpty()),
}));

export const ConversationCreateFieldsSchema = lazySchema(() => z.looseObject({
  replica_id: z.optional(nonEmpty()),
  persona_id: z.optional(nonEmpty()),
  conversation_name: z.optional(z.string()),
  conversational_context: z.optional(z.string()),
  custom_greeting: z.optional(z.string()),
  callback_url: z.optional(z.url({ protocol: /^https?$/ })),
  audio_only: z.optional(z.boolean()),
  test_mode: z.optional(z.boolean()),
  require_auth: z.optional(z.boolean()),
  max_participants: z.optional(z.number().check(z.int(), z.positive())),
  document_ids: z.optional(z.array(z.string())),
  properties: z.optional(ConversationPropertiesBodySchema),
}));

/** A conversation body: Tavus needs a replica, given directly or through the persona's default. */
export const ConversationCreateBodySchema = lazySchema(() => ConversationCreateFieldsSchema.check(z.superRefine((body, ctx) => {
  if (body.replica_id === undefined && body.persona_id === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['persona_id'],
      message: 'give a persona_id, a replica_id, or both',
    });
  }
})));

// ---------------------------------------------------------------- lists

/** A list answer. `total_count` is optional here because the pagination copes without it. */
export function listResponseSchema<Item extends z.core.$ZodType>(item: Item) {
  return z.looseObject({
    data: z.array(item),
    total_count: z.nullish(z.number().check(z.int(), z.nonnegative())),
  });
}

// ---------------------------------------------------------------- the public types match the schemas

/** true when A and B are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A schema changed without its interface in objects.ts (or the reverse) fails to compile here.
const schemasMatchPublicTypes: [
  Same<z.infer<typeof PersonaLayersSchema>, Public.PersonaLayers>,
  Same<z.infer<typeof PersonaLayersBodySchema>, Public.PersonaLayersBody>,
  Same<z.infer<typeof PersonaSchema>, Public.Persona>,
  Same<z.infer<typeof PersonaCreatedSchema>, Public.PersonaCreated>,
  Same<z.infer<typeof PersonaCreateBodySchema>, Public.PersonaCreateBody>,
  Same<z.infer<typeof JsonPatchOpSchema>, Public.JsonPatchOp>,
  Same<z.infer<typeof ReplicaSchema>, Public.Replica>,
  Same<z.infer<typeof ConversationEventSchema>, Public.ConversationEvent>,
  Same<z.infer<typeof ConversationSchema>, Public.Conversation>,
  Same<z.infer<typeof ConversationCreateBodySchema>, Public.ConversationCreateBody>,
] = [true, true, true, true, true, true, true, true, true, true];
void schemasMatchPublicTypes;
