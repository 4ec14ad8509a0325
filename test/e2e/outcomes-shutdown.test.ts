// Shutdown reasons are read, not echoed (issue 14 §2): --wait exits 1 with ✗ for a failure reason,
// 0 for a normal one, warns on an unknown one; `conversation get --events` marks a failed ending.
import { describe, expect, it } from 'vitest';
import { classifyShutdown } from '../../src/conversations/shutdown.js';
import { runCli, startCli } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';

const { emulator, env } = useEmulator();

const WAIT = ['conversation', 'start', '--persona', 'pcb7a34da5fe', '--wait', '--poll-interval', '50'];
const onlyConversation = () => [...emulator.state.conversations.values()][0];
const ends = (id: string) => emulator.requests.filter((r) => r.method === 'POST' && r.path === `/v2/conversations/${id}/end`);

async function waitEndedWith(reason: string, extra: string[] = []) {
  const child = startCli([...WAIT, ...extra], { env });
  const { conversation_id: id } = await waitFor(onlyConversation, 'the conversation');
  await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path === `/v2/conversations/${id}`), 'a poll');
  emulator.endConversation(id, reason);
  const result = await child;
  return { id, exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('conversation start --wait reads the shutdown reason', { timeout: 120_000 }, () => {
  it('a startup exception is ✗ and exit 1, with the --events hint', async () => {
    const { id, exitCode, stderr } = await waitEndedWith('exception_encountered_during_conversation_startup');
    expect(exitCode, stderr).toBe(1);
    expect(stderr).toContain(`✗ Conversation ${id} ended after`);
    expect(stderr).toContain('exception_encountered_during_conversation_startup');
    expect(stderr).not.toContain('✓ Conversation');
    expect(stderr).toContain(`tavus-ten conversation get ${id} --events`);
    // Tavus ended it: nothing for us to end.
    expect(ends(id)).toHaveLength(0);
  });

  it.each(['daily_room_has_been_deleted', 'bot_could_not_join_meeting_it_was_probably_ended', 'internal error occurred at step 3'])(
    '%s is a failure (exit 1)',
    async (reason) => {
      const { exitCode, stderr } = await waitEndedWith(reason);
      expect(exitCode, stderr).toBe(1);
      expect(stderr).toContain(`✗ Conversation`);
      expect(stderr).toContain(reason);
    },
  );

  it('--json: the failure is a check_failed error on stderr, exit 1', async () => {
    const { exitCode, stdout, stderr } = await waitEndedWith('exception_encountered_during_conversation_startup', ['--json']);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout).conversation_id).toBeTruthy();
    const error = JSON.parse(stderr.trim().split('\n').at(-1)!).error;
    expect(error.code).toBe('check_failed');
    expect(error.hint).toMatch(/--events/);
  });

  it.each(['participant_left_timeout', 'max_call_duration reached', 'participant_absent_timeout reached', 'end_conversation_endpoint_hit'])(
    'a normal ending (%s) is ✓ and exit 0',
    async (reason) => {
      const { exitCode, stderr } = await waitEndedWith(reason);
      expect(exitCode, stderr).toBe(0);
      expect(stderr).toMatch(/✓ Conversation \S+ ended after/);
      expect(stderr).toContain(reason);
    },
  );

  it('an unknown reason is shown as it is, with a warning, exit 0', async () => {
    const { exitCode, stderr } = await waitEndedWith('quantum_flux_detected');
    expect(exitCode).toBe(0);
    expect(stderr).toContain('! Conversation');
    expect(stderr).toContain('quantum_flux_detected');
    expect(stderr).toContain('does not know');
  });
});

describe('conversation get --events marks a failed ending', { timeout: 120_000 }, () => {
  it('shows ✗ and what the reason means', async () => {
    const created = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--no-open', '-q'], { env });
    const id = created.stdout.trim();
    emulator.endConversation(id, 'exception_encountered_during_conversation_startup');
    const result = await runCli(['conversation', 'get', id, '--events'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/shutdown:\s+✗ failed: exception_encountered_during_conversation_startup \(Tavus hit an error/);
  });

  it('a normal ending is not marked', async () => {
    const created = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--no-open', '-q'], { env });
    const id = created.stdout.trim();
    await runCli(['conversation', 'end', id], { env });
    const result = await runCli(['conversation', 'get', id, '--events'], { env });
    expect(result.stdout).toMatch(/shutdown:\s+end_conversation_endpoint_hit \(it was ended through the API/);
    expect(result.stdout).not.toContain('✗');
  });
});

describe('the shutdown table', { timeout: 120_000 }, () => {
  it('matches both spellings Tavus uses, and never calls an unknown reason normal', () => {
    expect(classifyShutdown('max_call_duration reached').kind).toBe('normal');
    expect(classifyShutdown('max_call_duration_reached').kind).toBe('normal');
    expect(classifyShutdown('participant_left_timeout').kind).toBe('normal');
    expect(classifyShutdown('livekit_join_failed: bad_signature').kind).toBe('failure');
    expect(classifyShutdown('internal error occurred at step x').kind).toBe('failure');
    expect(classifyShutdown('something new').kind).toBe('unknown');
    expect(classifyShutdown(undefined).kind).toBe('unknown');
  });
});
