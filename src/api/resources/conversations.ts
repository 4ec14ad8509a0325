// Typed calls for /v2/conversations. Ending is idempotent (retried, and "already ended" is
// success); creating never is, because a duplicate conversation bills until it ends.
import { asPage, defineResource, requestData, type Page, type ResourceContext } from '../types.js';
import { tavusMessage } from '../classify/text.js';
import { ApiError } from '../../errors.js';
import { conversationMayExistHint } from '../command-hints.js';
import { paginate } from '../paginate.js';
import { ConversationSchema, listResponseSchema } from '../schemas.js';
import type { Conversation, ConversationCreateBody, ConversationEvent } from '../objects.js';
import { lazySchema } from '../lazy-schema.js';

export interface ConversationListQuery {
  limit?: number;
  page?: number;
  status?: 'active' | 'ended';
}

export interface ConversationsApi {
  list(query?: ConversationListQuery): Promise<Page<Conversation>>;
  /** `verbose` asks for `events` (shutdown reason, transcript). */
  get(id: string, options?: { verbose?: boolean }): Promise<Conversation>;
  /** Never retried: a timeout here may still have created (and started billing) a conversation. */
  create(body: ConversationCreateBody, options?: { signal?: AbortSignal }): Promise<Conversation>;
  /** Succeeds for a conversation that had already ended; `already_ended` when Tavus said so. */
  end(id: string): Promise<{ already_ended: boolean }>;
  delete(id: string, options?: { hard?: boolean }): Promise<void>;
  /** Every conversation, page after page (limit and page are chosen here). */
  all(query?: Omit<ConversationListQuery, 'limit' | 'page'>): AsyncIterable<Conversation>;
}

const ConversationListSchema = lazySchema(() => listResponseSchema(ConversationSchema));

// Tavus's answer to ending an ended conversation is undocumented; these are the ways it could say so.
const ALREADY_ENDED = /\bended\b|\balready\b|\b(not|no longer) (currently )?active\b|\binactive\b|\bfinished\b/i;
const ALREADY_ENDED_STATUSES: ReadonlySet<number> = new Set([400, 409, 410, 422]);

export function createConversationsApi(resources: ResourceContext): ConversationsApi {
  const { request } = resources;
  const listPage = async (query: ConversationListQuery) => {
    const { data } = await request({ method: 'GET', path: '/conversations', query: { ...query }, schema: ConversationListSchema });
    return data ?? { data: [] };
  };

  return {
    async list(query = {}) {
      return asPage(await listPage(query));
    },

    async get(id, options = {}) {
      const { data } = await requestData(resources, {
        method: 'GET',
        path: `/conversations/${encodeURIComponent(id)}`,
        query: { verbose: options.verbose ? true : undefined },
        schema: ConversationSchema,
      });
      return data;
    },

    async create(body, options = {}) {
      const { data } = await requestData(resources, {
        method: 'POST',
        path: '/conversations',
        body,
        retry: false,
        schema: ConversationSchema,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return data;
    },

    async end(id) {
      try {
        // The answer is an empty 200; whatever body there is does not matter.
        await request({ method: 'POST', path: `/conversations/${encodeURIComponent(id)}/end`, retry: true });
        return { already_ended: false };
      } catch (error) {
        if (isAlreadyEnded(error)) return { already_ended: true };
        throw error;
      }
    },

    async delete(id, options = {}) {
      await request({
        method: 'DELETE',
        path: `/conversations/${encodeURIComponent(id)}`,
        query: { hard: options.hard ? true : undefined },
      });
    },

    all(query = {}) {
      return paginate((page, limit) => listPage({ ...query, page, limit }), { keyOf: (item) => item.conversation_id });
    },
  };
}

function isAlreadyEnded(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'api_error' || error.status === null) return false;
  if (!ALREADY_ENDED_STATUSES.has(error.status)) return false;
  const said = tavusMessage(error.body) ?? (typeof error.body === 'string' ? error.body : '');
  return ALREADY_ENDED.test(said);
}

/** Why Tavus shut a conversation down: `properties.shutdown_reason`, or `reason` in older examples. */
export function shutdownReasonOf(conversation: Pick<Conversation, 'events'>): string | undefined {
  const events: ConversationEvent[] = conversation.events ?? [];
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!;
    if (event.event_type !== 'system.shutdown') continue;
    const reason = event.properties?.shutdown_reason ?? event.properties?.reason;
    if (typeof reason === 'string' && reason !== '') return reason;
  }
  return undefined;
}

/** A create whose answer was lost, without target flags (conversation start gives conversationMayExistHint(its flags)). */
export const CONVERSATION_MAY_EXIST_HINT = conversationMayExistHint();

/** Conversation: /v2/conversations. */
export const conversationResource = defineResource<ConversationsApi>({
  noun: 'conversation',
  paths: ['conversations'],
  mayExist: {
    create: CONVERSATION_MAY_EXIST_HINT,
    patch: null,
  },
  calls: createConversationsApi,
});
