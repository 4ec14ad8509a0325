// SIGINT, SIGTERM and SIGHUP at the worst moments of every long-running command, through the built CLI:
// each scenario must exit 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP) within 5 seconds of the signal,
// and every conversation the tool started must be ended on the emulator (none left billing). The servers
// (`mock`, `serve`) are stopped that way on purpose: they exit 0 once cleaned up, with no error printed.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { creates, useEmulator } from '../helpers/emulator.js';
import { BIN, cliEnv, runCli, startCli } from '../helpers/cli.js';
import { post, startServe, type ServeAnswer } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait.js';
import { tierAvailable } from '../helpers/tier.js';

const { emulator, env } = useEmulator({ concurrency: 100 });

const CREATE = '/api/tavus/conversation/create';
const EXIT_WITHIN_MS = 5000;
const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  // The terminal or SSH session closed.
  ['SIGHUP', 129],
] as const;

const endsOf = (id: string) => emulator.requests.filter((r) => r.method === 'POST' && r.path === `/v2/conversations/${id}/end`);
const conversations = () => [...emulator.state.conversations.values()];

/** Sends the signal and resolves with the exit code and how long the process took to stop. */
async function interrupt(child: ResultPromise, signal: NodeJS.Signals): Promise<{ exitCode: number; ms: number; stdout: string; stderr: string }> {
  const sent = Date.now();
  child.kill(signal);
  const result = await child;
  return { exitCode: result.exitCode ?? -1, ms: Date.now() - sent, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Every conversation the emulator holds was ended, each by exactly one end call from the tool. */
function expectAllEndedByTheTool(expectedCount: number): void {
  const all = conversations();
  expect(all).toHaveLength(expectedCount);
  for (const conversation of all) {
    expect(conversation.status, conversation.conversation_id).toBe('ended');
    expect(endsOf(conversation.conversation_id).map((r) => r.status), conversation.conversation_id).toEqual([200]);
  }
}

interface Scenario {
  name: string;
  /** Starts the command and waits for the worst moment; returns the child to signal (boxed: it is a thenable). */
  start(): Promise<{ child: ResultPromise }>;
  /** What must hold once it has exited. */
  after(result: { stdout: string; stderr: string }): Promise<void> | void;
  /** A server: a signal is how it stops, so it exits 0 after its cleanup. */
  server?: true;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'conversation start, while the create request is in flight',
    async start() {
      emulator.inject({ fault: { kind: 'delay', ms: 1500 }, method: 'POST', path: '/v2/conversations' });
      const child = startCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--no-open'], { env });
      await waitFor(() => creates(emulator).length === 1, 'the create request');
      return { child };
    },
    // The create landed after the signal: it was still ended.
    after: () => expectAllEndedByTheTool(1),
  },
  {
    name: 'conversation start --wait, while attached',
    async start() {
      const child = startCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--wait', '--poll-interval', '50'], { env });
      const id = await waitFor(() => conversations()[0]?.conversation_id, 'the conversation');
      await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && r.path === `/v2/conversations/${id}`), 'a status poll');
      return { child };
    },
    after: () => expectAllEndedByTheTool(1),
  },
  {
    name: 'conversation end --all-active, with ends in flight',
    async start() {
      emulator.seedConversations(40, 'active');
      emulator.inject({ fault: { kind: 'delay', ms: 600 }, method: 'POST', path: /^\/v2\/conversations\/[^/]+\/end$/, times: Infinity });
      const child = startCli(['conversation', 'end', '--all-active', '--yes', '--json'], { env });
      await waitFor(() => emulator.requests.some((r) => r.path.endsWith('/end')), 'the first end');
      return { child };
    },
    after({ stdout, stderr }) {
      const ends = emulator.requests.filter((r) => r.path.endsWith('/end'));
      // The ends already sent were finished, not dropped halfway; no new one started after the signal.
      expect(ends.length).toBeGreaterThan(0);
      expect(ends.length).toBeLessThan(40);
      expect(ends.every((r) => r.status === 200)).toBe(true);
      const ended = conversations().filter((c) => c.status === 'ended');
      expect(ended).toHaveLength(ends.length);
      // Each outcome is reported, and how many were left.
      const results = JSON.parse(stdout) as Array<{ conversation_id: string; result: string }>;
      expect(results.map((r) => r.result)).toEqual(ended.map(() => 'ended'));
      expect(new Set(results.map((r) => r.conversation_id))).toEqual(new Set(ended.map((c) => c.conversation_id)));
      expect(stderr).toContain(`"Interrupted: ${40 - ended.length} of 40 conversations were not ended."`);
    },
  },
  {
    name: 'smoke --live, while the create request is in flight',
    async start() {
      emulator.inject({ fault: { kind: 'delay', ms: 1500 }, method: 'POST', path: '/v2/conversations' });
      const child = startCli(['smoke', '--live', '--persona', 'pcb7a34da5fe', '--json'], { env });
      await waitFor(() => creates(emulator).length === 1, 'the create request');
      return { child };
    },
    after({ stdout }) {
      expectAllEndedByTheTool(1);
      const report = JSON.parse(stdout) as { ok: boolean; interrupted: boolean; live: boolean };
      expect(report).toMatchObject({ ok: false, interrupted: true, live: true });
    },
  },
  {
    name: 'smoke --live, while verifying the conversation',
    async start() {
      emulator.inject({ fault: { kind: 'delay', ms: 3000 }, method: 'GET', path: /^\/v2\/conversations\/[^/]+$/ });
      const child = startCli(['smoke', '--live', '--replica', 'r90bbd427f71'], { env });
      await waitFor(() => emulator.requests.some((r) => r.method === 'GET' && /^\/v2\/conversations\/[^/]+$/.test(r.path)), 'the verify request');
      return { child };
    },
    after: () => expectAllEndedByTheTool(1),
  },
  {
    name: 'mock, serving',
    server: true,
    async start() {
      const child = startCli(['mock', '--port', '0'], { env });
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await waitFor(() => out.includes('TAVUS_API_BASE_URL='), 'the emulator to listen');
      return { child };
    },
    after({ stderr }) {
      expect(stderr).toContain('Tavus emulator stopped.');
    },
  },
  {
    name: 'serve, with three conversations open',
    server: true,
    async start() {
      const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
      for (let i = 0; i < 3; i++) {
        expect((await post(serve.url, CREATE, {})).status).toBe(200);
      }
      return { child: serve.child };
    },
    after: () => expectAllEndedByTheTool(3),
  },
  {
    name: 'serve, while a create request is in flight',
    server: true,
    async start() {
      const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
      emulator.inject({ fault: { kind: 'delay', ms: 1500 }, method: 'POST', path: '/v2/conversations' });
      inFlight = post(serve.url, CREATE, {});
      await waitFor(() => creates(emulator).length === 1, 'the create request');
      return { child: serve.child };
    },
    async after() {
      // The caller got its answer, and the conversation it asked for was ended with the others.
      expect((await inFlight!).status).toBe(200);
      expectAllEndedByTheTool(1);
    },
  },
];
let inFlight: Promise<ServeAnswer> | undefined;

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
  it.each(SIGNALS)(`%s: exits %i (a server: 0) within 5 s, and every conversation it started is ended`, async (signal, code) => {
    const { child } = await scenario.start();
    const result = await interrupt(child, signal);
    expect(result.exitCode, result.stderr).toBe(scenario.server ? 0 : code);
    expect(result.ms, result.stderr).toBeLessThan(EXIT_WITHIN_MS);
    expect(result.stderr).not.toMatch(/Unexpected error|bug in tavus-ten/);
    if (scenario.server) expect(result.stderr).not.toMatch(/Interrupted|"error"|Error:/);
    await scenario.after(result);
  });
});

describe('a second Ctrl-C', () => {
  /** `conversation start … --wait` with `extra` flags, Ctrl-C, then a second Ctrl-C while the end request hangs. */
  async function interruptTwiceWhileEnding(extra: string[], childEnv: Record<string, string | undefined>) {
    const child = startCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--wait', '--poll-interval', '50', ...extra], { env: childEnv });
    const id = await waitFor(() => conversations()[0]?.conversation_id, 'the conversation');
    emulator.inject({ fault: { kind: 'delay', ms: 20_000 }, method: 'POST', path: `/v2/conversations/${id}/end` });
    child.kill('SIGINT');
    await waitFor(() => endsOf(id).length === 1, 'the end request');
    return { id, result: await interrupt(child, 'SIGINT') };
  }

  it('quits at once even when ending the conversation hangs', async () => {
    const { id, result } = await interruptTwiceWhileEnding([], env);
    expect(result.exitCode).toBe(130);
    expect(result.ms).toBeLessThan(2000);
    expect(result.stderr).toContain(`Ending conversation ${id}`);
  });

  it('says before quitting that the conversation may still be running, with the command that ends it (as run against this API)', async () => {
    const { TAVUS_API_BASE_URL: baseUrl, ...keyOnly } = env;
    const { id, result } = await interruptTwiceWhileEnding(['--base-url', baseUrl!], keyOnly);
    expect(result.exitCode).toBe(130);
    expect(result.ms).toBeLessThan(2000);
    const command = `tavus-ten conversation end ${id} --base-url ${baseUrl}`;
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`Stopped before conversation ${id} was ended. It may still be running (and billing): run \`${command}\`.`);
    // The command works as printed, without the base URL in the environment.
    emulator.clearFaults();
    const ended = await runCli(command.split(' ').slice(1), { env: keyOnly });
    expect(ended.exitCode, ended.stderr).toBe(0);
    expect(endsOf(id)).toHaveLength(2);
  });
});

describe('stopping a server that cannot clean up', () => {
  it('serve: a conversation it could not end is a failed stop (exit 1, named, with the command to end it)', async () => {
    const serve = await startServe(['--json'], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    const id = (await post(serve.url, CREATE, {})).json.data.conversation_id;
    emulator.inject({ fault: { kind: 'status', status: 500, body: { message: 'boom' } }, method: 'POST', path: `/v2/conversations/${id}/end`, times: Infinity });
    expect(await serve.stop('SIGINT')).toBe(1);
    const error = JSON.parse(serve.stderr().trim().split('\n').at(-1)!).error;
    expect(error).toMatchObject({ code: 'check_failed', message: 'Could not end 1 conversation this server started.', hint: `Run \`tavus-ten conversation end ${id}\`.` });
  });

  it('serve: a second Ctrl-C while it ends its conversations quits at once with 130', async () => {
    const serve = await startServe([], { env: { ...env, TAVUS_PERSONA_ID: 'pcb7a34da5fe' } });
    const id = (await post(serve.url, CREATE, {})).json.data.conversation_id;
    emulator.inject({ fault: { kind: 'delay', ms: 20_000 }, method: 'POST', path: `/v2/conversations/${id}/end` });
    serve.child.kill('SIGINT');
    await waitFor(() => endsOf(id).length === 1, 'the end request');
    const result = await interrupt(serve.child, 'SIGINT');
    expect(result.exitCode).toBe(130);
    expect(result.ms).toBeLessThan(2000);
  });
});

describe('Ctrl-C while a persona create or patch is on the wire', () => {
  it('says it may have happened anyway and how to check, so a re-run does not make a duplicate unknowingly', async () => {
    emulator.inject({ fault: { kind: 'delay', ms: 1000 }, method: 'POST', path: '/v2/personas' });
    const child = startCli(['persona', 'create', '--name', 'Interrupted', '--pipeline-mode', 'echo'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'POST' && r.path === '/v2/personas'), 'the create request');
    const result = await interrupt(child, 'SIGINT');
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(/Interrupted\.\nHint: The persona may have been created anyway: check with `tavus-ten persona list`/);
    // It was: the hint is not idle talk.
    await waitFor(() => [...emulator.state.personas.values()].some((p) => p.persona_name === 'Interrupted'), 'the persona');

    const [persona] = [...emulator.state.personas.values()].filter((p) => p.persona_name === 'Interrupted');
    emulator.inject({ fault: { kind: 'delay', ms: 1000 }, method: 'PATCH', path: `/v2/personas/${persona!.persona_id}` });
    const patch = startCli(['persona', 'update', persona!.persona_id, '--name', 'Renamed', '--json'], { env });
    await waitFor(() => emulator.requests.some((r) => r.method === 'PATCH'), 'the patch request');
    const patched = await interrupt(patch, 'SIGTERM');
    expect(patched.exitCode).toBe(143);
    expect(JSON.parse(patched.stderr.trim().split('\n').at(-1)!).error).toMatchObject({
      code: 'interrupted',
      hint: `The change may have been applied anyway: check with \`tavus-ten persona get ${persona!.persona_id}\`.`,
    });
  });
});

const hasScript = tierAvailable('pseudo-terminal', spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0 ? undefined : '`script` (util-linux) is missing');

describe.skipIf(!hasScript)('the terminal closing', () => {
  it('ends the conversation of a --wait session whose terminal went away (SIGHUP, then nowhere to write)', async () => {
    const env2: Record<string, string> = {};
    for (const [name, value] of Object.entries(cliEnv({ ...env, BROWSER: 'true' }))) if (value !== undefined && name !== 'CI') env2[name] = value;
    const quoted = [process.execPath, BIN, 'conversation', 'start', '--persona', 'pcb7a34da5fe', '--wait', '--poll-interval', '50']
      .map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    // A real pseudo-terminal: killing `script` closes it, and the kernel hangs up on the CLI inside.
    const terminal = spawn('script', ['-qfec', quoted, '/dev/null'], { env: env2, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    terminal.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const id = await waitFor(() => conversations()[0]?.conversation_id, 'the conversation');
    await waitFor(() => screen.includes('Ctrl-C ends the conversation'), 'the status line');
    terminal.kill('SIGKILL');
    await waitFor(() => emulator.state.conversations.get(id)!.status === 'ended' || undefined, 'the conversation to be ended', EXIT_WITHIN_MS);
    expect(endsOf(id).map((r) => r.status)).toEqual([200]);
  });
});

describe('the README', () => {
  it('states how many signals are tested', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(`**${SCENARIOS.length * SIGNALS.length} signals tested**`);
  });
});
