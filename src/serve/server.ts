// The HTTP server behind `tavus-ten serve` (node:http, no framework): the TEN playground's Tavus
// endpoints, the page, and a record of every conversation it started so that shutting down ends them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TavusClient } from '../api/client.js';
import { InterruptedError } from '../errors.js';
import type { ConversationCreateBody } from '../api/schemas.js';
import { redact } from '../io/mask.js';
import { terminalSafe } from '../io/terminal-text.js';
import {
  BodyTooLargeError,
  MAX_BODY_BYTES,
  isAllowedHost,
  isJsonContentType,
  judgeOrigin,
  readBody,
  ClientGoneError,
  type OriginVerdict,
} from './guard.js';
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from './page.js';
import {
  ConversationIdSchema,
  CreateBodySchema,
  ServeCode,
  describeIssue,
  failure,
  failureFromError,
  success,
  type HttpFailure,
} from './protocol.js';

export const CREATE_PATH = '/api/tavus/conversation/create';
const END_PATH = /^\/api\/tavus\/conversation\/([^/]+)\/end$/;
const CONVERSATION_PATH = /^\/api\/tavus\/conversation\/([^/]+)$/;

export interface ConversationProperties {
  max_call_duration: number;
  participant_absent_timeout: number;
  participant_left_timeout: number;
}

export interface ServeOptions {
  /** The concurrency cap's hint, when `conversation end --all-active` cannot reach the API (serve --mock). */
  capHint?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Origins (besides the page's own) whose scripts may call the API. */
  corsOrigins?: string[];
  /** A client that Ctrl-C does not abort: a create in flight must finish so it can be ended. */
  client: TavusClient;
  personaId?: string;
  replicaId?: string;
  properties: ConversationProperties;
  /** Where conversation URLs may point, for the page's Content-Security-Policy frame-src. */
  frameSources: string[];
  /** One line per request and event; already free of secrets, scrubbed again with `secrets`. */
  log?: (line: string) => void;
  secrets?: string[];
  /** Another mode (LiveKit): its API routes and page come before Daily's. */
  mode?: ServeMode;
}

/** What a mode other than Daily adds: see livekit-routes.ts and livekit-page.ts. */
export interface ServeMode {
  /** Answers the API paths it owns; undefined leaves the path to the Daily routes. */
  api(req: IncomingMessage, method: string, path: string): Promise<Answer | undefined>;
  /** GET/HEAD paths it serves instead of Daily's page (`/`, its assets). */
  assets: Record<string, { type: string; body: () => string | Promise<string> }>;
  /** Origins its page connects to (the LiveKit server), for the Content-Security-Policy's connect-src. */
  connectSources: string[];
}

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

export interface ServeServer {
  /** `http://127.0.0.1:8080` (a wildcard bind is shown as 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  conversations(): TrackedConversation[];
  /** Stops accepting requests and waits for creates already sent to Tavus. */
  close(): Promise<void>;
  /** Ends every conversation this server started that is still active. */
  endAll(): Promise<EndResult[]>;
}

export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For the log line. */
  note?: string;
}

const API_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(status: number, value: unknown, note?: string, headers: Record<string, string> = {}): Answer {
  return { status, headers: { ...API_HEADERS, ...headers }, body: JSON.stringify(value), ...(note ? { note } : {}) };
}

export function fromFailure(f: HttpFailure): Answer {
  return json(f.httpStatus, f.body, `${f.body.code} ${f.body.msg}`, f.headers);
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

export function badRequest(msg: string, hint?: string): Answer {
  return fromFailure(failure(400, ServeCode.paramsInvalid, msg, { error: 'params_invalid', status: null, ...(hint ? { hint } : {}) }));
}

function pageHeaders(frameSources: string[], type: string, connectSources: string[] = []): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    `frame-src ${frameSources.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-type': type,
    'cache-control': 'no-cache',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

export async function startServeServer(options: ServeOptions): Promise<ServeServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const corsOrigins = (options.corsOrigins ?? []).map((origin) => origin.toLowerCase());
  const secrets = options.secrets ?? [];
  // The log is for people: server text in it (a request_id, an error body) must not drive the terminal.
  const log = (line: string) => options.log?.(terminalSafe(redact(line, secrets)));
  const tracked = new Map<string, TrackedConversation>();
  const creating = new Set<Promise<unknown>>();
  const sockets = new Set<Socket>();
  let closing = false;
  // One grace for a Ctrl-C, shared by close() and endAll(): when creates still on the wire stop being waited for.
  let graceEnds: number | undefined;

  async function createConversation(req: IncomingMessage): Promise<Answer> {
    if (closing) return fromFailure(failureFromError(new InterruptedError()));
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge();
      throw error;
    }
    let raw: unknown = {};
    if (text.trim() !== '') {
      if (!isJsonContentType(req.headers['content-type'])) {
        return fromFailure(
          failure(415, ServeCode.paramsInvalid, 'The body must be JSON (content-type: application/json).', { error: 'params_invalid', status: null }),
        );
      }
      try {
        raw = JSON.parse(text);
      } catch {
        return badRequest('The body is not valid JSON.', 'Send an object such as {"persona_id": "p123", "greeting": "Hi!"}.');
      }
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return badRequest('The body must be a JSON object.', 'Send an object such as {"persona_id": "p123", "greeting": "Hi!"}.');
    }
    const parsed = CreateBodySchema.safeParse(raw);
    if (!parsed.success) return badRequest(`Invalid request: ${describeIssue(parsed.error)}.`);
    const input = parsed.data;

    const personaId = input.persona_id ?? options.personaId;
    const replicaId = input.replica_id ?? options.replicaId;
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
      properties: { ...options.properties },
    };

    // Recorded the moment Tavus answers, so a shutdown that waits on `creating` always sees it.
    const pending = options.client.conversations.create(body).then((created) => {
      track(created.conversation_id, created.conversation_url ?? '');
      return created;
    });
    creating.add(pending);
    let conversation: Awaited<typeof pending>;
    try {
      conversation = await pending;
    } finally {
      creating.delete(pending);
    }
    const url = conversation.conversation_url;
    if (!url) {
      // A conversation with nowhere to join (a LiveKit persona) bills for nothing: end it now.
      const ended = await endOne(conversation.conversation_id).then(
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

  function track(id: string, url: string): void {
    tracked.set(id, { conversation_id: id, conversation_url: url, status: 'active', started_at: new Date().toISOString() });
  }

  async function endOne(id: string): Promise<void> {
    await options.client.conversations.end(id);
    const entry = tracked.get(id);
    if (entry) entry.status = 'ended';
  }

  async function endConversation(req: IncomingMessage, rawId: string): Promise<Answer> {
    // The body is not used (sendBeacon sends none); still, never read more than the limit.
    try {
      await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge();
      throw error;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawId);
    } catch {
      return badRequest('Invalid conversation id in the path.');
    }
    const parsed = ConversationIdSchema.safeParse(decoded);
    if (!parsed.success) return badRequest(`Invalid conversation id: it ${parsed.error.issues[0]!.message}.`);
    await endOne(parsed.data);
    return json(200, success({ conversation_id: parsed.data, status: 'ended' }), parsed.data);
  }

  function tooLarge(): Answer {
    const answer = fromFailure(
      failure(413, ServeCode.paramsInvalid, `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`, { error: 'params_invalid', status: null }),
    );
    answer.headers.connection = 'close';
    return answer;
  }

  function corsHeaders(verdict: OriginVerdict, req: IncomingMessage): Record<string, string> {
    if (verdict !== 'cors') return {};
    return { 'access-control-allow-origin': req.headers.origin!, vary: 'Origin' };
  }

  async function route(req: IncomingMessage): Promise<Answer> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;

    if (!isAllowedHost(req.headers.host, bindHost)) {
      return fromFailure(
        failure(421, ServeCode.forbidden, `This server does not answer for the host name in "Host: ${req.headers.host}".`, {
          error: 'forbidden_host',
          status: null,
          hint: 'Open it as http://127.0.0.1:PORT or http://localhost:PORT.',
        }),
      );
    }

    if (path.startsWith('/api/')) {
      const verdict = judgeOrigin(req, corsOrigins);
      if (verdict === 'forbidden') {
        return fromFailure(
          failure(403, ServeCode.forbidden, `Requests from ${req.headers.origin} are not allowed.`, {
            error: 'forbidden_origin',
            status: null,
            hint: 'Start `tavus-ten serve` with --cors ORIGIN to let that site call the API.',
          }),
        );
      }
      const extra = corsHeaders(verdict, req);
      if (method === 'OPTIONS') {
        return {
          status: 204,
          headers: {
            ...extra,
            'access-control-allow-methods': 'POST, DELETE, OPTIONS',
            'access-control-allow-headers': 'content-type',
            'access-control-max-age': '600',
          },
          body: '',
        };
      }
      const answer = await api(req, method, path);
      Object.assign(answer.headers, extra);
      return answer;
    }

    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET, HEAD');
    const asset = options.mode?.assets[path];
    if (asset) {
      return { status: 200, headers: pageHeaders(options.frameSources, asset.type, options.mode!.connectSources), body: await asset.body() };
    }
    switch (path) {
      case '/':
      case '/index.html':
        return { status: 200, headers: pageHeaders(options.frameSources, 'text/html; charset=utf-8'), body: PAGE_HTML };
      case '/assets/app.js':
        return { status: 200, headers: pageHeaders(options.frameSources, 'text/javascript; charset=utf-8'), body: PAGE_JS };
      case '/assets/app.css':
        return { status: 200, headers: pageHeaders(options.frameSources, 'text/css; charset=utf-8'), body: PAGE_CSS };
      case '/favicon.ico':
        return { status: 204, headers: {}, body: '' };
      case '/health':
        return json(200, { code: ServeCode.success, msg: 'ok', data: null });
      default:
        return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found. The page is at /.\n' };
    }
  }

  async function api(req: IncomingMessage, method: string, path: string): Promise<Answer> {
    try {
      const answer = await options.mode?.api(req, method, path);
      if (answer) return answer;
      if (path === CREATE_PATH) {
        if (method !== 'POST') return methodNotAllowed('POST');
        return await createConversation(req);
      }
      const end = END_PATH.exec(path);
      if (end) {
        if (method !== 'POST') return methodNotAllowed('POST');
        return await endConversation(req, end[1]!);
      }
      // The TEN example's README documents `DELETE /api/tavus/conversation/:id`: the same as /end.
      const conversation = CONVERSATION_PATH.exec(path);
      if (conversation && conversation[1] !== 'create') {
        if (method !== 'DELETE') return methodNotAllowed('DELETE');
        return await endConversation(req, conversation[1]!);
      }
      return fromFailure(
        failure(404, ServeCode.notFound, `No API route ${method} ${path}.`, {
          error: 'not_found',
          status: null,
          hint: `The routes are POST ${CREATE_PATH} and POST /api/tavus/conversation/:id/end.`,
        }),
      );
    } catch (error) {
      // One log line (the request's own, with this note), not a 500 with a stack trace.
      if (error instanceof ClientGoneError) return { ...badRequest('The request body was cut off.'), status: 499, note: 'client disconnected mid-body' };
      const answer = fromFailure(failureFromError(error, { capHint: options.capHint }));
      if (answer.status === 500) log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return answer;
    }
  }

  function methodNotAllowed(allow: string): Answer {
    return {
      ...fromFailure(failure(405, ServeCode.methodNotAllowed, `Use ${allow} for this path.`, { error: 'method_not_allowed', status: null })),
      headers: { ...API_HEADERS, allow },
    };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    route(req)
      .catch((error: unknown) => {
        log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fromFailure(failureFromError(error, { capHint: options.capHint }));
      })
      .then((answer) => {
        const body = redact(answer.body, secrets);
        const length = answer.status === 204 ? {} : { 'content-length': String(Buffer.byteLength(body)) };
        res.writeHead(answer.status, { ...answer.headers, ...length });
        res.end(req.method === 'HEAD' ? undefined : body);
        const path = (req.url ?? '/').split('?')[0]!;
        if (path.startsWith('/api/') || answer.status >= 400) {
          log(`${req.method} ${path} → ${answer.status}${answer.note ? ` ${answer.note}` : ''} (${Math.round(performance.now() - started)} ms)`);
        }
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new ListenError(error.message, error.code));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port ?? 8080, bindHost);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    conversations: () => [...tracked.values()].map((entry) => ({ ...entry })),
    close() {
      closed ??= (async () => {
        closing = true;
        graceEnds ??= Date.now() + CREATE_GRACE_MS;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests in flight get their answer; everything else goes now.
          setTimeout(() => {
            for (const socket of sockets) socket.destroy();
          }, 2000).unref();
        });
        // Bounded: a create stuck behind a broken proxy must not hold a Ctrl-C past the contract's 5 s.
        if (!(await settledWithin(creating, graceEnds - Date.now()))) {
          log(`${creating.size} create${creating.size === 1 ? ' is' : 's are'} still unanswered; ${creating.size === 1 ? 'it' : 'they'} may have happened: check with \`tavus-ten conversation list --status active\`.`);
        }
      })();
      return closed;
    },
    async endAll() {
      graceEnds ??= Date.now() + CREATE_GRACE_MS;
      await settledWithin(creating, graceEnds - Date.now());
      const active = [...tracked.values()].filter((entry) => entry.status === 'active');
      return Promise.all(
        active.map(async (entry): Promise<EndResult> => {
          try {
            await endOne(entry.conversation_id);
            return { conversation_id: entry.conversation_id, result: 'ended' };
          } catch (error) {
            return { conversation_id: entry.conversation_id, result: 'failed', error: redact(error instanceof Error ? error.message : String(error), secrets) };
          }
        }),
      );
    },
  };
}
