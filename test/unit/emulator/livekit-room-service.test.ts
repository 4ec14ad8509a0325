// The emulator's LiveKit RoomService: ListRooms for tokens signed with its key pair, 401/403/404 otherwise.
import { AccessToken } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/index.js';
import { useEmulator } from '../../helpers/emulator.js';

const credentials = { apiKey: 'APIemulatortest', apiSecret: 's'.repeat(40) };

const { emulator } = useEmulator({ livekit: credentials }, undefined, { reset: false });

async function token(apiKey: string, apiSecret: string, grant: Record<string, unknown>): Promise<string> {
  const at = new AccessToken(apiKey, apiSecret, { ttl: 60, identity: 'tester' });
  at.addGrant(grant);
  return at.toJwt();
}

async function listRooms(authorization?: string, path = '/twirp/livekit.RoomService/ListRooms') {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: '{}',
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('LiveKit RoomService', () => {
  it('answers ListRooms for a token with the roomList grant, and records the call', async () => {
    const result = await listRooms(`Bearer ${await token(credentials.apiKey, credentials.apiSecret, { roomList: true })}`);
    expect(result).toEqual({ status: 200, body: { rooms: [] } });
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/twirp/livekit.RoomService/ListRooms', status: 200, body: {} });
  });

  it('401 for no token or a token signed with another secret; 403 without the grant', async () => {
    expect(await listRooms()).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    expect(await listRooms(`Bearer ${await token(credentials.apiKey, 'x'.repeat(40), { roomList: true })}`)).toMatchObject({ status: 401 });
    expect(await listRooms(`Bearer ${await token('APIother', credentials.apiSecret, { roomList: true })}`)).toMatchObject({ status: 401 });
    expect(await listRooms(`Bearer ${await token(credentials.apiKey, credentials.apiSecret, { roomJoin: true, room: 'r' })}`)).toMatchObject({
      status: 403,
      body: { code: 'permission_denied' },
    });
  });

  it('404 bad_route for other methods, and when no credentials are configured', async () => {
    expect(await listRooms(undefined, '/twirp/livekit.RoomService/DeleteRoom')).toMatchObject({ status: 404, body: { code: 'bad_route' } });
    const bare = await startEmulator();
    try {
      const response = await fetch(`${bare.url}/twirp/livekit.RoomService/ListRooms`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
