// Outgoing callbacks: the emulator POSTs an event body to a user's callback_url, as Tavus does, and
// records each delivery with the status it got back (GET /__emulator/callbacks). General on purpose:
// replica training and document processing use it, and conversation events (conversation-callbacks.ts).
// Deliveries to one URL go one after another, so a handler sees events in the order they happened.

/** One POST to a callback URL, as recorded. `status` is null when no answer came (refused, timeout). */
export interface CallbackDelivery {
  id: number;
  url: string;
  /** What the event was about, for filtering: `replica.training`, `document.status`, … */
  kind: string;
  body: unknown;
  status: number | null;
  error?: string;
  /** Emulator clock, ISO 8601, when the delivery was sent. */
  sent_at: string;
}

/** A delivery gets this long (real ms) before it is recorded as failed. */
const DELIVERY_TIMEOUT_MS = 5000;

export class CallbackSender {
  readonly deliveries: CallbackDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private nextId = 1;
  /** The last delivery queued for each URL: the next one to that URL waits for it. */
  private readonly tail = new Map<string, Promise<void>>();

  constructor(private readonly now: () => number) {}

  /** Sends `body` as JSON to `url` in the background; the record is added at once and completed on answer. */
  send(url: string, kind: string, body: unknown): CallbackDelivery {
    const delivery: CallbackDelivery = { id: this.nextId++, url, kind, body, status: null, sent_at: new Date(this.now()).toISOString() };
    this.deliveries.push(delivery);
    const previous = this.tail.get(url) ?? Promise.resolve();
    const work = previous.then(() => post(url, body)).then(
      (status) => {
        delivery.status = status;
      },
      (error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      },
    );
    this.inFlight.add(work);
    this.tail.set(url, work);
    void work.finally(() => {
      this.inFlight.delete(work);
      if (this.tail.get(url) === work) this.tail.delete(url);
    });
    return delivery;
  }

  /** Resolves when every delivery under way has its answer (or its failure). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  clear(): void {
    this.deliveries.length = 0;
  }
}

async function post(url: string, body: unknown): Promise<number> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`not an http(s) URL: ${url}`);
  const response = await fetch(parsed, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'tavus-ten-emulator' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    redirect: 'manual',
  });
  // The body is of no interest, but must be consumed so the connection is released.
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}
