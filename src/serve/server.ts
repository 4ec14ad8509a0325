// The HTTP server behind `tavus-ten serve` (node:http, no framework): who may call it (Host, Origin,
// CORS), which job answers a request (the API routes of daily-routes.ts or a mode's, the page of
// assets.ts), the log line, and the lifecycle: listening, closing, ending what it started.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TavusClient } from '../api/client.js';
import { redact } from '../io/mask.js';
import { terminalSafe } from '../io/terminal-text.js';
import { badRequest, fromFailure, methodNotAllowed, type Answer } from './answers.js';
import { pageAnswer, type PageAssets } from './assets.js';
import { DailyConversations, type EndResult, type TrackedConversation } from './daily-conversations.js';
import { CREATE_PATH, dailyApi } from './daily-routes.js';
import { ClientGoneError, isAllowedHost, judgeOrigin, type OriginVerdict } from './guard.js';
import { ServeCode, failure, failureFromError } from './protocol.js';

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
export interface ServeMode extends PageAssets {
  /** Answers the API paths it owns; undefined leaves the path to the Daily routes. */
  api(req: IncomingMessage, method: string, path: string): Promise<Answer | undefined>;
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

function corsHeaders(verdict: OriginVerdict, req: IncomingMessage): Record<string, string> {
  if (verdict !== 'cors') return {};
  return { 'access-control-allow-origin': req.headers.origin!, vary: 'Origin' };
}

export async function startServeServer(options: ServeOptions): Promise<ServeServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const corsOrigins = (options.corsOrigins ?? []).map((origin) => origin.toLowerCase());
  const secrets = options.secrets ?? [];
  // The log is for people: server text in it (a request_id, an error body) must not drive the terminal.
  const log = (line: string) => options.log?.(terminalSafe(redact(line, secrets)));
  const daily = new DailyConversations(options.client, secrets);
  const sockets = new Set<Socket>();

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
    return pageAnswer(path, options.frameSources, options.mode);
  }

  async function api(req: IncomingMessage, method: string, path: string): Promise<Answer> {
    try {
      const answer = (await options.mode?.api(req, method, path)) ?? (await dailyApi(daily, options, req, method, path));
      if (answer) return answer;
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
    conversations: () => daily.list(),
    close() {
      closed ??= (async () => {
        daily.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests in flight get their answer; everything else goes now.
          setTimeout(() => {
            for (const socket of sockets) socket.destroy();
          }, 2000).unref();
        });
        // Bounded: a create stuck behind a broken proxy must not hold a Ctrl-C past the contract's 5 s.
        if (!(await daily.settleCreates())) {
          const n = daily.unanswered;
          log(`${n} create${n === 1 ? ' is' : 's are'} still unanswered; ${n === 1 ? 'it' : 'they'} may have happened: check with \`tavus-ten conversation list --status active\`.`);
        }
      })();
      return closed;
    },
    endAll: () => daily.endAll(),
  };
}
