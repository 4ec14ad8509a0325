// The TEN playground's Daily endpoints on `serve`: create a conversation (a body checked, 400 naming the
// field) and end one, each outcome in TEN's envelope with a real status.
import type { IncomingMessage } from 'node:http';
import type { ConversationCreateBody, ConversationPropertiesBody } from '../api/objects.js';
import { InterruptedError } from '../errors.js';
import { badRequest, fromFailure, json, methodNotAllowed, type Answer } from './answers.js';
import type { DailyConversations } from './daily-conversations.js';
import { ConversationIdSchema, CreateBodySchema, ServeCode, describeIssue, failure, failureFromError, success } from './protocol.js';
import { pathParameter, readJsonObject, skipBody } from './requests.js';

export const CREATE_PATH = '/api/tavus/conversation/create';
const END_PATH = /^\/api\/tavus\/conversation\/([^/]+)\/end$/;
const CONVERSATION_PATH = /^\/api\/tavus\/conversation\/([^/]+)$/;

const EXAMPLE_BODY = 'Send an object such as {"persona_id": "p123", "greeting": "Hi!"}.';

/** What a create adds to the request's own fields: the server's defaults (its safe timeouts among them). */
export interface DailyDefaults {
  personaId?: string;
  replicaId?: string;
  properties: Pick<ConversationPropertiesBody, 'max_call_duration' | 'participant_absent_timeout' | 'participant_left_timeout'>;
}

/** Answers the Daily API paths; undefined for any other path. */
export async function dailyApi(
  conversations: DailyConversations,
  defaults: DailyDefaults,
  req: IncomingMessage,
  method: string,
  path: string,
): Promise<Answer | undefined> {
  if (path === CREATE_PATH) {
    if (method !== 'POST') return methodNotAllowed('POST');
    return createConversation(conversations, defaults, req);
  }
  const end = END_PATH.exec(path);
  if (end) {
    if (method !== 'POST') return methodNotAllowed('POST');
    return endConversation(conversations, req, end[1]!);
  }
  // The TEN example's README documents `DELETE /api/tavus/conversation/:id`: the same as /end.
  const conversation = CONVERSATION_PATH.exec(path);
  if (conversation && conversation[1] !== 'create') {
    if (method !== 'DELETE') return methodNotAllowed('DELETE');
    return endConversation(conversations, req, conversation[1]!);
  }
  return undefined;
}

async function createConversation(conversations: DailyConversations, defaults: DailyDefaults, req: IncomingMessage): Promise<Answer> {
  if (!conversations.accepting) return fromFailure(failureFromError(new InterruptedError()));
  const raw = await readJsonObject(req, EXAMPLE_BODY);
  if ('answer' in raw) return raw.answer;
  const parsed = CreateBodySchema.safeParse(raw.value);
  if (!parsed.success) return badRequest(`Invalid request: ${describeIssue(parsed.error)}.`);
  const input = parsed.data;

  const personaId = input.persona_id ?? defaults.personaId;
  const replicaId = input.replica_id ?? defaults.replicaId;
  if (personaId === undefined && replicaId === undefined) {
    return badRequest(
      'No persona to talk to: the request has no persona_id or replica_id and the server has no default persona or replica.',
      'Send persona_id or replica_id, or restart `tavus-ten serve` with --persona ID (TAVUS_PERSONA_ID) or --replica ID (TAVUS_REPLICA_ID).',
    );
  }
  const body: ConversationCreateBody = {
    ...(personaId ? { persona_id: personaId } : {}),
    ...(replicaId ? { replica_id: replicaId } : {}),
    conversation_name: input.request_id === undefined ? 'tavus-ten serve' : `tavus-ten serve (request ${String(input.request_id)})`,
    ...(input.greeting ? { custom_greeting: input.greeting } : {}),
    properties: { ...defaults.properties },
  };

  const conversation = await conversations.create(body);
  const url = conversation.conversation_url;
  if (!url) {
    // A conversation with nowhere to join (a LiveKit persona) bills for nothing: end it now.
    const ended = await conversations.end(conversation.conversation_id).then(
      () => 'it was ended',
      () => `ending it failed too: run \`tavus-ten conversation end ${conversation.conversation_id}\``,
    );
    return fromFailure(
      failure(
        502,
        ServeCode.tavusError,
        `Tavus created conversation ${conversation.conversation_id} without a conversation_url, so there is nothing to embed; ${ended}.`,
        {
          error: 'unexpected_response',
          status: null,
          hint: 'serve embeds Daily conversations: use a persona whose transport is Daily, not LiveKit.',
        },
      ),
    );
  }
  return json(200, success({ conversation_id: conversation.conversation_id, conversation_url: url }), conversation.conversation_id);
}

async function endConversation(conversations: DailyConversations, req: IncomingMessage, rawId: string): Promise<Answer> {
  const skipped = await skipBody(req);
  if (skipped) return skipped;
  const id = pathParameter(rawId, ConversationIdSchema, 'conversation id');
  if ('answer' in id) return id.answer;
  await conversations.end(id.value);
  return json(200, success({ conversation_id: id.value, status: 'ended' }), id.value);
}
