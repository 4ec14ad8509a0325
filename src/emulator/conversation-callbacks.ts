// A conversation's events as Tavus posts them to its callback_url: system.replica_joined when the replica
// is in the room; at the end system.shutdown (with its reason), then application.transcription_ready,
// application.perception_analysis (when the persona's perception layer is on) and
// application.recording_ready (when recording to the user's bucket was asked for). Bodies:
// `{conversation_id, event_type, message_type, timestamp, properties}` (shared/tavus/API-NOTES.md,
// Tavus's webhooks guide, the official spec's verbose events).
import type { ConversationEvent, StoredConversation } from './types.js';
import type { World } from './world.js';

/** Posts `event` to the conversation's callback_url, if it has one (recorded in world.callbacks). */
export function postConversationEvent(world: World, c: StoredConversation, event: ConversationEvent): void {
  if (!c.callback_url || c.testMode) return; // test_mode conversations never run, so nothing calls back
  world.callbacks.send(c.callback_url, event.event_type, event);
}

/** Whether the conversation's persona has perception on (raven-0 or raven-1; absent or `off` is off). */
export function perceptionOn(world: World, c: StoredConversation): boolean {
  const persona = c.persona_id ? world.state.personas.get(c.persona_id) : undefined;
  const perception = persona?.layers.perception as { perception_model?: unknown } | undefined;
  return typeof perception?.perception_model === 'string' && perception.perception_model !== 'off';
}

/** The end-of-call visual analysis: one paragraph of prose, as Tavus's guide shows it. */
export function perceptionAnalysis(durationS: number): Record<string, unknown> {
  return {
    analysis:
      `Over the ${Math.round(durationS)} seconds of the call the user sat facing the camera in a well-lit room, ` +
      'wearing a dark top. They appeared calm and attentive, smiled at the greeting and nodded while listening. ' +
      'No screen was shared. (Emulated analysis from tavus-ten mock.)',
  };
}

/**
 * Where the recording went, when the conversation asked for one in the user's bucket
 * (`properties.enable_recording` with `recording_storage.bucket_name` or the older
 * `recording_s3_bucket_name`); undefined otherwise.
 */
export function recordingReady(c: StoredConversation, durationS: number): Record<string, unknown> | undefined {
  const properties = (c.request.properties ?? {}) as Record<string, unknown>;
  if (properties.enable_recording !== true) return undefined;
  const storage = (properties.recording_storage ?? {}) as Record<string, unknown>;
  const bucket = typeof storage.bucket_name === 'string' ? storage.bucket_name : properties.recording_s3_bucket_name;
  if (typeof bucket !== 'string' || bucket === '') return undefined;
  return { bucket_name: bucket, s3_key: `${c.conversation_id}/${c.conversation_id}-recording.mp4`, duration: Math.round(durationS) };
}
