// defineCommand checks a command's options before it builds the context: with --mock, a bad flag is exit 2
// before the in-process emulator starts (it used to start one and throw it away).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../../helpers/capture.js';

const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/emulator/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/emulator/index.js')>();
  return {
    ...original,
    startEmulator: (...args: Parameters<typeof original.startEmulator>) => {
      started.count++;
      return original.startEmulator(...args);
    },
  };
});

describe('--mock and option validation', () => {
  beforeEach(() => {
    started.count = 0;
  });

  it('a bad flag with --mock is exit 2 naming it, and no emulator is started', async () => {
    const result = await runInProcess(['replica', 'list', '--mock', '--type', 'robot'], {});
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/Invalid value "robot" for --type/);
    expect(started.count).toBe(0);
  });

  it('the same command with a good flag starts the emulator (once) and runs against it', async () => {
    const result = await runInProcess(['replica', 'list', '--mock', '--type', 'system', '--json'], {});
    expect(result.exitCode, result.stderr).toBe(0);
    expect(started.count).toBe(1);
  });
});
