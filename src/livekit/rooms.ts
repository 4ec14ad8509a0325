// LiveKit rooms through the server's RoomService (livekit-server-sdk's RoomServiceClient, loaded lazily):
// create a room for a session, list who is in it, delete it, and check that the server takes the key pair.
import type { LivekitServer } from './conversation.js';
import { livekitApiOrigin } from './url.js';

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
  /** RoomService.DeleteRoom; a room that is already gone is not an error. Disconnects everyone in it. */
  delete(name: string): Promise<'deleted' | 'already_gone'>;
  /** Identities of the participants in the room now (empty when the room does not exist). */
  participants(name: string): Promise<string[]>;
  /** RoomService.ListRooms: throws (RoomServiceError, status 401/403) when the server rejects the key pair. */
  checkCredentials(): Promise<number>;
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

/**
 * RoomService for `server` (its URL's https/http origin, its key pair). `timeoutSeconds` bounds each
 * call; failover is off (we talk to the server we were given, not LiveKit Cloud's other regions).
 */
export async function livekitRooms(server: LivekitServer, timeoutSeconds: number): Promise<Rooms> {
  const origin = livekitApiOrigin(server.url);
  if (!origin) throw new RoomServiceError(`The LiveKit URL ${server.url} has no http(s) origin for its RoomService.`, undefined);
  const { RoomServiceClient } = await import('livekit-server-sdk');
  const service = new RoomServiceClient(origin, server.credentials.apiKey, server.credentials.apiSecret, {
    requestTimeout: timeoutSeconds,
    failover: false,
  });
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      const said = error instanceof Error ? error.message.trim() : String(error);
      throw new RoomServiceError(`LiveKit ${what} failed at ${origin}${said ? `: ${said}` : ''}`, typeof status === 'number' ? status : undefined, error);
    }
  };
  return {
    origin,
    async create(name, timeouts) {
      await call(`CreateRoom ${name}`, () =>
        service.createRoom({ name, emptyTimeout: timeouts.emptySeconds, departureTimeout: timeouts.departureSeconds }),
      );
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
    async participants(name) {
      try {
        const list = await call(`ListParticipants ${name}`, () => service.listParticipants(name));
        return list.map((participant) => participant.identity);
      } catch (error) {
        if (error instanceof RoomServiceError && error.status === 404) return [];
        throw error;
      }
    },
    async checkCredentials() {
      return (await call('ListRooms', () => service.listRooms())).length;
    },
  };
}
