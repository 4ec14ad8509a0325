// parseTavusCallback: the library's check of a callback body, narrowed by event_type; and the bodies
// `webhook trigger` sends all pass it.
import { describe, expect, it } from 'vitest';
import { parseTavusCallback, TavusCallbackError } from '../../../src/index.js';
import { sampleBody, TRIGGER_EVENTS } from '../../../src/webhook/samples.js';
import { callbackGist } from '../../../src/webhook/summary.js';

const shutdown = {
  conversation_id: 'c123456',
  event_type: 'system.shutdown',
  message_type: 'system',
  timestamp: '2026-04-29T03:47:01Z',
  properties: { shutdown_reason: 'participant_left_timeout reached' },
  extra_field: 1,
};

describe('parseTavusCallback', () => {
  it('narrows by event_type, from bytes, text or parsed JSON, keeping unknown fields', () => {
    for (const body of [JSON.stringify(shutdown), new TextEncoder().encode(JSON.stringify(shutdown)), shutdown]) {
      const callback = parseTavusCallback(body);
      if (callback.kind !== 'conversation' || callback.event_type !== 'system.shutdown') throw new Error('not narrowed');
      expect(callback.properties.shutdown_reason).toBe('participant_left_timeout reached');
      expect(callback.extra_field).toBe(1);
    }
  });

  it("reads the replica-training result (no event_type) as kind 'replica.training'", () => {
    expect(parseTavusCallback({ replica_id: 'r1', status: 'error', error_message: 'bad video' })).toEqual({ kind: 'replica.training', replica_id: 'r1', status: 'error', error_message: 'bad video' });
  });

  it('every body webhook trigger sends parses, and has a gist', () => {
    for (const event of TRIGGER_EVENTS) {
      const callback = parseTavusCallback(JSON.stringify(sampleBody(event, 'c1', Date.UTC(2026, 0, 1))));
      expect(callbackGist(callback).event).toBe(event.startsWith('replica.') ? 'replica.training' : event);
    }
  });

  it.each([
    ['not json', '', /not JSON/],
    [[1, 2], '', /not a JSON object/],
    [{ conversation_id: 'c1' }, 'event_type', /No event_type/],
    [{ ...shutdown, event_type: 'conversation.ended' }, 'event_type', /Unknown event_type "conversation\.ended"; Tavus documents system\.replica_joined/],
    [{ ...shutdown, event_type: 'application.transcription_ready', message_type: 'application', properties: {} }, 'properties.transcript', /properties\.transcript/],
    [{ ...shutdown, conversation_id: 7 }, 'conversation_id', /conversation_id/],
  ])('rejects %j naming %s', (body, path, message) => {
    let error: unknown;
    try {
      parseTavusCallback(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TavusCallbackError);
    expect((error as TavusCallbackError).path).toBe(path);
    expect((error as TavusCallbackError).message).toMatch(message);
  });
});
