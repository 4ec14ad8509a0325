import { stockReplicas } from '../../../src/emulator/seed.js';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { client } from './helpers.js';

const { emulator } = useEmulator({}, undefined, { reset: false });
const call = client(emulator);

describe('/v2/replicas', () => {
  it('lists the stock replicas in every training state', async () => {
    const response = await call('GET', '/v2/replicas?limit=50');
    expect(response.status).toBe(200);
    expect(response.json.total_count).toBe(stockReplicas().length);
    const byId = Object.fromEntries(response.json.data.map((r: any) => [r.replica_id, r]));
    expect(byId.r90bbd427f71).toMatchObject({ replica_name: 'Anna', status: 'completed', training_progress: '100/100' });
    expect(response.json.data.filter((r: any) => r.status === 'completed')).toHaveLength(stockReplicas().filter((r) => r.status === 'completed').length);
    expect(response.json.data.find((r: any) => r.status === 'started')).toMatchObject({ training_progress: '40/100' });
    expect(response.json.data.find((r: any) => r.status === 'error')).toBeDefined();
    for (const replica of response.json.data) {
      expect(Object.keys(replica).sort()).toEqual(
        ['created_at', 'model_name', 'replica_id', 'replica_name', 'status', 'thumbnail_video_url', 'training_progress'].sort(),
      );
    }
  });

  it('adds replica_type with verbose and filters by replica_type', async () => {
    const verbose = await call('GET', '/v2/replicas?verbose=true&replica_type=system');
    expect(verbose.json.total_count).toBe(stockReplicas().filter((r) => r.replica_type === 'system').length);
    expect(verbose.json.data.every((r: any) => r.replica_type === 'system')).toBe(true);
    const users = await call('GET', '/v2/replicas?replica_type=user');
    expect(users.json.total_count).toBe(2);
    expect(users.json.data[0].replica_type).toBeUndefined();
  });

  it('pages the list', async () => {
    const first = await call('GET', '/v2/replicas?limit=2&page=1');
    const last = await call('GET', `/v2/replicas?limit=3&page=${Math.ceil(stockReplicas().length / 3)}`);
    expect(first.json.data).toHaveLength(2);
    expect(last.json.data).toHaveLength(stockReplicas().length % 3 || 3);
    expect(last.json.total_count).toBe(stockReplicas().length);
  });

  it('gets one with updated_at and error_message', async () => {
    const anna = await call('GET', '/v2/replicas/r90bbd427f71');
    expect(anna.status).toBe(200);
    expect(anna.json).toMatchObject({ replica_id: 'r90bbd427f71', replica_name: 'Anna', error_message: null });
    expect(anna.json.updated_at).toEqual(expect.any(String));
    const failed = [...emulator.state.replicas.values()].find((r) => r.status === 'error');
    const response = await call('GET', `/v2/replicas/${failed?.replica_id}?verbose=true`);
    expect(response.json.error_message).toEqual(expect.any(String));
    expect(response.json.replica_type).toBe('user');
  });

  it('answers 400 Invalid replica_id for an unknown replica (the spec example for this route)', async () => {
    const response = await call('GET', '/v2/replicas/r000000000000');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'Invalid replica_id' });
  });
});
