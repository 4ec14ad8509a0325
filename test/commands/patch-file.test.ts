// In-process: a bad --patch-file is exit 2 with one message and fix for persona update (which also
// checks each value) and the set resources, each showing an operation of its own, and nothing is sent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/capture.js';

const cwd = mkdtempSync(join(tmpdir(), 'tt-patch-file-'));
const { emulator, env } = useEmulator({}, () => ({ TAVUS_TEN_CONFIG_DIR: join(cwd, 'cfg') }));

const file = (name: string, content: unknown) => {
  writeFileSync(join(cwd, name), JSON.stringify(content));
  return name;
};

async function expectRefused(argv: string[], message: string, hint: string): Promise<void> {
  const result = await runInProcess([...argv, '--json'], env, { cwd });
  expect(result.exitCode, result.stderr).toBe(2);
  expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'usage_error', message, hint } });
  expect(result.stdout).toBe('');
  expect(emulator.requests).toHaveLength(0);
}

const OPERATION_HINT = 'Each operation is {"op": "add"|"remove"|"replace"|"move"|"copy"|"test", "path": "/json/pointer", "value": …} (RFC 6902).';
const BAD_OP = 'Invalid discriminator value. Expected \'add\' | \'replace\' | \'test\' | \'remove\' | \'move\' | \'copy\'';

describe('persona update --patch-file', () => {
  const update = (name: string) => ['persona', 'update', 'pcb7a34da5fe', '--patch-file', name];

  it('not an array', () =>
    expectRefused(update(file('p-object.json', { op: 'replace' })), '--patch-file p-object.json: a JSON Patch must be an array of operations, got an object.', 'Write [{"op": "replace", "path": "/persona_name", "value": "New name"}] (RFC 6902).'));
  it('empty', () => expectRefused(update(file('p-empty.json', [])), '--patch-file p-empty.json: the patch is empty.', 'Add at least one operation.'));
  it('a malformed operation', () => expectRefused(update(file('p-bad-op.json', [{ op: 'bad', path: '/x' }])), `--patch-file p-bad-op.json: [0].op: ${BAD_OP}.`, OPERATION_HINT));
  it('a value the persona cannot hold names the operation', async () => {
    const result = await runInProcess([...update(file('p-bad-value.json', [{ op: 'replace', path: '/pipeline_mode', value: 'speech' }])), '--json'], env, { cwd });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(JSON.parse(result.stderr).error.message).toContain('--patch-file p-bad-value.json [0]');
    expect(emulator.requests).toHaveLength(0);
  });
});

describe.each([
  ['objectives', 'objective_prompt'],
  ['guardrails', 'guardrail_prompt'],
])('%s update --patch-file', (noun, prompt) => {
  const update = (name: string) => [noun, 'update', 'x1234567890a', '--patch-file', name];

  it('not an array', () =>
    expectRefused(update(file('s-object.json', { op: 'replace' })), '--patch-file s-object.json: a JSON Patch must be an array of operations, got an object.', `Write [{"op": "replace", "path": "/data/0/${prompt}", "value": "…"}] (RFC 6902).`));
  it('empty', () => expectRefused(update(file('s-empty.json', [])), '--patch-file s-empty.json: the patch is empty.', 'Add at least one operation.'));
  it('a malformed operation', () => expectRefused(update(file('s-bad-op.json', [{ op: 'bad', path: '/x' }])), `--patch-file s-bad-op.json: [0].op: ${BAD_OP}.`, OPERATION_HINT));
});
