// One /v2 request to its reply: auth, JSON body, lazy expiry, then the route (or Tavus's 404).
import { expireConversations } from './conversation-timeouts.js';
import { conversationRoutes } from './conversations.js';
import { advanceDocuments, documentRoutes } from './documents.js';
import { guardrailsRoutes } from './guardrails.js';
import { objectivesRoutes } from './objectives.js';
import { palRoutes } from './pals.js';
import { personaRoutes } from './personas.js';
import { advanceTrainings } from './replica-training.js';
import { replicaRoutes } from './replicas.js';
import { errorReply, messageReply, notFoundReply, ReplyError, type Reply } from './reply.js';
import { Router } from './router.js';
import type { World } from './world.js';

const router = new Router([
  ...personaRoutes,
  ...replicaRoutes,
  ...conversationRoutes,
  ...palRoutes,
  ...documentRoutes,
  ...objectivesRoutes,
  ...guardrailsRoutes,
]);

/** Work that follows the clock rather than a request: training and processing, and their callbacks. */
export function advanceClockWork(world: World): void {
  advanceTrainings(world);
  advanceDocuments(world);
}

export interface IncomingApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
}

/** Parsed JSON, undefined for an empty body, or a SyntaxError for a body that is not JSON. */
export function parseJsonBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}

export function answerApi(world: World, apiKey: string, request: IncomingApiRequest): Reply {
  if (request.headers['x-api-key'] !== apiKey) return messageReply(401, 'Invalid access token');
  const body = parseJsonBody(request.rawBody);
  if (body instanceof SyntaxError) return errorReply(400, `Bad Request. The request body is not valid JSON: ${body.message}`);
  expireConversations(world);
  advanceClockWork(world);
  const match = router.match(request.method, request.path);
  if (!match) return notFoundReply();
  try {
    return match.route.handle({ method: request.method, path: request.path, params: match.params, query: request.query, body, world });
  } catch (error) {
    if (error instanceof ReplyError) return error.reply;
    throw error;
  }
}
