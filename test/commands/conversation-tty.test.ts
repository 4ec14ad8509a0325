// The interactive paths of `conversation`, in-process with TTY streams (the e2e tests have no TTY):
// start --mock stays attached with a spinner and opens the room; end --all-active asks first.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { IO } from '../../src/io/streams.js';
import { run } from '../../src/main.js';
import { useEmulator } from '../helpers/emulator.js';

const { emulator, env: emulatorEnv } = useEmulator();
let env: Record<string, string | undefined>;
const dir = mkdtempSync(join(tmpdir(), 'tt-conv-tty-'));
const browserArgs = join(dir, 'browser.args');
const browser = join(dir, 'browser.sh');

beforeAll(() => {
  writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${browserArgs}'\n`);
  chmodSync(browser, 0o755);
  // An interactive terminal: no CI, TTY streams (see terminal()).
  env = { TAVUS_TEN_CONFIG_DIR: join(dir, 'cfg'), BROWSER: browser, NO_COLOR: '1', PATH: process.env.PATH };
});

/** TTY streams whose output the test reads and whose input it types into. */
function terminal(): { io: IO; stdin: PassThrough; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const tty = <T extends object>(stream: T) => Object.assign(stream, { isTTY: true, columns: 100 });
  const stdin = tty(new PassThrough());
  const stdout = tty(new PassThrough());
  const stderr = tty(new PassThrough());
  // A real stderr cannot be ended; inquirer ends the stream its prompt was piped to.
  stderr.end = (() => stderr) as typeof stderr.end;
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { io: { stdin, stdout, stderr }, stdin, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('conversation start --mock in a terminal', () => {
  it('opens the room, stays attached with a spinner, and Ctrl-C ends the conversation (exit 130)', async () => {
    const term = terminal();
    const controller = new AbortController();
    const exit = run(['conversation', 'start', '--mock', '--poll-interval', '20'], env, term.io, { signal: controller.signal });
    await until(() => /⠋|⠙|⠹/.test(term.stderr()) && existsSync(browserArgs), 'the spinner and the browser');
    const url = readFileSync(browserArgs, 'utf8').trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rooms\/(c[0-9a-f]+)\?room=1$/);
    expect(term.stdout()).toContain(url);
    expect(term.stderr()).toMatch(/active · \d+s · Ctrl-C ends the conversation/);

    // While attached, the in-process emulator keeps serving the room page.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Anna/);

    controller.abort(new InterruptedError('SIGINT'));
    expect(await exit).toBe(130);
    const id = /rooms\/(c[0-9a-f]+)/.exec(url)![1]!;
    expect(term.stderr()).toContain(`Ended conversation ${id}`);
  });

  it('--no-wait does not open a room page that stops with the command, and says so', async () => {
    const term = terminal();
    const opened = join(dir, 'no-wait.args');
    const stub = join(dir, 'no-wait.sh');
    writeFileSync(stub, `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`);
    chmodSync(stub, 0o755);
    const exit = await run(['conversation', 'start', '--mock', '--no-wait'], { ...env, BROWSER: stub }, term.io);
    expect(exit).toBe(0);
    expect(existsSync(opened)).toBe(false);
    expect(term.stderr()).toContain('With --mock the emulator runs inside this command, so this room page stops when it exits: not opening it; add --wait to keep it up.');
    expect(term.stderr()).not.toMatch(/Opening it in/);
  });

  it('--no-wait prints and exits 0', async () => {
    const term = terminal();
    const exit = await run(['conversation', 'start', '--mock', '--no-wait', '--no-open'], env, term.io);
    expect(exit).toBe(0);
    expect(term.stdout()).toMatch(/^id: +c[0-9a-f]+/);
  });
});

describe('conversation start --wait in a terminal while Tavus does not answer', () => {
  it('the status line says Tavus is not answering (not "active"), the outage is said once, and so is its end', async () => {
    const term = terminal();
    const controller = new AbortController();
    const args = ['conversation', 'start', '--persona', 'pcb7a34da5fe', '--wait', '--no-open', '--poll-interval', '20'];
    const exit = run(args, { ...env, ...emulatorEnv }, term.io, { signal: controller.signal });
    const id = await (async () => {
      await until(() => emulator.state.conversations.size === 1, 'the conversation');
      return [...emulator.state.conversations.keys()][0]!;
    })();
    await until(() => /active · \d+s · Ctrl-C ends the conversation/.test(term.stderr()), 'the status line');
    emulator.inject({ fault: { kind: 'reset-before-response' }, method: 'GET', path: `/v2/conversations/${id}`, times: Infinity });
    await until(() => term.stderr().includes('Tavus not answering · '), 'the status line during the outage');
    expect(term.stderr()).toContain(`! Cannot reach Tavus to check on conversation ${id}`);
    emulator.clearFaults();
    await until(() => term.stderr().includes(`; conversation ${id} is active.`), 'the recovery');
    expect(term.stderr().match(/Cannot reach Tavus/g)).toHaveLength(1);

    controller.abort(new InterruptedError('SIGINT'));
    expect(await exit).toBe(130);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
  }, 30_000);
});

describe('conversation end --all-active in a terminal', () => {
  const base = () => ({ ...env, ...emulatorEnv });

  it('asks first (default No): declining ends nothing', async () => {
    emulator.seedConversations(2, 'active');
    const term = terminal();
    const exit = run(['conversation', 'end', '--all-active'], base(), term.io);
    await until(() => /End 2 active conversations\?/.test(term.stderr()), 'the question');
    term.stdin.write('\r');
    expect(await exit).toBe(0);
    expect(term.stderr()).toMatch(/Cancelled: nothing was ended/);
    expect(emulator.requests.some((r) => r.path.endsWith('/end'))).toBe(false);
  });

  it('answering yes ends them', async () => {
    const ids = emulator.seedConversations(2, 'active');
    const term = terminal();
    const exit = run(['conversation', 'end', '--all-active'], base(), term.io);
    await until(() => /End 2 active conversations\?/.test(term.stderr()), 'the question');
    term.stdin.write('y\r');
    expect(await exit).toBe(0);
    for (const id of ids) expect(emulator.state.conversations.get(id)!.status).toBe('ended');
  });
});

describe('interrupting conversation end --all-active', () => {
  it('finishes the ends in flight, starts no more, reports them and exits 130', async () => {
    const ids = emulator.seedConversations(30, 'active');
    emulator.inject({ fault: { kind: 'delay', ms: 150 }, method: 'POST', path: /\/end$/, times: Infinity });
    const term = terminal();
    const controller = new AbortController();
    const exit = run(
      ['conversation', 'end', '--all-active', '--yes', '--json'],
      { ...env, CI: 'true', ...emulatorEnv },
      term.io,
      { signal: controller.signal },
    );
    const ends = () => emulator.requests.filter((r) => r.path.endsWith('/end'));
    await until(() => ends().length > 0, 'the first end');
    controller.abort(new InterruptedError('SIGINT'));
    expect(await exit).toBe(130);

    const attempted = ends();
    expect(attempted.length).toBeLessThan(ids.length);
    // Every end that was started got its answer: none was cut off halfway.
    expect(attempted.every((r) => r.status === 200)).toBe(true);
    const reported = JSON.parse(term.stdout()) as Array<{ conversation_id: string; result: string }>;
    expect(reported.map((r) => r.result)).toEqual(attempted.map(() => 'ended'));
    expect(JSON.parse(term.stderr()).error).toMatchObject({
      code: 'interrupted',
      message: `Interrupted: ${ids.length - attempted.length} of ${ids.length} conversations were not ended.`,
    });
  });
});
