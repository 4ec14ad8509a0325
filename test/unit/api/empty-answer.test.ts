// Every call whose answer is the resource itself refuses a success without a body the same way:
// unexpected_response, exit 1, naming the method and the path (without the query).
import { afterEach, describe, expect, it } from 'vitest';
import type { TavusClient } from '../../../src/api/client.js';
import { ApiError } from '../../../src/errors.js';
import { createHarness, rejectionOf } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

const RETRY = 'Try again; if it persists, report it with the output of --verbose.';
const AFTER_MAY_EXIST = 'If it persists, report it with the output of --verbose.';

interface Case {
  call: string;
  method: 'GET' | 'POST';
  /** As intercepted (with any query). */
  path: string;
  /** As the message names it. */
  named: string;
  invoke: (client: TavusClient) => Promise<unknown>;
  /** The "may exist" part of the hint, for a call that may have been carried out. */
  mayExist?: string;
}

const CASES: Case[] = [
  { call: 'personas.create', method: 'POST', path: '/v2/personas', named: '/v2/personas', invoke: (c) => c.personas.create({ system_prompt: 'Hi' }), mayExist: 'The persona may have been created anyway: check with `tavus-ten persona list`.' },
  { call: 'replicas.get', method: 'GET', path: '/v2/replicas/r1', named: '/v2/replicas/r1', invoke: (c) => c.replicas.get('r1') },
  {
    call: 'replicas.create',
    method: 'POST',
    path: '/v2/replicas',
    named: '/v2/replicas',
    invoke: (c) => c.replicas.create({ train_video_url: 'https://example.com/v.mp4' }),
    mayExist: 'The replica may be training anyway (a second create would train, and bill, another): check with `tavus-ten replica list --type user`.',
  },
  { call: 'conversations.get', method: 'GET', path: '/v2/conversations/c1?verbose=true', named: '/v2/conversations/c1', invoke: (c) => c.conversations.get('c1', { verbose: true }) },
  {
    call: 'conversations.create',
    method: 'POST',
    path: '/v2/conversations',
    named: '/v2/conversations',
    invoke: (c) => c.conversations.create({ persona_id: 'p1' }),
    mayExist: 'The conversation may have been created anyway (it bills until it ends): check with `tavus-ten conversation list --status active`.',
  },
  { call: 'documents.get', method: 'GET', path: '/v2/documents/d1', named: '/v2/documents/d1', invoke: (c) => c.documents.get('d1') },
  {
    call: 'documents.create',
    method: 'POST',
    path: '/v2/documents',
    named: '/v2/documents',
    invoke: (c) => c.documents.create({ document_url: 'https://example.com/a.pdf' }),
    mayExist: 'The document may have been created anyway: check with `tavus-ten document list` before trying again.',
  },
  { call: 'documents.recrawl', method: 'POST', path: '/v2/documents/d1/recrawl', named: '/v2/documents/d1/recrawl', invoke: (c) => c.documents.recrawl('d1') },
  { call: 'objectives.get', method: 'GET', path: '/v2/objectives/o1', named: '/v2/objectives/o1', invoke: (c) => c.objectives.get('o1') },
  {
    call: 'objectives.create',
    method: 'POST',
    path: '/v2/objectives',
    named: '/v2/objectives',
    invoke: (c) => c.objectives.create({ data: [{ objective_name: 'ask', objective_prompt: 'Ask.' }] }),
    mayExist: 'The objectives set may have been created anyway: check with `tavus-ten objectives list` before trying again.',
  },
  { call: 'guardrails.get', method: 'GET', path: '/v2/guardrails/g1', named: '/v2/guardrails/g1', invoke: (c) => c.guardrails.get('g1') },
  {
    call: 'guardrails.create',
    method: 'POST',
    path: '/v2/guardrails',
    named: '/v2/guardrails',
    invoke: (c) => c.guardrails.create({ data: [{ guardrail_name: 'no_prices', guardrail_prompt: 'No prices.' }] }),
    mayExist: 'The guardrails set may have been created anyway: check with `tavus-ten guardrails list` before trying again.',
  },
];

describe('a success without a body', () => {
  it.each(CASES)('$call: 204 is unexpected_response (exit 1) naming $method and the path', async ({ method, path, named, invoke, mayExist }) => {
    h = createHarness();
    h.tavus.intercept({ path, method }).reply(204, '');
    const error = (await rejectionOf(invoke(h.client))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'unexpected_response',
      exitCode: 1,
      status: 204,
      method,
      message: `Tavus answered ${method} ${named} with 204 No Content and an empty body.`,
      hint: mayExist ? `${mayExist} ${AFTER_MAY_EXIST}` : RETRY,
    });
    expect(h.calls()).toHaveLength(1);
  });
});
