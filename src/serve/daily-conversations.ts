// The conversations `serve` started over Daily: each recorded the moment Tavus answers its create, so
// that shutting down ends every one of them, creates still on the wire when Ctrl-C came included.
import type { TavusClient } from '../api/client.js';
import type { Conversation, ConversationCreateBody } from '../api/objects.js';
import { redact } from '../io/mask.js';

export interface TrackedConversation {
  conversation_id: string;
  conversation_url: string;
  status: 'active' | 'ended';
  started_at: string;
}

export interface EndResult {
  conversation_id: string;
  result: 'ended' | 'failed';
  error?: string;
}

/** How long a Ctrl-C waits for creates already sent before it ends what it knows of and exits. */
const CREATE_GRACE_MS = 3000;

/** True when every promise settled within `ms`. */
async function settledWithin(promises: ReadonlySet<Promise<unknown>>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  const all = Promise.allSettled([...promises]).then(() => true as const);
  try {
    return await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class DailyConversations {
  private readonly tracked = new Map<string, TrackedConversation>();
  private readonly creating = new Set<Promise<unknown>>();
  private stopped = false;
  // One grace for a Ctrl-C, shared by the close and endAll(): when creates still on the wire stop being waited for.
  private graceEnds: number | undefined;

  constructor(
    /** A client that Ctrl-C does not abort: a create in flight must finish so it can be ended. */
    private readonly client: TavusClient,
    private readonly secrets: readonly string[],
  ) {}

  /** False once the server is closing: no new create is sent. */
  get accepting(): boolean {
    return !this.stopped;
  }

  /** Creates still waiting for Tavus's answer. */
  get unanswered(): number {
    return this.creating.size;
  }

  list(): TrackedConversation[] {
    return [...this.tracked.values()].map((entry) => ({ ...entry }));
  }

  async create(body: ConversationCreateBody): Promise<Conversation> {
    // Recorded the moment Tavus answers, so a shutdown that waits on `creating` always sees it.
    const pending = this.client.conversations.create(body).then((created) => {
      this.tracked.set(created.conversation_id, {
        conversation_id: created.conversation_id,
        conversation_url: created.conversation_url ?? '',
        status: 'active',
        started_at: new Date().toISOString(),
      });
      return created;
    });
    this.creating.add(pending);
    try {
      return await pending;
    } finally {
      this.creating.delete(pending);
    }
  }

  async end(id: string): Promise<void> {
    await this.client.conversations.end(id);
    const entry = this.tracked.get(id);
    if (entry) entry.status = 'ended';
  }

  /** Refuses new creates and starts the grace for those already sent. */
  stop(): void {
    this.stopped = true;
    this.graceEnds ??= Date.now() + CREATE_GRACE_MS;
  }

  /** Waits for the creates already sent, within the grace; false when some are still unanswered. */
  settleCreates(): Promise<boolean> {
    this.graceEnds ??= Date.now() + CREATE_GRACE_MS;
    return settledWithin(this.creating, this.graceEnds - Date.now());
  }

  /** Ends every conversation started here that is still active (after the creates in flight settle, within the grace). */
  async endAll(): Promise<EndResult[]> {
    await this.settleCreates();
    const active = [...this.tracked.values()].filter((entry) => entry.status === 'active');
    return Promise.all(
      active.map(async (entry): Promise<EndResult> => {
        try {
          await this.end(entry.conversation_id);
          return { conversation_id: entry.conversation_id, result: 'ended' };
        } catch (error) {
          return { conversation_id: entry.conversation_id, result: 'failed', error: redact(error instanceof Error ? error.message : String(error), this.secrets) };
        }
      }),
    );
  }
}
