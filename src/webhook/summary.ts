// The gist of a callback in a few words, for `webhook listen`'s one line per event: the shutdown reason,
// the transcript's length and last line, the recording key, the training status.
import type { TavusCallback } from './payloads.js';

/** At most this many characters of a transcript's last line or an analysis. */
const GIST_CHARS = 80;

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > GIST_CHARS ? `${flat.slice(0, GIST_CHARS - 1)}…` : flat;
}

/** `{who, what, gist}`: the conversation (or replica) id, the event type, and its gist (may be empty). Raw server text: format before printing. */
export function callbackGist(callback: TavusCallback): { id: string; event: string; gist: string } {
  if (callback.kind === 'replica.training') {
    const error = callback.error_message ? `: ${cut(callback.error_message)}` : '';
    return { id: callback.replica_id, event: 'replica.training', gist: `status ${callback.status}${error}` };
  }
  const id = callback.conversation_id;
  switch (callback.event_type) {
    case 'system.replica_joined':
      return { id, event: callback.event_type, gist: '' };
    case 'system.shutdown':
      return { id, event: callback.event_type, gist: `reason: ${callback.properties.shutdown_reason ?? callback.properties.reason ?? '(none given)'}` };
    case 'application.transcription_ready': {
      const turns = callback.properties.transcript;
      const last = turns.at(-1);
      return { id, event: callback.event_type, gist: `${turns.length} turn${turns.length === 1 ? '' : 's'}${last ? `, last ${last.role}: ${cut(last.content)}` : ''}` };
    }
    case 'application.recording_ready': {
      const { bucket_name: bucket, s3_key: key, duration } = callback.properties;
      return { id, event: callback.event_type, gist: `recording ${bucket ? `${bucket}/` : ''}${key}${duration !== undefined ? ` (${duration} s)` : ''}` };
    }
    case 'application.perception_analysis':
      return { id, event: callback.event_type, gist: cut(callback.properties.analysis) };
  }
}
