// After a LiveKit conversation is created: did Tavus's avatar arrive? Polls the room's participants
// (RoomService.ListParticipants) for `tavus-avatar-agent` and, less often, the conversation itself
// (it ends, with a reason, when the avatar cannot join), until one of them answers or time runs out.
import { AVATAR_IDENTITY } from './token.js';
import { roomIdentities, type ServerCall, type ServerProblem } from './server.js';

export interface JoinCheckInput {
  server: ServerCall;
  room: string;
  /** How long to wait for the avatar, in ms. */
  timeoutMs: number;
  /** Reads the conversation: `ended` with Tavus's shutdown reason once it is over. */
  conversation: () => Promise<{ ended: boolean; reason?: string }>;
  /** Between looks at the room, in ms (default 250); the conversation is read every fourth look. */
  pollMs?: number;
  /** Clock in ms (default Date.now). */
  now?: () => number;
}

export type JoinOutcome =
  /** The avatar is in the room; `identities` is everyone there then. */
  | { kind: 'joined'; afterMs: number; identities: string[] }
  /** The conversation ended first (the avatar was refused, or it was ended). */
  | { kind: 'ended'; afterMs: number; reason: string | undefined }
  /** Neither within timeoutMs. */
  | { kind: 'timeout'; afterMs: number; identities: string[] }
  /** The server could not be asked about the room. */
  | { kind: 'unknown'; afterMs: number; problem: ServerProblem };

/** Resolves with what happened first; rejects only with the InterruptedError of the server call's signal. */
export async function waitForAvatar(input: JoinCheckInput): Promise<JoinOutcome> {
  const now = input.now ?? Date.now;
  const pollMs = input.pollMs ?? 250;
  const started = now();
  let identities: string[] = [];
  for (let look = 0; ; look++) {
    const inRoom = await roomIdentities(input.server, input.room);
    if (!inRoom.ok) return { kind: 'unknown', afterMs: now() - started, problem: inRoom };
    identities = inRoom.identities;
    if (identities.includes(AVATAR_IDENTITY)) return { kind: 'joined', afterMs: now() - started, identities };
    if (look % 4 === 0) {
      const conversation = await input.conversation();
      if (conversation.ended) return { kind: 'ended', afterMs: now() - started, reason: conversation.reason };
    }
    if (now() - started >= input.timeoutMs) return { kind: 'timeout', afterMs: now() - started, identities };
    await pause(Math.min(pollMs, Math.max(0, input.timeoutMs - (now() - started))), input.server.signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(); // the next server call rejects with the interruption
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
