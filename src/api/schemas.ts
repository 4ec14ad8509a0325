// The shapes of Tavus's v2 resources and request bodies (as Tavus documents them), as zod 4
// schemas. Responses are loose (unknown fields kept) and lenient about enums Tavus may grow;
// request bodies are stricter where a typo would silently break a session (pipeline mode,
// transport). The commands validate user files with the body schemas before anything is sent.
import * as z from 'zod';
import type * as Public from './objects.js';
import { lazySchema } from './lazy-schema.js';

// The published types are the plain interfaces of objects.ts (no zod in them), checked equal to the schemas
// below; import them from objects.ts (or client.ts).

const optionalText = lazySchema(() => z.string().nullish());

// ---------------------------------------------------------------- persona layers

/** Response-side layers: every layer kept as Tavus sent it. */
export const PersonaLayersSchema = lazySchema(() => z.looseObject({
  llm: z.looseObject({}).nullish(),
  tts: z.looseObject({}).nullish(),
  stt: z.looseObject({}).nullish(),
  perception: z.looseObject({}).nullish(),
  conversational_flow: z.looseObject({}).nullish(),
  transport: z.looseObject({ transport_type: optionalText }).nullish(),
}));

/** Body-side layers: the fields whose wrong type or spelling Tavus would not catch for us. */
export const PersonaLayersBodySchema = lazySchema(() => z.looseObject({
  llm: z
    .looseObject({
      model: z.string().optional(),
      base_url: z.string().optional(),
      api_key: z.string().optional(),
      tools: z.array(z.unknown()).optional(),
      speculative_inference: z.boolean().optional(),
    })
    .optional(),
  tts: z
    .looseObject({
      tts_engine: z.string().optional(),
      external_voice_id: z.string().optional(),
      voice_settings: z.looseObject({}).optional(),
    })
    .optional(),
  stt: z
    .looseObject({
      stt_engine: z.string().optional(),
      hotwords: z.string().optional(),
    })
    .optional(),
  perception: z.looseObject({ perception_model: z.string().optional() }).optional(),
  conversational_flow: z.looseObject({}).optional(),
  transport: z.looseObject({ transport_type: z.enum(['daily', 'livekit']).optional() }).optional(),
}));

// ---------------------------------------------------------------- personas

export const PersonaSchema = lazySchema(() => z.looseObject({
  persona_id: z.string(),
  persona_name: optionalText,
  system_prompt: optionalText,
  pipeline_mode: optionalText,
  context: optionalText,
  default_replica_id: optionalText,
  document_ids: z.array(z.string()).nullish(),
  document_tags: z.array(z.string()).nullish(),
  layers: PersonaLayersSchema.nullish(),
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
  persona_name: z.string().min(1).max(1000, 'it is longer than 1000 characters').optional(),
  system_prompt: z.string().min(1).optional(),
  pipeline_mode: z.enum(['full', 'echo']).optional(),
  context: z.string().optional(),
  default_replica_id: z.string().min(1).optional(),
  document_ids: z.array(z.string()).optional(),
  document_tags: z.array(z.string()).optional(),
  objectives_id: z.string().optional(),
  guardrails_id: z.string().optional(),
  layers: PersonaLayersBodySchema.optional(),
}));

/** A persona body as Tavus accepts it: a system prompt is required unless the mode is echo. */
export const PersonaCreateBodySchema = lazySchema(() => PersonaCreateFieldsSchema.superRefine((body, ctx) => {
  if (body.pipeline_mode !== 'echo' && body.system_prompt === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['system_prompt'],
      message: 'system_prompt is required unless pipeline_mode is "echo"',
    });
  }
}));

// ---------------------------------------------------------------- JSON Patch (RFC 6902)

const jsonPointer = lazySchema(() => z.string().regex(/^(\/([^~/]|~[01])*)*$/, 'must be a JSON pointer such as "/persona_name"'));
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
  properties: z
    .looseObject({
      shutdown_reason: optionalText,
      reason: optionalText,
      transcript: z.array(z.looseObject({})).nullish(),
    })
    .nullish(),
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
  events: z.array(ConversationEventSchema).nullish(),
}));

const seconds = lazySchema(() => z.number().int().nonnegative());

export const ConversationPropertiesBodySchema = lazySchema(() => z.looseObject({
  max_call_duration: seconds.positive().optional(),
  participant_left_timeout: seconds.optional(),
  participant_absent_timeout: seconds.optional(),
  enable_recording: z.boolean().optional(),
  enable_closed_captions: z.boolean().optional(),
  apply_greenscreen: z.boolean().optional(),
  language: z.string().min(1).optional(),
  livekit_ws_url: z.string().min(1).optional(),
  livekit_room_token: z.string().min(1).optional(),
}));

export const ConversationCreateFieldsSchema = lazySchema(() => z.looseObject({
  replica_id: z.string().min(1).optional(),
  persona_id: z.string().min(1).optional(),
  conversation_name: z.string().optional(),
  conversational_context: z.string().optional(),
  custom_greeting: z.string().optional(),
  callback_url: z.url({ protocol: /^https?$/ }).optional(),
  audio_only: z.boolean().optional(),
  test_mode: z.boolean().optional(),
  require_auth: z.boolean().optional(),
  max_participants: z.number().int().positive().optional(),
  document_ids: z.array(z.string()).optional(),
  properties: ConversationPropertiesBodySchema.optional(),
}));

/** A conversation body: Tavus needs a replica, given directly or through the persona's default. */
export const ConversationCreateBodySchema = lazySchema(() => ConversationCreateFieldsSchema.superRefine((body, ctx) => {
  if (body.replica_id === undefined && body.persona_id === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['persona_id'],
      message: 'give a persona_id, a replica_id, or both',
    });
  }
}));

// ---------------------------------------------------------------- lists

/** A list answer. `total_count` is optional here because the pagination copes without it. */
export function listResponseSchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    data: z.array(item),
    total_count: z.number().int().nonnegative().nullish(),
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
