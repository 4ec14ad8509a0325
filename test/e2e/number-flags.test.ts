// Every numeric flag refuses a bad value in the same plain words (what is wrong, then a hint naming the
// accepted range), never zod's own ("Invalid input: expected number, received NaN", "Too big: …"):
// exit 2, nothing started and nothing sent.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const { emulator, env } = useEmulator();

const PORT_HINT = 'Hint: Pass a whole number from 0 to 65535, e.g. --port 8787, or 0 for a free one.\n';

const cases: [string[], string][] = [
  [['mock', '--port', 'abc'], `Error: Invalid value "abc" for --port: expected a whole number.\n${PORT_HINT}`],
  [['mock', '--port', '70000'], `Error: Invalid value "70000" for --port: it must be at most 65535.\n${PORT_HINT}`],
  [['mock', '--port', '-1'], `Error: Invalid value "-1" for --port: it must be 0 or more.\n${PORT_HINT}`],
  [['mock', '--port', '80.5'], `Error: Invalid value "80.5" for --port: expected a whole number.\n${PORT_HINT}`],
  [['webhook', 'listen', '--port', 'abc'], `Error: Invalid value "abc" for --port: expected a whole number.\n${PORT_HINT}`],
  [['serve', '--port', '70000'], `Error: Invalid value "70000" for --port: it must be at most 65535.\n${PORT_HINT}`],
  [
    ['mock', '--latency', 'abc'],
    'Error: Invalid value "abc" for --latency: expected a whole number.\nHint: Pass a whole number of milliseconds from 0 to 60000, e.g. --latency 200.\n',
  ],
  [
    ['mock', '--latency', '70000'],
    'Error: Invalid value "70000" for --latency: it must be at most 60000.\nHint: Pass a whole number of milliseconds from 0 to 60000, e.g. --latency 200.\n',
  ],
  [
    ['mock', '--concurrency', '0'],
    'Error: Invalid value "0" for --concurrency: it must be 1 or more.\nHint: Pass a whole number from 1 to 1000, e.g. --concurrency 10.\n',
  ],
  [
    ['mock', '--time-scale', 'fast'],
    'Error: Invalid value "fast" for --time-scale: expected a number.\nHint: Pass a number above 0 and at most 86400, e.g. --time-scale 60.\n',
  ],
  [
    ['mock', '--time-scale', '0'],
    'Error: Invalid value "0" for --time-scale: it must be more than 0.\nHint: Pass a number above 0 and at most 86400, e.g. --time-scale 60.\n',
  ],
  [
    ['document', 'create', 'https://example.com/handbook.pdf', '--wait', '--poll-interval', 'abc'],
    'Error: Invalid value "abc" for --poll-interval: expected a whole number.\nHint: Pass a whole number of milliseconds from 10 to 60000, e.g. --poll-interval 500.\n',
  ],
  [
    ['conversation', 'list', '--limit', '-1'],
    'Error: Invalid value "-1" for --limit: it must be 1 or more.\nHint: Pass a whole number from 1 to 100, e.g. --limit 10.\n',
  ],
];

describe('numeric flags', () => {
  it.each(cases)('%j is exit 2 in plain words, nothing sent', async (args, stderr) => {
    const result = await runCli(args, { env });
    expect(result.stderr).toBe(stderr);
    expect(result.exitCode).toBe(2);
    // Nothing started (mock, serve and listen print their address on start) and nothing sent.
    expect(result.stdout).toBe('');
    expect(emulator.requests).toHaveLength(0);
  });
});
