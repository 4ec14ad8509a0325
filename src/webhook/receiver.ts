// `webhook listen`'s server: receives callbacks on a local port, reads each body (capped), recognises it
// with parseTavusCallback, optionally relays the request to the user's handler, and reports each one.
// A body that is not JSON, not a Tavus callback, or too large is reported as such; it never stops the server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver, type HandlerAnswer } from './forward.js';
import { parseTavusCallback, TavusCallbackError, type TavusCallback } from './payloads.js';

/** Callbacks are small JSON (a long transcript is tens of KB); beyond this a body is not read. */
export const MAX_CALLBACK_BYTES = 1024 * 1024;

export type Recognised =
  | { kind: 'callback'; callback: TavusCallback; json: unknown }
  | { kind: 'not_json' }
  | { kind: 'not_a_callback'; problem: string; eventType?: string; conversationId?: string; json: unknown }
  | { kind: 'too_large' };

/** One request, as received and (with a forward URL) relayed. */
export interface Received {
  /** Wall clock, ms since the epoch. */
  receivedAtMs: number;
  method: string;
  path: string;
  /** Bytes read; for `too_large`, how many arrived before reading stopped. */
  size: number;
  /** The body's bytes (undefined when too large). */
  body?: Buffer;
  recognised: Recognised;
  forward?: HandlerAnswer;
}

export interface ReceiverOptions {
  host: string;
  /** 0: a free port. */
  port: number;
  /** Relay each request here (a full URL: the path is the handler's own). */
  forwardTo?: string;
  forwardTimeoutMs: number;
  /** Called once per request, after the relay (if any) has its answer. */
  onReceived: (received: Received) => void;
  /** Aborts relays under way (Ctrl-C). */
  signal?: AbortSignal;
}

export interface Receiver {
  /** `http://HOST:PORT/`. */
  url: string;
  close(): Promise<void>;
}

/** Starts listening; rejects with the listen error (EADDRINUSE…) when the port cannot be bound. */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch(() => {
      // What could fail here (a socket closed mid-answer) concerns one request, never the server.
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: ReceiverOptions): Promise<void> {
  const receivedAtMs = Date.now();
  if (request.method !== 'POST') {
    // A browser or a tunnel's health check: say what this is, record nothing.
    response.writeHead(200, { 'content-type': 'text/plain' }).end('tavus-ten webhook listen: POST Tavus callbacks here.\n');
    return;
  }
  const { body, size } = await readBody(request);
  const received: Received = { receivedAtMs, method: request.method, path: request.url ?? '/', size, recognised: recognise(body) };
  if (body) received.body = body;
  if (options.forwardTo && body) {
    received.forward = await deliver(options.forwardTo, body, request.headers, { method: request.method, timeoutMs: options.forwardTimeoutMs, signal: options.signal });
  }
  options.onReceived(received);
  // Answer what the handler answered, so the sender (Tavus, the emulator) records the real outcome.
  const status = body === undefined ? 413 : received.forward === undefined ? 200 : 'status' in received.forward ? received.forward.status : 502;
  response.writeHead(status).end();
}

/** The body, or undefined (with the bytes seen) once it passes MAX_CALLBACK_BYTES; the rest is drained unread. */
function readBody(request: IncomingMessage): Promise<{ body?: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CALLBACK_BYTES) chunks.push(chunk);
      else chunks.length = 0; // not kept: only counted
    });
    request.once('end', () => resolve(size > MAX_CALLBACK_BYTES ? { size } : { body: Buffer.concat(chunks), size }));
    request.once('error', reject);
  });
}

function recognise(body: Buffer | undefined): Recognised {
  if (body === undefined) return { kind: 'too_large' };
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'not_json' };
  }
  try {
    return { kind: 'callback', callback: parseTavusCallback(value), json: value };
  } catch (error) {
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return {
      kind: 'not_a_callback',
      problem: error instanceof TavusCallbackError ? error.message : String(error),
      ...(typeof record.event_type === 'string' ? { eventType: record.event_type } : {}),
      ...(typeof record.conversation_id === 'string' ? { conversationId: record.conversation_id } : {}),
      json: value,
    };
  }
}
