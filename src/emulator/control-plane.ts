// The unauthenticated /__emulator/* endpoints, for `tavus-ten mock` users and cross-process tests.
import * as z from 'zod';
import { parseJsonBody } from './api.js';
import { faultRuleJsonSchema } from './faults.js';
import { safeDecode } from './router.js';
import { emptyReply, errorReply, jsonReply, messageReply, notFoundReply, type Reply } from './reply.js';
import type { CallbackDelivery, FaultRule, RecordedRequest } from './types.js';

export interface ControlPlaneHost {
  readonly requests: readonly RecordedRequest[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  reset(): void;
  applySettings(settings: SettingsPatch): void;
  /** False when the conversation is unknown. */
  endConversation(id: string, reason?: string): boolean;
  /** `{now, now_ms, time_scale}`: the emulated time. */
  clock(): Record<string, unknown>;
  /** Moves emulated time forward and applies the timeouts that fall due. */
  advanceClock(seconds: number): void;
  /** A participant joins or leaves a conversation's room; false when the conversation is unknown. */
  participant(conversationId: string, participantId: string, action: 'join' | 'leave'): boolean;
  health(): Record<string, unknown>;
  /** Every callback POSTed so far, with the status each got back. */
  callbacks(): readonly CallbackDelivery[];
}

const advanceSchema = z.strictObject({ seconds: z.number().nonnegative().finite() });
const participantSchema = z.strictObject({ participant_id: z.string().min(1) });

/** The account knobs a separate process can turn (the in-process API has setters for them). */
const settingsSchema = z.strictObject({
  concurrency: z.int().nonnegative().optional(),
  out_of_credits: z.boolean().optional(),
  latency_ms: z.number().nonnegative().optional(),
});
export type SettingsPatch = z.infer<typeof settingsSchema>;

export function answerControlPlane(host: ControlPlaneHost, method: string, path: string, query: Record<string, string>, rawBody: string): Reply {
  const body = parseJsonBody(rawBody);
  if (body instanceof SyntaxError) return errorReply(400, `The request body is not valid JSON: ${body.message}`);
  const route = `${method} ${path.replace(/\/$/, '')}`;

  if (route === 'GET /__emulator/health') return jsonReply(200, host.health());
  if (route === 'GET /__emulator/requests') {
    // ?since=ID returns only requests after that id, so a poller need not re-read everything.
    const since = Number(query.since ?? 0);
    return jsonReply(200, host.requests.filter((r) => r.id > (Number.isFinite(since) ? since : 0)));
  }
  if (route === 'GET /__emulator/callbacks') {
    // ?since=ID as for requests; ?kind=replica.training filters by event kind.
    const since = Number(query.since ?? 0);
    return jsonReply(200, host.callbacks().filter((c) => c.id > (Number.isFinite(since) ? since : 0) && (query.kind === undefined || c.kind === query.kind)));
  }
  if (route === 'POST /__emulator/faults') {
    const parsed = faultRuleJsonSchema.safeParse(body);
    if (!parsed.success) return errorReply(400, `Invalid fault rule: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    host.inject(parsed.data as FaultRule);
    return emptyReply(204);
  }
  if (route === 'POST /__emulator/settings') {
    const parsed = settingsSchema.safeParse(body ?? {});
    if (!parsed.success) return errorReply(400, `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    host.applySettings(parsed.data);
    return jsonReply(200, host.health());
  }
  if (route === 'DELETE /__emulator/faults') {
    host.clearFaults();
    return emptyReply(204);
  }
  if (route === 'POST /__emulator/reset') {
    host.reset();
    return emptyReply(204);
  }
  if (route === 'GET /__emulator/clock') return jsonReply(200, host.clock());
  if (route === 'POST /__emulator/clock/advance') {
    const parsed = advanceSchema.safeParse(body);
    if (!parsed.success) return errorReply(400, 'Invalid clock advance: send {"seconds": N} with N >= 0');
    host.advanceClock(parsed.data.seconds);
    return jsonReply(200, host.clock());
  }
  const participant = /^POST \/__emulator\/conversations\/([^/]+)\/(join|leave)$/.exec(route);
  if (participant) {
    const parsed = participantSchema.safeParse(body);
    if (!parsed.success) return errorReply(400, 'Invalid participant: send {"participant_id": "..."}');
    const id = safeDecode(participant[1] ?? '');
    if (!host.participant(id, parsed.data.participant_id, participant[2] as 'join' | 'leave')) return messageReply(404, 'Invalid conversation_id');
    return emptyReply(204);
  }
  const end = /^POST \/__emulator\/conversations\/([^/]+)\/end$/.exec(route);
  if (end) {
    const reason = (body as { reason?: unknown } | undefined)?.reason;
    if (reason !== undefined && typeof reason !== 'string') return errorReply(400, 'reason must be a string');
    const id = safeDecode(end[1] ?? '');
    if (!host.endConversation(id, reason)) return messageReply(404, 'Invalid conversation_id');
    return emptyReply(204);
  }
  return notFoundReply();
}
