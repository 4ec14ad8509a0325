// The bodies Tavus POSTs to a callback_url, as plain TypeScript types, and parseTavusCallback, which
// checks a body and narrows it by `event_type` for handlers written in TypeScript. Shapes from
// shared/tavus/API-NOTES.md (conversation callbacks: `{conversation_id, event_type, message_type,
// timestamp, properties}`), the official spec (transcript entries, verbose events) and Tavus's webhooks
// and replica-training guides. Unknown fields are kept; Tavus adds some without notice.
import { z } from '../zod.js';

/** One turn of the end-of-call transcript. `timestamp`: Unix epoch seconds (float); durations in seconds. */
export interface TranscriptTurn {
  role: 'user' | 'assistant' | 'system' | 'tool' | (string & {});
  content: string;
  timestamp?: number;
  seconds_from_start?: number;
  duration?: number;
  inference_id?: string;
  [extra: string]: unknown;
}

interface ConversationCallbackBase<Type extends string, Message extends 'system' | 'application', Properties> {
  conversation_id: string;
  event_type: Type;
  message_type: Message;
  /** ISO 8601. */
  timestamp: string;
  properties: Properties;
  [extra: string]: unknown;
}

/** The replica is in the conversation's room. `properties` is often empty. */
export type ReplicaJoinedCallback = ConversationCallbackBase<'system.replica_joined', 'system', Record<string, unknown>>;
/** The conversation ended. `shutdown_reason` (some examples say `reason`): e.g. `participant_left_timeout reached`. */
export type ShutdownCallback = ConversationCallbackBase<'system.shutdown', 'system', { shutdown_reason?: string; reason?: string; [extra: string]: unknown }>;
/** The end-of-call transcript, after the end. */
export type TranscriptionReadyCallback = ConversationCallbackBase<'application.transcription_ready', 'application', { transcript: TranscriptTurn[]; [extra: string]: unknown }>;
/** The recording is in the user's bucket: `s3_key` within `bucket_name`, `duration` in seconds. */
export type RecordingReadyCallback = ConversationCallbackBase<
  'application.recording_ready',
  'application',
  { bucket_name?: string; s3_key: string; duration?: number; [extra: string]: unknown }
>;
/** The end-of-call visual analysis of the user (persona perception layer on): prose in `analysis`. */
export type PerceptionAnalysisCallback = ConversationCallbackBase<'application.perception_analysis', 'application', { analysis: string; [extra: string]: unknown }>;

export type ConversationCallback = ReplicaJoinedCallback | ShutdownCallback | TranscriptionReadyCallback | RecordingReadyCallback | PerceptionAnalysisCallback;

/** A replica's training finished (`status: "ready"`) or failed (`"error"`, with `error_message`). It has no event_type. */
export interface ReplicaTrainingCallback {
  replica_id: string;
  status: 'ready' | 'error' | (string & {});
  error_message?: string;
  [extra: string]: unknown;
}

/** What parseTavusCallback returns: a conversation event, or (`kind: 'replica.training'`) a training result. */
export type TavusCallback = ({ kind: 'conversation' } & ConversationCallback) | ({ kind: 'replica.training' } & ReplicaTrainingCallback);

/** The conversation event types Tavus documents for callbacks, in the order a conversation produces them. */
export const CONVERSATION_EVENT_TYPES = [
  'system.replica_joined',
  'system.shutdown',
  'application.transcription_ready',
  'application.perception_analysis',
  'application.recording_ready',
] as const satisfies readonly ConversationCallback['event_type'][];

/** A body that is not a Tavus callback; `path` names the field (`properties.transcript`), `` for the body itself. */
export class TavusCallbackError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'TavusCallbackError';
  }
}

const base = { conversation_id: z.string().check(z.minLength(1)), timestamp: z.string() };
const system = z.literal('system');
const application = z.literal('application');
const turn = z.looseObject({ role: z.string(), content: z.string() });

const conversationSchema = z.discriminatedUnion('event_type', [
  z.looseObject({ ...base, event_type: z.literal('system.replica_joined'), message_type: system, properties: z._default(z.looseObject({}), {}) }),
  z.looseObject({
    ...base,
    event_type: z.literal('system.shutdown'),
    message_type: system,
    properties: z.looseObject({ shutdown_reason: z.optional(z.string()), reason: z.optional(z.string()) }),
  }),
  z.looseObject({ ...base, event_type: z.literal('application.transcription_ready'), message_type: application, properties: z.looseObject({ transcript: z.array(turn) }) }),
  z.looseObject({
    ...base,
    event_type: z.literal('application.recording_ready'),
    message_type: application,
    properties: z.looseObject({ s3_key: z.string(), bucket_name: z.optional(z.string()), duration: z.optional(z.number()) }),
  }),
  z.looseObject({ ...base, event_type: z.literal('application.perception_analysis'), message_type: application, properties: z.looseObject({ analysis: z.string() }) }),
]);

const trainingSchema = z.looseObject({ replica_id: z.string().check(z.minLength(1)), status: z.string().check(z.minLength(1)), error_message: z.optional(z.string()) });

/**
 * Checks a callback body and narrows it: `kind` tells a conversation event (then switch on
 * `event_type`) from a replica-training result. `body`: the raw bytes or text, or already-parsed JSON.
 * Throws TavusCallbackError naming the field when the body is not JSON, lacks a documented field, or has
 * an event_type Tavus does not document (listed in the message).
 */
export function parseTavusCallback(body: string | Uint8Array | unknown): TavusCallback {
  let value: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    try {
      value = JSON.parse(text);
    } catch {
      throw new TavusCallbackError('The body is not JSON.', '');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TavusCallbackError('The body is not a JSON object.', '');
  const record = value as Record<string, unknown>;
  if (!('event_type' in record) && 'replica_id' in record) {
    const training = trainingSchema.safeParse(record);
    if (!training.success) throw fromIssues(training.error);
    return { kind: 'replica.training', ...(training.data as ReplicaTrainingCallback) };
  }
  if (typeof record.event_type !== 'string') throw new TavusCallbackError('No event_type (and no replica_id): not a Tavus callback.', 'event_type');
  if (!(CONVERSATION_EVENT_TYPES as readonly string[]).includes(record.event_type)) {
    throw new TavusCallbackError(`Unknown event_type ${JSON.stringify(record.event_type)}; Tavus documents ${CONVERSATION_EVENT_TYPES.join(', ')}.`, 'event_type');
  }
  const conversation = conversationSchema.safeParse(record);
  if (!conversation.success) throw fromIssues(conversation.error);
  return { kind: 'conversation', ...(conversation.data as ConversationCallback) };
}

function fromIssues(error: z.core.$ZodError): TavusCallbackError {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  return new TavusCallbackError(`${path || 'body'}: ${issue.message}`, path);
}
