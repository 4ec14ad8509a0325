// Every resource's list answers one Page: Tavus's total_count when it sends one, else the number of
// items on the page; an empty answer is an empty page.
import { afterEach, describe, expect, it } from 'vitest';
import type { TavusClient } from '../../../src/api/client.js';
import { createHarness, json } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

const LISTS: { call: string; path: string; item: Record<string, unknown>; list: (client: TavusClient) => Promise<unknown> }[] = [
  { call: 'personas', path: '/v2/personas', item: { persona_id: 'p1' }, list: (c) => c.personas.list() },
  { call: 'replicas', path: '/v2/replicas', item: { replica_id: 'r1' }, list: (c) => c.replicas.list() },
  { call: 'conversations', path: '/v2/conversations', item: { conversation_id: 'c1' }, list: (c) => c.conversations.list() },
  { call: 'documents', path: '/v2/documents', item: { document_id: 'd1' }, list: (c) => c.documents.list() },
  { call: 'objectives', path: '/v2/objectives', item: { objectives_id: 'o1', objective_name: 'ask' }, list: (c) => c.objectives.list() },
  { call: 'guardrails', path: '/v2/guardrails', item: { guardrails_id: 'g1' }, list: (c) => c.guardrails.list() },
];

describe('list', () => {
  it.each(LISTS)('$call: total_count as Tavus sends it', async ({ path, item, list }) => {
    h = createHarness();
    h.tavus.intercept({ path, method: 'GET' }).reply(200, { data: [item], total_count: 40 }, json);
    await expect(list(h.client)).resolves.toEqual({ data: [expect.objectContaining(item)], total_count: 40 });
  });

  it.each(LISTS)('$call: without total_count, the number of items on the page', async ({ path, item, list }) => {
    h = createHarness();
    h.tavus.intercept({ path, method: 'GET' }).reply(200, { data: [item, item] }, json);
    await expect(list(h.client)).resolves.toEqual({ data: [expect.objectContaining(item), expect.objectContaining(item)], total_count: 2 });
  });

  it.each(LISTS)('$call: an empty answer is an empty page', async ({ path, list }) => {
    h = createHarness();
    h.tavus.intercept({ path, method: 'GET' }).reply(204, '');
    await expect(list(h.client)).resolves.toEqual({ data: [], total_count: 0 });
  });
});
