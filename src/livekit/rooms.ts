// Creating and deleting LiveKit rooms through the server's RoomService (livekit-server-sdk's
// RoomServiceClient, loaded lazily), for `serve --transport livekit`: one room per session. Asking who is
// in a room and whether the key pair is accepted lives in server.ts.
import type { LivekitCredentials } from './token.js';
import { apiOrigin, livekitErrorText, roomService } from './server.js';

export interface RoomTimeouts {
  /** Seconds the server keeps a room nobody joined (LiveKit's emptyTimeout). */
  emptySeconds: number;
  /** Seconds it keeps a room after the last participant left (LiveKit's departureTimeout). */
  departureSeconds: number;
}

export interface Rooms {
  /** http(s)://host of the server's API, for messages. */
  readonly origin: string;
  /** RoomService.CreateRoom; answers the existing room when one of that name is already open. */
  create(name: string, timeouts: RoomTimeouts): Promise<void>;
  /** RoomService.DeleteRoom (everyone in it is disconnected); a room that is already gone is not an error. */
  delete(name: string): Promise<'deleted' | 'already_gone'>;
}

/** A RoomService failure: `status` is LiveKit's HTTP status, undefined when there was no answer. */
export class RoomServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** RoomService of the server at `livekitUrl` (its https/http origin) with its key pair, as server.ts's roomService. */
export async function livekitRooms(livekitUrl: string, credentials: LivekitCredentials, timeoutSeconds: number): Promise<Rooms> {
  const origin = apiOrigin(livekitUrl);
  if (!origin) throw new RoomServiceError(`The LiveKit URL ${livekitUrl} has no http(s) origin for its RoomService.`, undefined);
  const service = await roomService({ origin, credentials, timeoutSeconds });
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const said = livekitErrorText(error);
      throw new RoomServiceError(`LiveKit ${what} failed at ${origin}${said ? `: ${said}` : ''}`, typeof status === 'number' ? status : undefined, error);
    }
  };
  return {
    origin,
    async create(name, timeouts) {
      await call(`CreateRoom ${name}`, () => service.createRoom({ name, emptyTimeout: timeouts.emptySeconds, departureTimeout: timeouts.departureSeconds }));
    },
    async delete(name) {
      try {
        await call(`DeleteRoom ${name}`, () => service.deleteRoom(name));
        return 'deleted';
      } catch (error) {
        if (error instanceof RoomServiceError && error.status === 404) return 'already_gone';
        throw error;
      }
    },
  };
}
