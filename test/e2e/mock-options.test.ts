// `tavus-ten mock`'s own key option and its fault documentation: --accept-key (and the old spelling
// --api-key) set the key the emulator accepts; every fault kind and its parameters are in `mock
// --help` and the README's fault table, as the control plane's schema defines them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startMock } from '../helpers/mock.js';
import { FAULT_KINDS } from '../../src/emulator/fault-kinds.js';
import { faultRuleJsonSchema } from '../../src/emulator/faults.js';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const KEY = 'tvs_accepted_by_this_mock';

describe('mock --accept-key', () => {
  it.each(['--accept-key', '--api-key'])('%s sets the key the emulator accepts; another key is 401', async (flag) => {
    const mock = await startMock([flag, KEY]);
    try {
      expect(mock.apiKey).toBe(KEY);
      expect((await mock.api('GET', '/replicas')).status).toBe(200);
      const other = await fetch(`${mock.baseUrl}/v2/replicas`, { headers: { 'x-api-key': 'tvs_mock_0000000000000000' } });
      expect(other.status).toBe(401);
    } finally {
      await mock.stop();
    }
  });

  it('--help shows one --api-key (the global one) and --accept-key for the emulator', async () => {
    const help = await runCli(['mock', '--help']);
    expect(help.stdout.match(/^ {2}--api-key /gm)).toHaveLength(1);
    expect(help.stdout).toMatch(/^ {2}--accept-key <key> +the API key the emulator accepts from clients/m);
    const short = await runCli(['mock', '--accept-key', 'short']);
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toContain('for --accept-key');
  });
});

describe('fault kinds', () => {
  /** Each kind's fields as the control plane's schema declares them: `name` or `name?` when optional. */
  const schemaFields = new Map(
    faultRuleJsonSchema.shape.fault.options.map((option) => {
      const shape = option.shape as Record<string, { safeParse: (value: unknown) => { success: boolean } }>;
      const fields = Object.keys(shape)
        .filter((name) => name !== 'kind')
        .map((name) => (shape[name]!.safeParse(undefined).success ? `${name}?` : name));
      return [option.shape.kind.value as string, fields] as const;
    }),
  );

  it('the documented kinds are exactly the schema\'s, each with its parameters (optional ones marked ?)', () => {
    expect(FAULT_KINDS.map((fault) => fault.kind).sort()).toEqual([...schemaFields.keys()].sort());
    for (const fault of FAULT_KINDS) {
      // `name (what it is), other? (…)`: the names, once the explanations in brackets are dropped.
      const documented = fault.params === '(none)' ? [] : fault.params.replace(/\([^()]*\)/g, '').split(',').map((part) => part.trim());
      expect([fault.kind, documented.sort()]).toEqual([fault.kind, [...schemaFields.get(fault.kind)!].sort()]);
    }
  });

  it('mock --help and the README list every kind with its parameters', async () => {
    const help = (await runCli(['mock', '--help'])).stdout;
    // The table is wrapped to the help's width, as the options are: a long description goes on over lines.
    const unwrapped = help.replace(/\n +/g, ' ');
    for (const fault of FAULT_KINDS) {
      expect(help).toMatch(new RegExp(`^ {2}${fault.kind} +${fault.what.slice(0, 20).replace(/[()?*+.]/g, '\\$&')}`, 'm'));
      if (fault.params !== '(none)') expect(unwrapped).toContain(`parameters: ${fault.params}`);
      expect(README).toContain(`| \`${fault.kind}\` | ${fault.params === '(none)' ? '—' : fault.params} | ${fault.what} |`);
    }
  });
});
