// doctor in-process: the Node version check against package.json's engines, failing on an old Node.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/capture.js';

const cwd = mkdtempSync(join(tmpdir(), 'tt-doctor-inproc-'));
const env = { TAVUS_TEN_CONFIG_DIR: join(cwd, 'cfg'), TAVUS_API_KEY: 'tvs_unused_0000000000' };
const realVersion = Object.getOwnPropertyDescriptor(process, 'version')!;

afterEach(() => {
  Object.defineProperty(process, 'version', realVersion);
});

function pretendNode(version: string): void {
  Object.defineProperty(process, 'version', { ...realVersion, value: version });
}

async function nodeCheck() {
  const result = await runInProcess(['doctor', '--offline', '--json'], env, { cwd });
  const report = JSON.parse(result.stdout) as { ok: boolean; checks: Array<{ id: string; status: string; message: string; hint: string | null }> };
  return { exitCode: result.exitCode, check: report.checks.find((c) => c.id === 'node.version')! };
}

describe('doctor node.version', () => {
  it('passes on a Node inside engines.node', async () => {
    pretendNode('v20.19.0');
    const { exitCode, check } = await nodeCheck();
    expect(exitCode).toBe(0);
    expect(check).toMatchObject({ status: 'pass', message: 'Node v20.19.0 satisfies >=20.19.' });
  });

  it('fails below it, with the range and how to upgrade (exit 1)', async () => {
    pretendNode('v20.11.1');
    const { exitCode, check } = await nodeCheck();
    expect(exitCode).toBe(1);
    expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/v20\.11\.1 does not satisfy .*>=20\.19/), hint: expect.stringMatching(/nvm install/) });
  });
});
