// How `webhook listen` reports each request: one line for people (time, conversation id, event type,
// gist, and the handler's answer when relaying), or one JSON object per line with --json. Text that came
// from the network goes through the terminal-safe formatter.
import { maskKeys } from '../io/secret-fields.js';
import { terminalSafe, terminalSafeJson } from '../io/terminal-text.js';
import type { HandlerAnswer } from './forward.js';
import type { Received } from './receiver.js';
import { MAX_CALLBACK_BYTES } from './receiver.js';
import { callbackGist } from './summary.js';

/** `→ 200 in 12 ms`, or `→ failed: connection refused (3 ms)`. */
export function describeAnswer(answer: HandlerAnswer): string {
  return 'status' in answer ? `${answer.status} in ${answer.ms} ms` : `failed: ${answer.error} (${answer.ms} ms)`;
}

/** `2026-11-30T17:55:08Z  c1234567  system.shutdown  reason: …  → 200 in 4 ms` (two spaces between fields). */
export function receivedLine(received: Received): string {
  const time = new Date(received.receivedAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { recognised } = received;
  let what: string;
  switch (recognised.kind) {
    case 'callback': {
      const { id, event, gist } = callbackGist(recognised.callback);
      what = [id, event, gist].filter(Boolean).join('  ');
      break;
    }
    case 'not_json':
      what = `(not JSON: ${received.size} bytes to ${received.path})`;
      break;
    case 'too_large':
      what = `(body too large: over ${MAX_CALLBACK_BYTES / 1024 / 1024} MB, not read, answered 413)`;
      break;
    case 'not_a_callback':
      what = [recognised.conversationId ?? '-', recognised.eventType ?? '-', `(not a documented Tavus callback: ${recognised.problem})`].join('  ');
      break;
  }
  const forward = received.forward ? `  → ${describeAnswer(received.forward)}` : '';
  return `${terminalSafe(`${time}  ${what}${forward}`)}\n`;
}

/** The --json line: `{received_at, path, size, kind, conversation_id, event_type, body, problem?, forward?}`. */
export function receivedJson(received: Received): string {
  const { recognised } = received;
  const callback = recognised.kind === 'callback' ? recognised.callback : undefined;
  // The JSON recognise() parsed (keys inside masked, as Output.printJson does: this is one JSON line of a
  // stream, not one document); a body that is not JSON as its text; none when too large.
  const body = 'json' in recognised ? maskKeys(recognised.json) : (received.body?.toString('utf8') ?? null);
  const line = {
    received_at: new Date(received.receivedAtMs).toISOString(),
    path: received.path,
    size: received.size,
    kind: recognised.kind,
    conversation_id: callback?.kind === 'conversation' ? callback.conversation_id : recognised.kind === 'not_a_callback' ? (recognised.conversationId ?? null) : null,
    event_type: callback ? (callback.kind === 'conversation' ? callback.event_type : 'replica.training') : recognised.kind === 'not_a_callback' ? (recognised.eventType ?? null) : null,
    ...(recognised.kind === 'not_a_callback' ? { problem: recognised.problem } : {}),
    body,
    ...(received.forward ? { forward: received.forward } : {}),
  };
  return `${terminalSafeJson(line)}\n`;
}
