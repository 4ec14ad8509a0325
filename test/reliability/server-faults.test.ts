// Server faults per request class (fault-matrix.ts): each cell runs the command against a fresh
// emulator with the fault injected, and checks the exit code, the message, how many requests the
// emulator received (a create or a patch exactly once, whatever happens) and that nothing hangs past
// the timeout plus the retries. In-process for the matrix; a sample through the built CLI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type RecordedRequest } from '../../src/emulator/index.js';
import { runInProcess } from '../helpers/capture.js';
import { runCli } from '../helpers/cli.js';
import { emulatorEnv } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';
import { FAULT_MATRIX, matrixCells, TIMEOUT_S, type RequestClass } from './fault-matrix.js';

const dir = mkdtempSync(join(tmpdir(), 'tavus-ten-faults-'));
const PATCH_FILE = join(dir, 'patch.json');
writeFileSync(PATCH_FILE, JSON.stringify([{ op: 'replace', path: '/persona_name', value: 'Renamed under fire' }]));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Target {
  argv: string[];
  method: string;
  path: string;
}

/** Sets the emulator up for one request of the class and says what to run and which request to watch. */
function target(emulator: Emulator, cls: RequestClass): Target {
  switch (cls) {
    case 'read':
      return { argv: ['persona', 'list', '--json'], method: 'GET', path: '/v2/personas' };
    case 'create':
      return {
        argv: ['conversation', 'start', '--replica', 'r90bbd427f71', '--no-preflight', '--no-open', '--json'],
        method: 'POST',
        path: '/v2/conversations',
      };
    case 'patch': {
      emulator.seedPersonas(1, { prefix: 'Under fire' });
      const id = [...emulator.state.personas.values()].find((p) => p.persona_type === 'user')!.persona_id;
      return { argv: ['persona', 'update', id, '--patch-file', PATCH_FILE, '--json'], method: 'PATCH', path: `/v2/personas/${id}` };
    }
    case 'delete': {
      const [id] = emulator.seedConversations(1, 'ended');
      return { argv: ['conversation', 'delete', id!, '--yes', '--json'], method: 'DELETE', path: `/v2/conversations/${id}` };
    }
    case 'end': {
      const [id] = emulator.seedConversations(1, 'active');
      return { argv: ['conversation', 'end', id!, '--json'], method: 'POST', path: `/v2/conversations/${id}/end` };
    }
  }
}

const sentTo = (emulator: Emulator, t: Target): RecordedRequest[] => emulator.requests.filter((r) => r.method === t.method && r.path === t.path);

/** The most a cell may take: every attempt timing out, the longest Retry-After, the backoffs, and slack. */
const BOUND_MS = 4 * TIMEOUT_S * 1000 + 2000 + 1750 + 1500;

describe.each(matrixCells().map((cell) => [`${cell.cls}: ${cell.fault.name}`, cell] as const))('%s', (_name, { fault, cls, expected }) => {
  it(`exit ${expected.exit} after ${expected.sent} request${expected.sent === 1 ? '' : 's'}`, async () => {
    const emulator = await startEmulator();
    try {
      const env = {
        ...emulatorEnv(emulator),
        TAVUS_TEN_CONFIG_DIR: join(dir, 'config'),
        TAVUS_TEN_TIMEOUT: String(TIMEOUT_S),
      };
      const t = target(emulator, cls);
      emulator.requests.length = 0;
      emulator.inject({ fault: fault.fault(), method: t.method, path: t.path, times: fault.times ?? 1 });

      const started = Date.now();
      const result = await runInProcess(t.argv, env, { cwd: dir });
      const elapsed = Date.now() - started;
      const context = `${cls} / ${fault.name}\n${result.stderr}`;

      expect(result.exitCode, context).toBe(expected.exit);
      const sent = sentTo(emulator, t);
      expect(sent, context).toHaveLength(expected.sent);
      if (cls === 'create' || cls === 'patch') expect(sent, `${context}\na ${cls} is never sent twice`).toHaveLength(1);
      if (expected.says) expect(result.stderr.replace(/\n/g, ' '), context).toMatch(expected.says);
      const mayExist = cls === 'create' ? /may have been created anyway.*conversation list --status active/ : /may have been applied anyway.*persona get/;
      if (expected.mayExist) expect(result.stderr.replace(/\n/g, ' '), context).toMatch(mayExist);
      else expect(result.stderr, context).not.toMatch(/may have been (created|applied) anyway/);
      if (expected.waitedMs !== undefined) expect(sent[1]!.at - sent[0]!.at, context).toBeGreaterThanOrEqual(expected.waitedMs);
      // Nothing hangs: bounded by the timeout and the retry policy, whatever the fault.
      expect(elapsed, context).toBeLessThan(fault.name.includes('slower') ? TIMEOUT_S * 1000 + 1500 : BOUND_MS);
      // A failure is a message, never a crash.
      expect(result.stderr, context).not.toMatch(/Unexpected error|bug in tavus-ten/);

      if (expected.exit === 0) {
        const json = JSON.parse(result.stdout) as unknown;
        if (cls === 'delete') expect(json).toEqual([expect.objectContaining({ result: 'deleted' })]);
        if (cls === 'end') expect(json).toEqual([expect.objectContaining({ result: 'ended' })]);
      } else {
        // --json was not asked for on stderr, but stdout must not carry half a document either.
        if (cls !== 'delete' && cls !== 'end') expect(result.stdout, context).toBe('');
      }
      if (cls === 'create') {
        // However the answer went wrong, Tavus holds at most the one conversation sent.
        if (fault.name.includes('slower')) await waitFor(() => emulator.state.conversations.size === 1, 'the slow create to land');
        expect(emulator.state.conversations.size, context).toBeLessThanOrEqual(1);
      }
    } finally {
      await emulator.close();
    }
  });
});

describe('a sample through the built CLI', () => {
  it('a create that times out is sent once, exits 6 within the timeout, and says it may exist and how to check', async () => {
    const emulator = await startEmulator();
    try {
      // The answer comes 4 s after the timeout: ending before it shows the timeout, not the answer, ended the
      // wait, with 4 s for the CLI's start-up on a loaded machine.
      const answerMs = TIMEOUT_S * 1000 + 4000;
      emulator.inject({ fault: { kind: 'delay', ms: answerMs }, method: 'POST', path: '/v2/conversations' });
      const started = Date.now();
      const result = await runCli(['conversation', 'start', '--replica', 'r90bbd427f71', '--no-preflight', '--timeout', String(TIMEOUT_S)], {
        env: emulatorEnv(emulator),
      });
      expect(result.exitCode, result.stderr).toBe(6);
      expect(Date.now() - started).toBeLessThan(answerMs);
      expect(result.stderr).toMatch(new RegExp(`did not answer within ${TIMEOUT_S} s`));
      expect(result.stderr).toMatch(/may have been created anyway .*tavus-ten conversation list --status active/);
      expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      // It did land: the hint was right to say so.
      await waitFor(() => emulator.state.conversations.size === 1, 'the conversation');
    } finally {
      await emulator.close();
    }
  });

  it('a read retried after 429 with an HTTP-date Retry-After, then 502 HTML, then succeeds', async () => {
    const emulator = await startEmulator();
    try {
      emulator.inject({ fault: { kind: 'retry-after', retryAfter: new Date(Date.now() + 2000).toUTCString() }, path: '/v2/replicas/r90bbd427f71' });
      emulator.inject({ fault: { kind: 'html', status: 502 }, path: '/v2/replicas/r90bbd427f71' });
      const result = await runCli(['replica', 'get', 'r90bbd427f71', '-q', '--verbose'], {
        env: emulatorEnv(emulator),
      });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toBe('r90bbd427f71\n');
      expect(emulator.requests.map((r) => r.status)).toEqual([429, 502, 200]);
      expect(result.stderr).toMatch(/attempt 3/);
    } finally {
      await emulator.close();
    }
  });

  it('a create whose answer is cut off mid-body: sent once, exit 6, and the conversation it made is named as possible', async () => {
    const emulator = await startEmulator();
    try {
      emulator.inject({ fault: { kind: 'reset-mid-body' }, method: 'POST', path: '/v2/conversations' });
      const result = await runCli(['conversation', 'start', '--replica', 'r90bbd427f71', '--no-preflight', '--json'], {
        env: emulatorEnv(emulator),
      });
      expect(result.exitCode).toBe(6);
      const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!).error;
      expect(error).toMatchObject({ code: 'network_error' });
      expect(error.hint).toMatch(/may have been created anyway/);
      expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(emulator.state.conversations.size).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});

describe('the README', () => {
  it('states how many faults the matrix survives', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(FAULT_MATRIX.length).toBeGreaterThanOrEqual(13);
    expect(readme).toContain(`**${matrixCells().length} faults survived**`);
  });
});
