// The bodies `webhook trigger` sends: one of each documented shape (see payloads.ts for the sources),
// with plausible values, so a handler can be exercised without running a conversation.
import type { ConversationCallback, ReplicaTrainingCallback } from './payloads.js';

/** Every event `webhook trigger` knows: the conversation events, then the two replica-training results. */
export const TRIGGER_EVENTS = [
  'system.replica_joined',
  'system.shutdown',
  'application.transcription_ready',
  'application.perception_analysis',
  'application.recording_ready',
  'replica.training',
  'replica.training.error',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** A sample body for `event`. `id`: the conversation id (or the replica id for training); `nowMs`: the time stamped on it. */
export function sampleBody(event: TriggerEvent, id: string, nowMs: number): ConversationCallback | ReplicaTrainingCallback {
  const timestamp = new Date(nowMs).toISOString();
  const conversation = <T extends ConversationCallback>(body: Omit<T, 'conversation_id' | 'timestamp'>): T =>
    ({ conversation_id: id, ...body, timestamp }) as T;
  switch (event) {
    case 'system.replica_joined':
      return conversation({ event_type: 'system.replica_joined', message_type: 'system', properties: {} });
    case 'system.shutdown':
      return conversation({ event_type: 'system.shutdown', message_type: 'system', properties: { shutdown_reason: 'participant_left_timeout reached' } });
    case 'application.transcription_ready': {
      const start = nowMs / 1000 - 60;
      return conversation({
        event_type: 'application.transcription_ready',
        message_type: 'application',
        properties: {
          transcript: [
            { role: 'system', content: 'You are a friendly assistant.' },
            { role: 'assistant', content: 'Hi, welcome. What brought you here today?', timestamp: start, seconds_from_start: 0, duration: 2.15 },
            { role: 'user', content: 'Just testing the webhook.', timestamp: start + 4.2, seconds_from_start: 4.2, duration: 1.84 },
            { role: 'assistant', content: 'It works. Anything else?', timestamp: start + 7.1, seconds_from_start: 7.1, duration: 1.6 },
          ],
        },
      });
    }
    case 'application.perception_analysis':
      return conversation({
        event_type: 'application.perception_analysis',
        message_type: 'application',
        properties: {
          analysis:
            'The user sat facing the camera in a well-lit room, wearing a dark top. They appeared calm and attentive, ' +
            'smiled at the greeting and nodded while listening. No screen was shared.',
        },
      });
    case 'application.recording_ready':
      return conversation({
        event_type: 'application.recording_ready',
        message_type: 'application',
        properties: { bucket_name: 'conversation-recordings', s3_key: `${id}/${id}-recording.mp4`, duration: 60 },
      });
    case 'replica.training':
      return { replica_id: id, status: 'ready' };
    case 'replica.training.error':
      return { replica_id: id, status: 'error', error_message: 'The training video has no audible speech.' };
  }
}
