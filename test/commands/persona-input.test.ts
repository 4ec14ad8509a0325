// In-process: every kind of bad persona input is exit 2, names the field or flag, and sends nothing
// (checked against the emulator's request log). In-process keeps this long matrix fast; the e2e files
// run a few of the same cases through the built CLI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/capture.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const bad = (name: string) => join(FIXTURES, 'bad', name);
const STOCK = 'pcb7a34da5fe';
const { emulator, env } = useEmulator({}, (e) => ({ TAVUS_TEN_CONFIG_DIR: join(cwd, 'cfg') }));
const cwd = mkdtempSync(join(tmpdir(), 'tt-persona-input-'));

async function expectRefused(argv: string[], message: RegExp): Promise<void> {
  const result = await runInProcess(argv, env, { cwd });
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe('');
  expect(emulator.requests).toHaveLength(0);
}

describe('persona create', () => {
  it.each([
    [['--name', 'X'], /full-mode persona needs a system prompt.*--system-prompt/s],
    [['--name', 'X', '--pipeline-mode', 'full'], /--system-prompt/],
    [['--system-prompt', 'p'], /Missing persona name: pass --name/],
    [['--name', '  ', '--echo-livekit'], /--name/],
    [['--name', 'X', '--pipeline-mode', 'speech', '--system-prompt', 'p'], /--pipeline-mode.*full, echo/s],
    [['--name', 'X', '--pipeline-mode', 'echo', '--transport', 'zoom'], /--transport.*daily, livekit/s],
    [['--name', 'X', '--echo-livekit', '--pipeline-mode', 'full'], /--pipeline-mode full/],
    [['--name', 'X', '--echo-livekit', '--transport', 'daily'], /--transport daily/],
    [['--name', 'X', '--system-prompt', 'p', '--system-prompt-file', 'p.txt'], /--system-prompt-file cannot be used together/],
    [['--name', 'X', '--system-prompt-file', 'missing-prompt.txt'], /--system-prompt-file missing-prompt\.txt: no such file/],
    [['--name', 'X', '--echo-livekit', '--replica', 'not an id'], /--replica/],
    [['--file', 'missing.json'], /--file missing\.json: no such file/],
    [['--file', FIXTURES], /is a directory/],
    [['--file', bad('persona-not-json.json')], /--file .*persona-not-json\.json: not valid JSON/],
    [['--file', bad('persona-array.json')], /expected a JSON object, got an array/],
    [['--file', bad('persona-full-no-prompt.json')], /system prompt.*--system-prompt/s],
    [['--file', bad('persona-bad-mode.json')], /pipeline_mode.*--pipeline-mode/s],
    [['--file', bad('persona-bad-transport.json')], /layers\.transport\.transport_type.*--transport/s],
    [['--name', 'X', '--echo-livekit', '--json', '-q'], /--json and -q/],
  ])('%j', (args, message) => expectRefused(['persona', 'create', ...args], message));

  it('the --json error names the flag too', async () => {
    const result = await runInProcess(['persona', 'create', '--name', 'X', '--json'], env, { cwd });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'usage_error', hint: expect.stringMatching(/--system-prompt/) } });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('persona update', () => {
  it.each([
    [[], /Nothing to update/],
    [['--set', '/persona_name=Coach'], /--set \/persona_name: the value "Coach" is not JSON/],
    [['--set', 'persona_name="x"'], /--set.*not a JSON pointer/],
    [['--set', '/persona_name'], /expected \/json\/pointer=JSONVALUE/],
    [['--set', '/pipeline_mode="speech"'], /--set: invalid value for \/pipeline_mode/],
    [['--set', '/layers/transport/transport_type="zoom"'], /invalid value for \/layers\/transport\/transport_type/],
    [['--set', '/persona_id="p"'], /read-only/],
    [['--name', ''], /--name/],
    [['--replica', 'r/1'], /--replica/],
    [['--patch-file', 'missing.json'], /--patch-file missing\.json: no such file/],
    [['--patch-file', bad('persona-patch-not-array.json')], /must be an array of operations, got an object/],
    [['--patch-file', bad('persona-patch-bad-op.json')], /--patch-file .*\[0\]/],
    [['--patch-file', bad('persona-not-json.json')], /not valid JSON/],
  ])('%j', (args, message) => expectRefused(['persona', 'update', STOCK, ...args], message));

  it('an id that cannot be one is refused before anything is sent', () => expectRefused(['persona', 'update', '../x', '--name', 'y'], /persona id/));
});

describe('persona get, delete, apply, list', () => {
  it.each([
    [['persona', 'get', 'p 1'], /persona id/],
    [['persona', 'delete', STOCK], /--yes/],
    [['persona', 'delete', STOCK, 'bad/id', '--yes'], /persona id/],
    [['persona', 'apply', bad('persona-array.json')], /expected a JSON object, got a string/],
    [['persona', 'apply', bad('persona-bad-mode.json')], /pipeline_mode/],
    [['persona', 'list', '--name', 'x', '--limit', '5'], /--name searches every page/],
  ])('%j', (argv, message) => expectRefused(argv, message));
});
