// conversation start --wait through the built CLI: it stays attached until Tavus ends the
// conversation, and a signal (also one that lands during the create request) ends it first.
import { waitFor } from '../helpers/wait.js';
import { describe, expect, it } from 'vitest';
import { creates, useEmulator } from '../helpers/emulator.js';
import { startCli } from '../helpers/cli.js';

const { emulator, env } = useEmulator();

const WAIT = ['conversation', 'start', '--persona', 'pcb7a34da5fe', '--wait', '--poll-interval', '50'];

const onlyConversation = () => [...emulator.state.conversations.values()][0];
const polls = (id: string) => emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v2/conversations/${id}`).length;
const ends = (id: string) => emulator.requests.filter((r) => r.method === 'POST' && r.path === `/v2/conversations/${id}/end`);

describe('conversation start --wait', () => {
  it('polls until Tavus ends the conversation, then prints the shutdown reason and exits 0', async () => {
    const child = startCli(WAIT, { env });
    const conversation = await waitFor(onlyConversation, 'the conversation');
    const id = conversation.conversation_id;
    await waitFor(() => polls(id) >= 2, 'two polls');
    expect(conversation.status).toBe('active');
    emulator.endConversation(id, 'participant_left_timeout');

    const result = await child;
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(String(result.stdout)).toContain(`id:     ${id}`);
    const stderr = String(result.stderr);
    expect(stderr).toMatch(/Waiting for conversation .* to end/);
    expect(stderr).toMatch(new RegExp(`Conversation ${id} ended after \\d+s: participant_left_timeout`));
    // The reason came from the verbose read; Tavus ended it, so we did not.
    expect(emulator.requests.some((r) => r.path === `/v2/conversations/${id}` && r.query.verbose === 'true')).toBe(true);
    expect(ends(id)).toHaveLength(0);
  });

  it('SIGINT ends the conversation on Tavus, then exits 130', async () => {
    const child = startCli(WAIT, { env });
    const { conversation_id: id } = await waitFor(onlyConversation, 'the conversation');
    await waitFor(() => polls(id) >= 1, 'the first poll');
    child.kill('SIGINT');

    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(ends(id).map((r) => r.status)).toEqual([200]);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
    expect(String(result.stderr)).toMatch(`Ended conversation ${id}`);
  });

  it('SIGTERM does the same and exits 143', async () => {
    const child = startCli([...WAIT, '--json'], { env });
    const { conversation_id: id } = await waitFor(onlyConversation, 'the conversation');
    child.kill('SIGTERM');

    const result = await child;
    expect(result.exitCode).toBe(143);
    expect(ends(id)).toHaveLength(1);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
    // --json: the conversation object was printed when it started; the error is JSON.
    expect(JSON.parse(String(result.stdout)).conversation_id).toBe(id);
    expect(JSON.parse(String(result.stderr).trim().split('\n').at(-1)!).error.code).toBe('interrupted');
  });

  it('a SIGINT that lands during the create request still ends the conversation', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 1500 }, method: 'POST', path: '/v2/conversations' });
    const child = startCli(WAIT, { env });
    await waitFor(() => creates(emulator)[0], 'the create request');
    expect(emulator.state.conversations.size).toBe(0);
    child.kill('SIGINT');

    const result = await child;
    expect(result.exitCode).toBe(130);
    const conversation = onlyConversation()!;
    expect(conversation.status).toBe('ended');
    expect(ends(conversation.conversation_id).map((r) => r.status)).toEqual([200]);
    // It never got as far as waiting.
    expect(polls(conversation.conversation_id)).toBe(0);
  });

  it('a SIGINT during the preflight creates nothing', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 5000 }, method: 'GET', path: '/v2/personas/pcb7a34da5fe' });
    const child = startCli(WAIT, { env });
    await waitFor(() => emulator.requests.find((r) => r.path === '/v2/personas/pcb7a34da5fe'), 'the preflight');
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(emulator.state.conversations.size).toBe(0);
    expect(emulator.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('when Tavus keeps failing, it gives up and ends the conversation rather than leave it running', async () => {
    const child = startCli(WAIT, { env });
    const { conversation_id: id } = await waitFor(onlyConversation, 'the conversation');
    emulator.inject({ fault: { kind: 'status', status: 401, body: { message: 'Invalid access token' } }, method: 'GET', path: `/v2/conversations/${id}` });
    const result = await child;
    expect(result.exitCode).toBe(3);
    expect(ends(id)).toHaveLength(1);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
  });

  it('a network blip keeps it attached: said once, and again when Tavus answers; nothing is ended', async () => {
    const child = startCli(WAIT, { env, timeoutMs: 60_000 });
    const { conversation_id: id } = await waitFor(onlyConversation, 'the conversation');
    await waitFor(() => polls(id) >= 1, 'the first poll');
    const before = polls(id);
    emulator.inject({ fault: { kind: 'reset-before-response' }, method: 'GET', path: `/v2/conversations/${id}`, times: Infinity });
    // Six polls' worth of failed requests (each poll tries 4 times): more than it used to give up after.
    let exited = false;
    void child.then(() => (exited = true));
    await waitFor(() => exited || polls(id) - before >= 24, 'six failed polls', 45_000);
    expect(exited, 'it gave up while Tavus could not be reached').toBe(false);
    emulator.clearFaults();
    const cleared = emulator.requests.at(-1)!.id;
    await waitFor(() => emulator.requests.some((r) => r.id > cleared && r.path === `/v2/conversations/${id}` && r.status === 200), 'a poll answered again', 30_000);
    emulator.endConversation(id, 'participant_left_timeout');

    const result = await child;
    const stderr = String(result.stderr);
    expect(result.exitCode, stderr).toBe(0);
    expect(stderr.match(/Cannot reach Tavus to check on conversation/g)).toHaveLength(1);
    expect(stderr).toContain(`It may still be running: staying attached until Tavus answers (Ctrl-C ends it).`);
    expect(stderr).toMatch(new RegExp(`Reached Tavus again after \\d+s; conversation ${id} is active\\.`));
    expect(stderr).toMatch(new RegExp(`Conversation ${id} ended after \\d+s: participant_left_timeout`));
    expect(stderr).not.toMatch(/Ending conversation|still trying/);
    expect(ends(id)).toHaveLength(0);
  }, 90_000);

  it('unreachable past its --max-duration, it ends it if it can and says it may still be running, with the command to end it', async () => {
    const child = startCli([...WAIT, '--max-duration', '1'], { env, timeoutMs: 90_000 });
    const { conversation_id: id } = await waitFor(onlyConversation, 'the conversation');
    emulator.inject({ fault: { kind: 'reset-before-response' }, method: 'GET', path: `/v2/conversations/${id}`, times: Infinity });
    emulator.inject({ fault: { kind: 'reset-before-response' }, method: 'POST', path: `/v2/conversations/${id}/end`, times: Infinity });

    const result = await child;
    const stderr = String(result.stderr);
    expect(result.exitCode, stderr).toBe(6);
    expect(stderr).toContain(`Ending conversation ${id}`);
    expect(stderr).toMatch(new RegExp(`Error: Could not reach Tavus for \\d+s, and conversation ${id} is past its max_call_duration \\(1s\\)`));
    expect(stderr.trim().split('\n').at(-1)).toBe(`Hint: It may still be running (and billing): run \`tavus-ten conversation end ${id}\`.`);
    // It tried to end it (the end endpoint is idempotent), and only then.
    expect(ends(id).length).toBeGreaterThan(0);
  }, 120_000);

  it('a test_mode conversation is already ended: it says why and exits 0 at once', async () => {
    const result = await startCli([...WAIT, '--test-mode'], { env });
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(String(result.stderr)).toMatch(/ended after \d+s: test_mode/);
  });
});
