// startEmulator: the HTTP server that ties recording, faults, latency, the /v2 API, rooms and the control plane.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { advanceClockWork, answerApi, parseJsonBody } from './api.js';
import { CallbackSender } from './callbacks.js';
import { answerControlPlane, type ControlPlaneHost } from './control-plane.js';
import { createClock } from './clock.js';
import { activeConversationCount, endConversationRecord, participantJoined, participantLeft, SHUTDOWN_REASON } from './conversation-lifecycle.js';
import { DeadlineTimer, expireConversations } from './conversation-timeouts.js';
import { deliverFault, deliverMangled, isReplacingFault, sendReply } from './delivery.js';
import { FaultQueue } from './faults.js';
import { loadRtcNode } from './livekit-avatar.js';
import { AvatarRoster } from './livekit-join.js';
import { answerRoomService, isRoomServicePath, roomParticipants } from './livekit-room-service.js';
import { Pauses } from './pauses.js';
import { messageReply, notFoundReply } from './reply.js';
import { answersHost, isCrossOrigin } from './local-guard.js';
import { joinRoom, leaveRoom, roomPage } from './room-page.js';
import { safeDecode } from './router.js';
import { pushBounded, recordedBody, recordedHeaders } from './recording.js';
import { addBulkConversations, addBulkPersonas, seedStock } from './seed.js';
import type { ConversationEndedListener, Emulator, EmulatorOptions, RecordedRequest, StoredConversation } from './types.js';
import { clearState, emptyState, type AccountSettings, type World } from './world.js';

export const DEFAULT_API_KEY = 'tvs_mock_0000000000000000';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function splitUrl(rawUrl: string): { path: string; query: Record<string, string> } {
  // Origin-form ('/v2/x?y') is joined rather than resolved, so '//x' stays a path and not a host.
  const url = rawUrl.startsWith('/') ? new URL(`http://emulator.invalid${rawUrl}`) : new URL(rawUrl);
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** How often (real ms) clock-driven work is brought up to date between requests. */
const CLOCK_WORK_INTERVAL_MS = 250;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const host = options.host ?? '127.0.0.1';
  const startingSettings = (): AccountSettings => ({
    concurrency: options.concurrency ?? 3,
    outOfCredits: options.outOfCredits ?? false,
    latencyMs: options.latencyMs ?? 0,
    maxPageSize: options.maxPageSize,
  });
  const clock = createClock({ source: options.now, timeScale: options.timeScale });
  const endedListeners = new Set<ConversationEndedListener>(options.onConversationEnded ? [options.onConversationEnded] : []);
  const world: World = {
    state: emptyState(),
    settings: startingSettings(),
    now: clock.now,
    clock,
    endedListeners,
    baseUrl: '',
    livekit: options.livekit,
    callbacks: new CallbackSender(clock.now),
  };
  const deadlines = new DeadlineTimer(world);
  // Training finishes and callbacks go out on the clock, whether or not anyone is asking.
  const clockWork = setInterval(() => advanceClockWork(world), CLOCK_WORK_INTERVAL_MS);
  clockWork.unref();
  if (options.livekitJoin) {
    await loadRtcNode(); // fail now, not at the first LiveKit conversation
    const avatars = new AvatarRoster(world, {
      // Declared below; called only once an avatar is in a room.
      joined: (conversationId, identity) => joinParticipant(conversationId, identity),
      left: (conversationId, identity) => leaveParticipant(conversationId, identity),
    });
    world.avatars = avatars;
    endedListeners.add((conversation) => avatars.leave(conversation.conversation_id)); // on every end: endpoint, timeouts, refusal
  }
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const pauses = new Pauses();
  let nextRequestId = 1;
  let closing: Promise<void> | undefined;

  const reseed = (): void => {
    clearState(world.state);
    if (options.seed ?? true) seedStock(world.state);
    Object.assign(world.settings, startingSettings());
  };
  reseed();

  const endConversation = (id: string, reason: string = SHUTDOWN_REASON.participantLeft): boolean => {
    expireConversations(world);
    const conversation = world.state.conversations.get(id);
    if (!conversation) return false;
    endConversationRecord(world, conversation, reason);
    deadlines.arm();
    return true;
  };

  const conversationFor = (id: string): StoredConversation => {
    expireConversations(world);
    const conversation = world.state.conversations.get(id);
    if (!conversation) throw new Error(`No conversation ${id} in the emulator`);
    return conversation;
  };
  const advanceClock = (seconds: number): void => {
    clock.advance(seconds);
    deadlines.arm(); // applies what fell due, then waits for the next deadline
    advanceClockWork(world); // training and document processing that fell due, and their callbacks
  };
  const joinParticipant = (conversationId: string, participantId: string): boolean => {
    const joined = participantJoined(world, conversationFor(conversationId), participantId);
    deadlines.arm();
    return joined;
  };
  const leaveParticipant = (conversationId: string, participantId: string): void => {
    participantLeft(world, conversationFor(conversationId), participantId);
    deadlines.arm();
  };

  // The log keeps no foreign key and no body beyond its bound (recording.ts).
  const recordRequest = (method: string, path: string, query: Record<string, string>, headers: Record<string, string>, rawBody: string): RecordedRequest => {
    const kept = recordedBody(rawBody);
    const parsed = kept.cut ? undefined : parseJsonBody(rawBody);
    const entry: RecordedRequest = {
      id: nextRequestId++,
      method,
      path,
      query,
      headers: recordedHeaders(headers, apiKey),
      body: parsed instanceof SyntaxError ? undefined : parsed,
      rawBody: kept.rawBody,
      status: 0,
      at: world.now(),
    };
    pushBounded(requests, entry);
    return entry;
  };

  async function answerApiRequest(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: Record<string, string>, rawBody: string) {
    const headers = flatHeaders(req);
    const record = recordRequest(method, path, query, headers, rawBody);
    const fault = faults.take(method, path);
    if (world.settings.latencyMs > 0 && !(await pauses.wait(world.settings.latencyMs))) return;
    if (fault && isReplacingFault(fault)) {
      record.status = deliverFault(res, fault);
      return;
    }
    if (fault?.kind === 'delay' && !(await pauses.wait(fault.ms))) return;
    if (closing) return;
    // The handler runs even if the client gave up meanwhile: a timed-out create may still exist.
    const reply = answerApi(world, apiKey, { method, path, query, headers, rawBody });
    record.status = deliverMangled(res, reply, fault);
  }

  const controlPlane: ControlPlaneHost = {
    requests,
    inject: (rule) => faults.inject(rule),
    clearFaults: () => faults.clear(),
    reset: () => emulator.reset(),
    applySettings: (patch) => {
      if (patch.concurrency !== undefined) world.settings.concurrency = patch.concurrency;
      if (patch.out_of_credits !== undefined) world.settings.outOfCredits = patch.out_of_credits;
      if (patch.latency_ms !== undefined) world.settings.latencyMs = patch.latency_ms;
    },
    endConversation,
    callbacks: () => world.callbacks.deliveries,
    clock: () => ({ now: new Date(clock.now()).toISOString(), now_ms: clock.now(), time_scale: clock.timeScale }),
    advanceClock,
    participant: (conversationId, participantId, action) => {
      if (!world.state.conversations.has(conversationId)) return false;
      if (action === 'join') joinParticipant(conversationId, participantId);
      else leaveParticipant(conversationId, participantId);
      return true;
    },
    health: () => ({
      ok: true,
      url: world.baseUrl,
      personas: world.state.personas.size,
      replicas: world.state.replicas.size,
      conversations: world.state.conversations.size,
      active_conversations: activeConversationCount(world),
      concurrency: world.settings.concurrency,
      out_of_credits: world.settings.outOfCredits,
      latency_ms: world.settings.latencyMs,
    }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query } = splitUrl(req.url ?? '/');
    // A foreign Host is a DNS-rebinding page; a cross-origin write to the control plane is another
    // site's page driving the emulator (faults, resets) from the user's browser.
    if (!answersHost(req.headers.host, host)) {
      req.resume();
      return void sendReply(res, messageReply(403, `The emulator does not answer for Host ${JSON.stringify(req.headers.host ?? '')}; use ${world.baseUrl}.`));
    }
    if (path.startsWith('/__emulator/') && method !== 'GET' && method !== 'HEAD' && isCrossOrigin(req)) {
      req.resume();
      return void sendReply(res, messageReply(403, 'Cross-origin writes to the emulator control plane are refused.'));
    }
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) sendReply(res, messageReply(413, 'Request body too large'));
      else res.destroy();
      return;
    }
    if (path === '/v2' || path.startsWith('/v2/')) {
      await answerApiRequest(req, res, method, path, query, rawBody);
      deadlines.arm(); // a create, an end or a patch may move the earliest deadline
      return;
    }
    if (isRoomServicePath(path)) {
      const headers = flatHeaders(req);
      const record = recordRequest(method, path, query, headers, rawBody);
      const body = parseJsonBody(rawBody);
      record.status = sendReply(
        res,
        await answerRoomService(options.livekit, { method, path, headers, body: body instanceof SyntaxError ? undefined : body }, (room) => roomParticipants(world, room)),
      );
      return;
    }
    if (path.startsWith('/__emulator/')) {
      sendReply(res, answerControlPlane(controlPlane, method, path, query, rawBody));
      deadlines.arm();
      return;
    }
    const room = /^\/rooms\/([^/]+)(\/join|\/leave)?\/?$/.exec(path);
    if (room) {
      expireConversations(world);
      const id = safeDecode(room[1] ?? '');
      if (!room[2] && (method === 'GET' || method === 'HEAD')) return void sendReply(res, roomPage(world, id));
      const body = parseJsonBody(rawBody);
      if (room[2] === '/join' && method === 'POST') sendReply(res, joinRoom(world, id, body));
      else if (room[2] === '/leave' && method === 'POST') sendReply(res, leaveRoom(world, id, body));
      else sendReply(res, notFoundReply());
      deadlines.arm();
      return;
    }
    sendReply(res, notFoundReply());
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined); // the client went away; nothing to tell it
    handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else sendReply(res, messageReply(500, 'Internal server error'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  world.baseUrl = `http://${urlHost(host)}:${port}`;

  const emulator: Emulator = {
    url: world.baseUrl,
    apiKey,
    requests,
    inject: (rule) => faults.inject(rule),
    clearFaults: () => faults.clear(),
    setConcurrency: (n) => {
      world.settings.concurrency = n;
    },
    setOutOfCredits: (v) => {
      world.settings.outOfCredits = v;
    },
    setLatency: (ms) => {
      world.settings.latencyMs = ms;
    },
    reset: () => {
      void world.avatars?.close();
      reseed();
      world.callbacks.clear();
      requests.length = 0;
      faults.clear();
    },
    seedPersonas: (count, opts) => addBulkPersonas(world, count, opts),
    seedConversations: (count, status) => {
      const ids = addBulkConversations(world, count, status);
      deadlines.arm();
      return ids;
    },
    endConversation: (id, reason) => {
      if (!endConversation(id, reason)) throw new Error(`No conversation ${id} in the emulator`);
    },
    clock: {
      now: clock.now,
      timeScale: clock.timeScale,
      advance: advanceClock,
    },
    onConversationEnded: (listener) => {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    participantJoined: joinParticipant,
    participantLeft: leaveParticipant,
    get state() {
      return world.state;
    },
    callbacks: world.callbacks.deliveries,
    callbacksSettled: () => world.callbacks.settled(),
    close: () => {
      clearInterval(clockWork);
      closing ??= new Promise<void>((resolve) => {
        deadlines.stop();
        pauses.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => world.avatars?.close());
      return closing;
    },
  };
  return emulator;
}
