// How failures become HTTP answers for the TEN playground: status, non-zero code, Tavus's own words.
import { describe, expect, it } from 'vitest';
import { errorFromNetworkFailure, errorFromResponse } from '../../../src/api/classify/index.js';
import { ConfigError, InterruptedError, UsageError } from '../../../src/errors.js';
import { CreateBodySchema, describeIssue, failureFromError, ServeCode } from '../../../src/serve/protocol.js';

const context = { method: 'POST', url: 'https://tavusapi.com/v2/conversations', path: '/conversations', requestBody: { persona_id: 'pnope' } };
const answer = (status: number, body: unknown) =>
  failureFromError(errorFromResponse({ status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) }, context));

describe('failureFromError', () => {
  it('the concurrency cap is 429 with Tavus\'s message and the way out', () => {
    const f = answer(400, { message: 'User has reached maximum concurrent conversations' });
    expect(f.httpStatus).toBe(429);
    expect(f.body).toMatchObject({ code: ServeCode.concurrencyLimit, msg: 'User has reached maximum concurrent conversations' });
    expect(f.body.data).toMatchObject({ error: 'concurrency_limit', status: 400 });
    expect(f.body.data.hint).toMatch(/--all-active/);
  });

  it.each([
    [402, { message: 'The user is out of conversational credits' }, 402, ServeCode.outOfCredits, 'The user is out of conversational credits'],
    [400, { error: 'Invalid persona_id' }, 404, ServeCode.tavusNotFound, 'Invalid persona_id'],
    [429, { message: 'Too many requests' }, 429, ServeCode.rateLimited, 'Too many requests'],
    [400, { error: 'replica_id is required' }, 400, ServeCode.tavusRejected, 'replica_id is required'],
    [500, { message: 'boom' }, 502, ServeCode.tavusError, 'boom'],
  ])('Tavus %i %j → %i', (status, body, httpStatus, code, msg) => {
    const f = answer(status, body);
    expect(f.httpStatus).toBe(httpStatus);
    expect(f.body.code).toBe(code);
    expect(f.body.msg).toBe(msg);
    expect(f.body.code).not.toBe('0');
  });

  it('a key Tavus rejects is 502: the server is misconfigured, not the caller', () => {
    const f = answer(401, { message: 'Invalid access token' });
    expect(f.httpStatus).toBe(502);
    expect(f.body.msg).toBe("Tavus rejected this server's API key: Invalid access token");
    expect(f.body.data.hint).toMatch(/TAVUS_API_KEY/);
  });

  it('an HTML page instead of JSON is 502 with a readable message', () => {
    const f = failureFromError(errorFromResponse({ status: 502, headers: { 'content-type': 'text/html' }, text: '<html><title>502 Bad Gateway</title></html>' }, context));
    expect(f.httpStatus).toBe(502);
    expect(f.body.msg).toMatch(/502 Bad Gateway/);
    expect(f.body.msg).not.toMatch(/<html/);
  });

  it('no answer in time is 504, a refused connection 502', () => {
    const timeout = errorFromNetworkFailure(new Error('aborted'), { ...context, timeoutMs: 30_000, attempts: 1, timedOut: true });
    expect(failureFromError(timeout).httpStatus).toBe(504);
    const refused = errorFromNetworkFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), {
      ...context,
      timeoutMs: 30_000,
      attempts: 1,
      timedOut: false,
    });
    const f = failureFromError(refused);
    expect(f.httpStatus).toBe(502);
    expect(f.body.code).toBe(ServeCode.tavusUnreachable);
  });

  it('shutting down is 503, a missing key 500, bad input 400, and a bug says nothing of its insides', () => {
    expect(failureFromError(new InterruptedError()).httpStatus).toBe(503);
    expect(failureFromError(new ConfigError('No Tavus API key is set.')).httpStatus).toBe(500);
    expect(failureFromError(new UsageError('bad')).httpStatus).toBe(400);
    const bug = failureFromError(new TypeError('secret internals at /home/x'));
    expect(bug.httpStatus).toBe(500);
    expect(JSON.stringify(bug.body)).not.toMatch(/internals/);
  });
});

describe('CreateBodySchema', () => {
  it('accepts TEN\'s fields and ignores unknown ones', () => {
    const parsed = CreateBodySchema.parse({ request_id: 42, persona_id: 'p1', greeting: 'Hi', channel_name: 'x' });
    expect(parsed).toEqual({ request_id: 42, persona_id: 'p1', greeting: 'Hi' });
  });

  it.each([
    [{ persona_id: 5 }, /persona_id must be a string/],
    [{ persona_id: 'a/b' }, /persona_id may only use/],
    [{ persona_id: '' }, /persona_id is empty/],
    [{ greeting: 'x'.repeat(1001) }, /greeting is longer than 1000/],
    [{ request_id: {} }, /request_id must be a string/],
  ])('%j is refused: %s', (body, message) => {
    const parsed = CreateBodySchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(describeIssue(parsed.error!)).toMatch(message);
  });
});
