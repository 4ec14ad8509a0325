// With --mock the in-process emulator starts when the command first needs the API (context.tavus()), not
// with the context: a bad flag (option schemas, checked before the context) and bad input a handler checks
// itself are exit 2 without starting one; a started one is closed however the run ends.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../../helpers/capture.js';
import { DEFAULT_API_KEY } from '../../../src/emulator/index.js';
import { MOCK_API_KEY } from '../../../src/tavus-target.js';

const counts = vi.hoisted(() => ({ started: 0, closed: 0 }));
vi.mock('../../../src/emulator/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/emulator/index.js')>();
  return {
    ...original,
    startEmulator: async (...args: Parameters<typeof original.startEmulator>) => {
      counts.started++;
      const emulator = await original.startEmulator(...args);
      const close = emulator.close.bind(emulator);
      emulator.close = async () => {
        counts.closed++;
        await close();
      };
      return emulator;
    },
  };
});

describe('--mock starts its emulator only when the API is needed', () => {
  beforeEach(() => {
    counts.started = 0;
    counts.closed = 0;
  });

  it('a bad flag with --mock is exit 2 naming it, and no emulator is started', async () => {
    const result = await runInProcess(['replica', 'list', '--mock', '--type', 'robot'], {});
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/Invalid value "robot" for --type/);
    expect(counts.started).toBe(0);
  });

  it.each([
    [['replica', 'get', 'bad id'], /Invalid value "bad id" for replica id/],
    [['persona', 'get', 'bad id'], /Invalid value "bad id" for persona id/],
    [['persona', 'list', '--name', 'x', '--page', '2'], /--name searches every page/],
    [['serve', '--max-duration', 'soon'], /Invalid duration "soon" for --max-duration/],
    // LiveKit's settings are checked before serve gets its client.
    [['serve', '--transport', 'livekit'], /Missing LiveKit settings/],
    [['conversation', 'start', '--callback-url', 'ftp://x', '--no-open', '--no-wait'], /Invalid value "ftp:\/\/x" for --callback-url/],
    [['doctor', '--persona', 'bad id'], /Invalid value "bad id" for --persona/],
  ])('%j with --mock is exit 2 with its message, and no emulator is started', async (argv, message) => {
    const result = await runInProcess([...argv, '--mock'], {});
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(counts.started).toBe(0);
  });

  it("the key a dry run shows (and `mock` documents) is the emulator's own, written out so as not to load the emulator", () => {
    expect(MOCK_API_KEY).toBe(DEFAULT_API_KEY);
  });

  it('a --dry-run with --mock starts nothing and says the port is a placeholder', async () => {
    const result = await runInProcess(['conversation', 'start', '--mock', '--dry-run', '--json'], {});
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dry_run: true, url: 'http://127.0.0.1:<port>/v2/conversations', headers: { 'x-api-key': 'tvs_…0000' } });
    const human = await runInProcess(['conversation', 'start', '--mock', '--dry-run'], {});
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:<port>\/v2\/conversations\n/);
    expect(human.stderr).toContain("Dry run: nothing was sent (--mock: <port> stands for the emulator's, picked when it starts).");
    expect(counts.started).toBe(0);
  });

  it('the same command with a good flag starts the emulator (once), runs against it, and closes it', async () => {
    const result = await runInProcess(['replica', 'list', '--mock', '--type', 'system', '--json'], {});
    expect(result.exitCode, result.stderr).toBe(0);
    expect(counts).toEqual({ started: 1, closed: 1 });
  });

  it('a started emulator is closed when the command then fails (an unknown id: exit 4)', async () => {
    const result = await runInProcess(['replica', 'get', 'r000000000000', '--mock'], {});
    expect(result.exitCode, result.stderr).toBe(4);
    expect(counts).toEqual({ started: 1, closed: 1 });
  });
});
