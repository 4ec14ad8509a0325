// The sessions `serve --transport livekit` runs: for each start, a LiveKit room, the person's token, Tavus's
// avatar in that room (the same plan as `conversation start --transport livekit`) and optionally the TEN
// agent's process; for each stop, and for all of them at shutdown, the conversation ended, the room
// deleted and the agent stopped.
import { randomBytes } from 'node:crypto';
import type { Conversation, ConversationCreateBody, Persona, TavusClient } from '../api/client.js';
import { InterruptedError } from '../errors.js';
import { planLivekitConversation, type LivekitServer, type LivekitSettings } from '../livekit/conversation.js';
import type { Rooms } from '../livekit/rooms.js';
import { startAgentProcess, type AgentProcess } from './agent-process.js';
import type { ConversationProperties } from './server.js';

export interface LivekitSessionsOptions {
  /** A client Ctrl-C does not abort: a create in flight must finish so that it can be ended. */
  client: TavusClient;
  settings: LivekitSettings;
  /** Already checked at start-up: URL, key pair (and the server took them). */
  server: LivekitServer;
  /** The Tavus API is the emulator on this machine: a loopback LiveKit URL is allowed (see resolveLivekitTarget). */
  tavusIsLocal: boolean;
  rooms: Rooms;
  /** Fetched and checked (echo + livekit) at start-up. */
  persona: Persona;
  replicaId: string | undefined;
  properties: ConversationProperties;
  /** Who the avatar publishes on behalf of (default: planLivekitConversation's, `ten-agent`). */
  agentIdentity?: string;
  agent?: { command: string; graceMs: number; baseEnv: Record<string, string | undefined>; cwd: string };
  /**
   * After the create (and the agent's start): the join check `conversation start` runs, which resolves once
   * the avatar is in the room and throws (after ending the conversation with `end`) when it never comes.
   * Absent with --no-verify.
   */
  afterCreate?: (input: { room: string; created: Conversation; agentIdentity: string; end: () => Promise<void> }) => Promise<void>;
  /** Called with each secret minted for Tavus (the avatar's room token): never to be printed. */
  addSecret: (secret: string) => void;
  log: (line: string) => void;
}

export interface StartRequest {
  room?: string;
  identity?: string;
  greeting?: string;
}

/** What the start endpoint answers under `data` (TEN's names). */
export interface StartedSession {
  room_name: string;
  user_token: string;
  livekit_url: string;
  conversation_id: string;
  user_identity: string;
  /** ISO time the user token stops being accepted: the conversation's max duration plus a margin. */
  expires_at: string;
  /** Whether --agent-command was started for this room; without it, the user starts their agent. */
  agent: 'started' | 'not_configured';
}

export interface StopResult {
  room_name: string;
  conversation_id: string;
  /** What happened to each part; `failed` carries the reason in `errors`. */
  conversation: 'ended' | 'already_ended' | 'failed';
  room: 'deleted' | 'already_gone' | 'failed';
  agent: 'stopped' | 'killed' | 'none' | 'already_exited';
  errors: string[];
}

interface Session {
  room: string;
  conversationId?: string;
  agent?: AgentProcess;
  /** Set once a stop began; a second stop answers the same result. */
  stopping?: Promise<StopResult>;
  /** Set once a stop succeeded in full. */
  done?: boolean;
}

/** A room this server already runs a session in (409), or one it never started (404). */
export class SessionConflictError extends Error {}

export interface LivekitSessions {
  start(request: StartRequest): Promise<StartedSession>;
  /** undefined when this server never started a session in that room. Idempotent. */
  stop(room: string): Promise<StopResult | undefined>;
  /** Refuses new starts, waits for those in flight, then stops every session not stopped yet. */
  stopAll(): Promise<StopResult[]>;
}

/** `tavus-session-<8 hex>`: unique enough for one server, short enough to read in a log. */
export function newRoomName(): string {
  return `tavus-session-${randomBytes(4).toString('hex')}`;
}

export function livekitSessions(options: LivekitSessionsOptions): LivekitSessions {
  const sessions = new Map<string, Session>();
  const starting = new Set<Promise<unknown>>();
  let closing = false;
  const { log } = options;

  async function start(request: StartRequest): Promise<StartedSession> {
    if (closing) throw new InterruptedError();
    const room = request.room ?? newRoomName();
    if (sessions.has(room)) {
      throw new SessionConflictError(`This server already started a session in room ${room}.`);
    }
    const session: Session = { room };
    sessions.set(room, session);
    const work = run(session, request);
    starting.add(work);
    try {
      return await work;
    } finally {
      starting.delete(work);
    }
  }

  async function run(session: Session, request: StartRequest): Promise<StartedSession> {
    const { room } = session;
    let roomCreated = false;
    try {
      // The same plan as `conversation start --transport livekit`: persona check, avatar token, user token.
      const plan = await planLivekitConversation({
        settings: options.settings,
        room,
        persona: options.persona,
        maxDurationSeconds: options.properties.max_call_duration,
        agentIdentity: options.agentIdentity,
        viewer: request.identity ? { identity: request.identity } : undefined,
        tavusIsLocal: options.tavusIsLocal,
      });
      options.addSecret(plan.properties.livekit_room_token);

      await options.rooms.create(room, {
        emptySeconds: options.properties.participant_absent_timeout,
        departureSeconds: options.properties.participant_left_timeout,
      });
      roomCreated = true;

      const body: ConversationCreateBody = {
        persona_id: options.persona.persona_id,
        ...(options.replicaId ? { replica_id: options.replicaId } : {}),
        conversation_name: `tavus-ten serve (room ${room})`,
        ...(request.greeting ? { custom_greeting: request.greeting } : {}),
        properties: { ...options.properties, ...plan.properties },
      };
      const created = await options.client.conversations.create(body);
      session.conversationId = created.conversation_id;
      log(`room ${room}: conversation ${created.conversation_id} created for Tavus's avatar (tavus-avatar-agent)`);

      if (options.agent) {
        session.agent = await startAgentProcess({
          command: options.agent.command,
          baseEnv: options.agent.baseEnv,
          cwd: options.agent.cwd,
          room,
          conversationId: created.conversation_id,
          livekit: { url: options.server.url, ...options.server.credentials },
          graceMs: options.agent.graceMs,
          log,
        });
      }

      if (options.afterCreate) {
        await options.afterCreate({
          room,
          created,
          agentIdentity: plan.agentIdentity,
          end: async () => {
            await options.client.conversations.end(created.conversation_id);
          },
        });
      }

      return {
        room_name: room,
        user_token: plan.joinToken.token,
        livekit_url: options.server.url,
        conversation_id: created.conversation_id,
        user_identity: plan.joinToken.identity,
        expires_at: plan.joinToken.expiresAt,
        agent: session.agent ? 'started' : 'not_configured',
      };
    } catch (error) {
      // Nothing of a failed start is left behind: no conversation was made (or it is ended), the room goes.
      // Once undone, the room name is free again; if undoing failed, Ctrl-C tries again.
      const undone = session.conversationId || roomCreated ? await stopSession(session, roomCreated).catch(() => undefined) : undefined;
      if (!(session.conversationId || roomCreated) || undone?.errors.length === 0) sessions.delete(room);
      throw error;
    }
  }

  function stopSession(session: Session, deleteRoom = true): Promise<StopResult> {
    session.stopping ??= (async () => {
      const errors: string[] = [];
      const reason = (what: string, error: unknown) => {
        errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      };
      const id = session.conversationId;
      // The conversation first, so that Tavus's avatar leaves because it ended (its shutdown reason is
      // ours), not because its room vanished under it; then the room and the agent.
      const conversation: StopResult['conversation'] = id
        ? await options.client.conversations.end(id).then(
            (result) => (result.already_ended ? 'already_ended' : 'ended'),
            (error: unknown) => {
              reason(`ending conversation ${id}`, error);
              return 'failed' as const;
            },
          )
        : 'already_ended';
      const [room, agent] = await Promise.all([
        deleteRoom
          ? options.rooms.delete(session.room).catch((error: unknown): StopResult['room'] => {
              reason(`deleting room ${session.room}`, error);
              return 'failed';
            })
          : Promise.resolve<StopResult['room']>('already_gone'),
        session.agent
          ? session.agent.stop().then((exit): StopResult['agent'] => (exit.killed ? 'killed' : 'stopped'))
          : Promise.resolve<StopResult['agent']>('none'),
      ]);
      const result: StopResult = { room_name: session.room, conversation_id: id ?? '', conversation, room, agent, errors };
      log(
        `room ${session.room}: ${id ? `conversation ${id} ${conversation === 'failed' ? 'NOT ended' : 'ended'}` : 'no conversation'}, ` +
          `room ${room === 'failed' ? 'NOT deleted' : room === 'deleted' ? 'deleted' : 'already gone'}` +
          (agent === 'none' ? '' : `, agent ${agent}`),
      );
      // A failed part can be tried again by another stop (or Ctrl-C).
      if (errors.length > 0) session.stopping = undefined;
      else session.done = true;
      return result;
    })();
    return session.stopping;
  }

  return {
    start,
    async stop(room) {
      const session = sessions.get(room);
      if (!session) return undefined;
      // A start still in flight for this room finishes first, so that what it made can be undone.
      await Promise.allSettled([...starting]);
      return stopSession(session);
    },
    async stopAll() {
      closing = true;
      await Promise.allSettled([...starting]);
      const open = [...sessions.values()].filter((session) => !session.done);
      return Promise.all(open.map((session) => stopSession(session)));
    },
  };
}
