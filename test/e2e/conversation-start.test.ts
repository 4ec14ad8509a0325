// conversation start through the built CLI against the emulator: the body sent, the preflight,
// the URL printed and handed to BROWSER, the account limits, and the README's first command.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { creates, useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

const { emulator, env } = useEmulator();
const scratch = tempDir('tavus-ten-conv-start-');

afterAll(async () => {
  scratch.cleanup();
});


/** A BROWSER command that records how many arguments it got and what they were. */
function browserStub(name: string): { command: string; file: string } {
  const file = join(scratch.path, `${name}.args`);
  const command = join(scratch.path, `${name}.sh`);
  writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > '${file}'\n`);
  chmodSync(command, 0o755);
  return { command, file };
}

describe('conversation start: the request', () => {
  it('sends the persona and the safe default timeouts, and prints the id and URL', async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(creates(emulator)).toHaveLength(1);
    expect(creates(emulator)[0]!.body).toEqual({
      persona_id: 'pcb7a34da5fe',
      properties: { max_call_duration: 900, participant_absent_timeout: 120, participant_left_timeout: 30 },
    });
    const [stored] = [...emulator.state.conversations.values()];
    expect(result.stdout).toContain(`id:     ${stored!.conversation_id}`);
    expect(result.stdout).toContain(`url:    ${stored!.room_url}`);
    expect(result.stderr).toMatch(/Started conversation .*Life Coach.*Anna/);
    expect(result.stderr).toContain(`tavus-ten conversation end ${stored!.conversation_id}`);
    // The preflight looked at the persona and its default replica before creating.
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/personas/pcb7a34da5fe',
      'GET /v2/replicas/r90bbd427f71',
      'POST /v2/conversations',
    ]);
  });

  it('sends every field flag and the overridden timeouts', async () => {
    const result = await runCli(
      [
        'conv', 'start', '--replica', 'r90bbd427f71', '--persona', 'p1af207b8189', '--name', 'Demo call', '--greeting', 'Hello there!',
        '--context', 'The user is a tester.', '--callback-url', 'https://example.com/hook', '--language', 'multilingual',
        '--max-duration', '10m', '--absent-timeout', '60', '--left-timeout', '5', '--require-auth', '--audio-only', '--json',
      ],
      { env },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(creates(emulator)[0]!.body).toEqual({
      persona_id: 'p1af207b8189',
      replica_id: 'r90bbd427f71',
      conversation_name: 'Demo call',
      custom_greeting: 'Hello there!',
      conversational_context: 'The user is a tester.',
      callback_url: 'https://example.com/hook',
      require_auth: true,
      audio_only: true,
      properties: { max_call_duration: 600, participant_absent_timeout: 60, participant_left_timeout: 5, language: 'multilingual' },
    });
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ conversation_name: 'Demo call', status: 'active' });
    expect(printed.meeting_token).toEqual(expect.any(String));
  });

  it('takes the ids from TAVUS_PERSONA_ID and the TAVUS_FACE_ID alias', async () => {
    const result = await runCli(['conversations', 'start', '-q'], { env: { ...env, TAVUS_PERSONA_ID: 'p1af207b8189', TAVUS_FACE_ID: 'rf4e9d9790f0' } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(creates(emulator)[0]!.body).toMatchObject({ persona_id: 'p1af207b8189', replica_id: 'rf4e9d9790f0' });
    expect(result.stdout.trim()).toMatch(/^c[0-9a-f]+$/);
    expect(emulator.state.conversations.has(result.stdout.trim())).toBe(true);
  });

  it('--test-mode is sent, and the conversation is created ended', async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--test-mode', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(creates(emulator)[0]!.body).toMatchObject({ test_mode: true });
    expect(JSON.parse(result.stdout).status).toBe('ended');
  });

  it('bad input is exit 2 naming the flag, and nothing is sent', async () => {
    const cases: Array<[string[], RegExp, Record<string, string>?]> = [
      [[], /--persona.*--replica/],
      [['--persona', 'pcb7a34da5fe', '--max-duration', '0'], /--max-duration/],
      [['--persona', 'pcb7a34da5fe', '--absent-timeout', 'soon'], /--absent-timeout/],
      [['--persona', 'pcb7a34da5fe', '--left-timeout', '-5'], /--left-timeout/],
      [['--persona', 'pcb7a34da5fe', '--max-duration', '1.5'], /--max-duration/],
      [['--persona', 'pcb7a34da5fe', '--callback-url', 'not a url'], /--callback-url/],
      [['--persona', 'pcb7a34da5fe', '--callback-url', 'ftp://example.com/x'], /--callback-url/],
      [['--persona', 'pcb7a34da5fe', '--greeting', ''], /--greeting/],
      [['--persona', 'has spaces'], /persona id/],
      [[], /TAVUS_PERSONA_ID/, { TAVUS_PERSONA_ID: 'p/../x' }],
    ];
    for (const [args, message, extra] of cases) {
      const result = await runCli(['conversation', 'start', ...args], { env: { ...env, ...extra } });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it('a usage error comes alone: no note about the stock persona, the callback URL or the room before it', async () => {
    const cases: string[][] = [
      ['--mock', '--max-duration', 'abc'],
      ['--mock', '--callback-url', 'http://127.0.0.1:9/cb', '--poll-interval', '1'],
      ['--mock', '--transport', 'carrier-pigeon'],
      ['--mock', '--transport', 'livekit', '--room', 'r', '--livekit-url', 'ws://127.0.0.1:7880', '--join-timeout', 'soon'],
    ];
    for (const args of cases) {
      const result = await runCli(['conversation', 'start', ...args]);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(/^Error: [^\n]+\nHint: [^\n]+\n$/);
    }
    const maxDuration = await runCli(['conversation', 'start', '--mock', '--max-duration', 'abc']);
    expect(maxDuration.stderr).toBe('Error: Invalid duration "abc" for --max-duration.\nHint: Use a duration such as 90s, 10m, 1h or 1h30m for --max-duration.\n');
    // The same words as every --poll-interval (the shared option of document and replica create --wait).
    const pollInterval = await runCli(['conversation', 'start', '--mock', '--poll-interval', '1']);
    expect(pollInterval.stderr).toBe('Error: Invalid value "1" for --poll-interval: it must be 10 or more.\nHint: Pass a whole number of milliseconds from 10 to 60000, e.g. --poll-interval 500.\n');
  });

  it('--dry-run prints the request with the key masked and sends nothing', async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--greeting', 'Hi', '--dry-run', '--json'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      dry_run: true,
      method: 'POST',
      url: `${emulator.url}/v2/conversations`,
      headers: { 'x-api-key': 'tvs_…0000', 'content-type': 'application/json' },
      body: {
        persona_id: 'pcb7a34da5fe',
        custom_greeting: 'Hi',
        properties: { max_call_duration: 900, participant_absent_timeout: 120, participant_left_timeout: 30 },
      },
    });
    expect(result.stdout + result.stderr).not.toContain(emulator.apiKey);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('conversation start: preflight', () => {
  it('an unknown persona is exit 4 naming it and where it came from; nothing is created', async () => {
    const result = await runCli(['conversation', 'start'], { env: { ...env, TAVUS_PERSONA_ID: 'pnotthere123' } });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/persona pnotthere123.*TAVUS_PERSONA_ID/);
    expect(result.stderr).toMatch(/persona list/);
    expect(creates(emulator)).toHaveLength(0);
  });

  it('an unknown replica is exit 4; a replica still training or failed is exit 1; nothing is created', async () => {
    const unknown = await runCli(['conversation', 'start', '--replica', 'rnotthere123'], { env });
    expect(unknown.exitCode).toBe(4);
    expect(unknown.stderr).toMatch(/replica rnotthere123.*--replica/);

    const training = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--replica', 'r3f427f41a5e'], { env });
    expect(training.exitCode).toBe(1);
    expect(training.stderr).toMatch(/r3f427f41a5e.*still training.*40\/100/);
    expect(training.stderr).toMatch(/replica list/);

    const failed = await runCli(['conversation', 'start', '--replica', 'rb17cf590e15', '--json'], { env });
    expect(failed.exitCode).toBe(1);
    expect(JSON.parse(failed.stderr).error).toMatchObject({ code: 'check_failed', message: expect.stringMatching(/failed training/) });
    expect(creates(emulator)).toHaveLength(0);
  });

  it("checks the persona's default replica, and a persona without one needs --replica", async () => {
    emulator.state.personas.get('p1af207b8189')!.default_replica_id = 'r3f427f41a5e';
    const training = await runCli(['conversation', 'start', '--persona', 'p1af207b8189'], { env });
    expect(training.exitCode).toBe(1);
    expect(training.stderr).toMatch(/default_replica_id of persona p1af207b8189/);

    emulator.state.personas.get('p1af207b8189')!.default_replica_id = null;
    const none = await runCli(['conversation', 'start', '--persona', 'p1af207b8189'], { env });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toMatch(/no default replica/);
    expect(none.stderr).toMatch(/--replica/);
    expect(creates(emulator)).toHaveLength(0);
  });

  it('warns about a LiveKit persona on Daily but goes ahead', async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pb87e71797da'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/LiveKit transport/);
    expect(creates(emulator)).toHaveLength(1);
  });

  it('--no-preflight sends only the create, and Tavus has the last word', async () => {
    const result = await runCli(['conversation', 'start', '--replica', 'r3f427f41a5e', '--no-preflight'], { env });
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/conversations']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/not ready to talk/);
  });
});

describe('conversation start: opening the URL', () => {
  it('--open runs BROWSER with the URL (token included for --require-auth) as its one argument', async () => {
    const browser = browserStub('open');
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--require-auth', '--open', '-q'], {
      env: { ...env, BROWSER: browser.command },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const stored = emulator.state.conversations.get(result.stdout.trim())!;
    expect(readFileSync(browser.file, 'utf8')).toBe(`1\n${stored.room_url}&t=${stored.meeting_token}\n`);
  });

  it('opens nothing when not interactive without --open, nor with --no-open', async () => {
    const browser = browserStub('never');
    for (const extra of [[], ['--open', '--no-open'], ['--json']]) {
      const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', ...extra], { env: { ...env, BROWSER: browser.command } });
      expect(result.exitCode, result.stderr).toBe(0);
      emulator.reset();
    }
    expect(existsSync(browser.file)).toBe(false);
  });

  it('a browser that fails to start is a warning with the URL, not a failure', async () => {
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--open'], {
      env: { ...env, BROWSER: join(scratch.path, 'no-such-browser') },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const [stored] = [...emulator.state.conversations.values()];
    expect(result.stderr).toMatch(/Could not open a browser/);
    expect(result.stderr).toContain(stored!.room_url);
  });
});

describe('conversation start: account limits', () => {
  it('the concurrency cap is exit 5 with a hint to end the active ones that works as pasted without a terminal', async () => {
    emulator.setConcurrency(1);
    emulator.seedConversations(1, 'active');
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--json'], { env });
    expect(result.exitCode).toBe(5);
    const { hint } = JSON.parse(result.stderr).error;
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'concurrency_limit' });
    expect(creates(emulator)).toHaveLength(1);
    // The hint's command, run as CI would (no TTY): it ends the active conversation, then a start succeeds.
    const pasted = /`tavus-ten ([^`]+)`/.exec(hint)![1]!.split(' ');
    expect(pasted).toEqual(['conversation', 'end', '--all-active', '--yes']);
    const ended = await runCli(pasted, { env });
    expect(ended.exitCode, ended.stderr).toBe(0);
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/end'))).toHaveLength(1);
    expect([...emulator.state.conversations.values()].filter((c) => c.status === 'active')).toEqual([]);
    const again = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--no-open', '--no-wait', '-q'], { env });
    expect(again.exitCode, again.stderr).toBe(0);
  }, 60_000);

  it('402 is exit 5 naming credits', async () => {
    emulator.setOutOfCredits(true);
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe'], { env });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(/credits/);
  });

  it('a create that times out is never retried, and says how to check', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 3000 }, method: 'POST', path: '/v2/conversations' });
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--timeout', '1'], { env });
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toMatch(/conversation list --status active/);
    expect(creates(emulator)).toHaveLength(1);
  });
});

describe('the README', () => {
  it('its first command starts a conversation on the embedded emulator', async () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const first = /```sh\n([^\n]*)\n/.exec(readme)![1]!;
    expect(first).toMatch(/^npm ci && npm run build && node bin\/tavus-ten\.js conversation start --mock\s+#/);
    const args = first.split('node bin/tavus-ten.js ')[1]!.split('#')[0]!.trim().split(/\s+/);
    // No key, no base URL: --mock is enough.
    const result = await runCli(args, { env: {} });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^id: +c[0-9a-f]+\nurl: +http:\/\/127\.0\.0\.1:\d+\/rooms\/c[0-9a-f]+/);
    expect(result.stderr).toMatch(/stock persona/);
    expect(result.stderr).toMatch(/--wait/);
  });
});
