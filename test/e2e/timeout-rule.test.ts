// The request timeout has one rule wherever it is given (--timeout, TAVUS_TEN_TIMEOUT, `config set
// timeout`), refused in the same words, and the README states that rule as the code does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { TIMEOUT_RULE } from '../../src/settings/timeout.js';

const { emulator, env } = useEmulator();
const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('the timeout rule', () => {
  it('--timeout 0 is refused as "more than 0", with the rule as the hint; nothing is sent', async () => {
    const result = await runCli(['replica', 'list', '--timeout', '0'], { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`Error: Invalid timeout "0" (from --timeout): it must be more than 0.\nHint: Give ${TIMEOUT_RULE}.\n`);
    expect(result.stderr).not.toContain('between 0');
    expect(emulator.requests).toHaveLength(0);
  });

  it('the flag, the variable and config set accept and refuse the same values', async () => {
    const dir = tempDir();
    try {
      for (const [value, ok] of [['0', false], ['2.5', true], ['30', true], ['3600', true], ['3601', false], ['1e3', false], ['-1', false]] as const) {
        const flag = await runCli(['replica', 'list', '--timeout', value, '-q'], { env });
        const variable = await runCli(['replica', 'list', '-q'], { env: { ...env, TAVUS_TEN_TIMEOUT: value } });
        const saved = await runCli(['config', 'set', 'timeout', value], { env: { TAVUS_TEN_CONFIG_DIR: `${dir.path}/cfg` } });
        expect([value, flag.exitCode, variable.exitCode, saved.exitCode]).toEqual([value, ok ? 0 : 2, ok ? 0 : 2, ok ? 0 : 2]);
        if (!ok) {
          expect(variable.stderr).toContain(`(from TAVUS_TEN_TIMEOUT)`);
          expect(variable.stderr).toContain(`Hint: Give ${TIMEOUT_RULE}.`);
          expect(saved.stderr).toContain(`Hint: Give ${TIMEOUT_RULE}: \`tavus-ten config set timeout 60\`.`);
        }
      }
    } finally {
      dir.cleanup();
    }
  });

  it('the README and `help environment` state the same rule', async () => {
    expect(README).toContain(TIMEOUT_RULE);
    expect(README).not.toMatch(/timeout of 1–3600/);
    const help = await runCli(['help', 'environment']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(TIMEOUT_RULE);
  });
});
