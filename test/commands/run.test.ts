// In-process: run(argv, env, io) returns exit codes and writes only to the streams it is given.
import { waitFor } from '../helpers/wait.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/capture.js';

const { emulator, env } = useEmulator({}, (e) => ({ TAVUS_TEN_CONFIG_DIR: join(cwd, 'cfg') }));
const cwd = mkdtempSync(join(tmpdir(), 'tt-inproc-'));

describe('run()', () => {
  it('returns 0 and writes the data to stdout', async () => {
    const result = await runInProcess(['replica', 'get', 'r90bbd427f71', '-q'], env, { cwd });
    expect(result).toEqual({ exitCode: 0, stdout: 'r90bbd427f71\n', stderr: '' });
  });

  it('a missing --env-file is exit 2 naming it (Node 20 itself rejects this one before we run, see README)', async () => {
    const result = await runInProcess(['replica', 'list', '--env-file', 'missing.env'], env, { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/missing\.env: no such file/);
  });

  it('--json with -q is a usage error', async () => {
    const result = await runInProcess(['replica', 'list', '--json', '-q'], env, { cwd });
    expect(result.exitCode).toBe(2);
  });

  it('an aborted run (Ctrl-C) is exit 130, SIGTERM 143', async () => {
    const { InterruptedError } = await import('../../src/errors.js');
    emulator.inject({ fault: { kind: 'delay', ms: 5000 }, path: '/v2/replicas' });
    const controller = new AbortController();
    const pending = runInProcess(['replica', 'list'], env, { cwd, signal: controller.signal });
    await waitFor(() => emulator.requests.some((r) => r.path === '/v2/replicas'));
    controller.abort(new InterruptedError('SIGINT'));
    expect((await pending).exitCode).toBe(130);

    emulator.clearFaults();
    emulator.inject({ fault: { kind: 'delay', ms: 5000 }, path: '/v2/replicas' });
    const term = new AbortController();
    const second = runInProcess(['replica', 'list'], env, { cwd, signal: term.signal });
    await waitFor(() => emulator.requests.filter((r) => r.path === '/v2/replicas').length === 2);
    term.abort(new InterruptedError('SIGTERM'));
    expect((await second).exitCode).toBe(143);
  });
});
