// Shared set-up for the client's unit tests: a MockAgent that refuses the real network and
// records every call, and a client whose sleeps are recorded instead of waited.
import { MockAgent } from 'undici';
import type { MockCallHistoryLog } from 'undici';
import { createTavusClient } from '../../../src/api/client.js';
import type { RequestLogEntry, TavusClient, TavusClientOptions } from '../../../src/api/client.js';

export const API_KEY = 'tvs_test_secret_key_a1b2';
export const ORIGIN = 'https://tavusapi.com';

export interface Harness {
  agent: MockAgent;
  tavus: ReturnType<MockAgent['get']>;
  client: TavusClient;
  sleeps: number[];
  log: RequestLogEntry[];
  calls(): MockCallHistoryLog[];
}

export function createHarness(overrides: Partial<TavusClientOptions> = {}): Harness {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const sleeps: number[] = [];
  const log: RequestLogEntry[] = [];
  const client = createTavusClient({
    apiKey: API_KEY,
    dispatcher: agent,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onRequest: (entry) => log.push(entry),
    ...overrides,
  });
  return {
    agent,
    tavus: agent.get(ORIGIN),
    client,
    sleeps,
    log,
    calls: () => agent.getCallHistory()?.calls() ?? [],
  };
}

export const json = { headers: { 'content-type': 'application/json' } };

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export function persona(id: string, extra: Record<string, unknown> = {}) {
  return { persona_id: id, persona_name: `Persona ${id}`, pipeline_mode: 'full', created_at: '2026-01-01T00:00:00Z', ...extra };
}
