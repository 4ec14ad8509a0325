// An example too long for 80 columns: its comment goes above it, and the command is continued over
// lines with ` \`, between shell words, so that pasting it runs the same command.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_WIDTH, exampleLines } from '../../../src/commands/examples.js';

/** The words bash makes of a command line (pasted as help shows it, after the `$ ` prompt). */
function bashWords(commandLine: string): string[] {
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `set -- ${commandLine}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\0').slice(0, -1);
}

/** The command as pasted from help: the lines after the comment, without the prompt. */
const pasted = (lines: string) =>
  lines
    .split('\n')
    .filter((line) => !line.startsWith('  # '))
    .join('\n')
    .replace(/^ {2}\$ /, '');

describe('exampleLines', () => {
  it('leaves an example that fits as it is written, spacing and comment included', () => {
    expect(exampleLines('tavus-ten config set livekit_api_secret         # masked prompt')).toBe(
      '  $ tavus-ten config set livekit_api_secret         # masked prompt',
    );
    const exactly = `tavus-ten ${'x'.repeat(EXAMPLE_WIDTH - 4 - 10)}`;
    expect(exampleLines(exactly)).toBe(`  $ ${exactly}`);
  });

  it('puts the comment of a line too long on its own line above the command', () => {
    expect(exampleLines('tavus-ten conversation start --persona pcb7a34da5fe --wait   # Ctrl-C ends it')).toBe(
      '  # Ctrl-C ends it\n  $ tavus-ten conversation start --persona pcb7a34da5fe --wait',
    );
    // A # inside quotes, or inside a word, is no comment.
    expect(exampleLines(`tavus-ten persona create --name "Coach #1" --system-prompt "Be #brief, and kind to everyone you meet" -q`)).not.toContain('  # ');
  });

  it('continues a command too long with ` \\`, breaking only between words, a flag kept with its value', () => {
    const example = `tavus-ten persona update p1234567890a --set '/layers/llm/model="tavus-gpt-4o"' --set /layers/perception/perception_model='"raven-1"'`;
    expect(exampleLines(example)).toBe(
      '  $ tavus-ten persona update p1234567890a \\\n' +
        `      --set '/layers/llm/model="tavus-gpt-4o"' \\\n` +
        `      --set /layers/perception/perception_model='"raven-1"'`,
    );
  });

  it('every line fits, and bash reads the same words from it as from the example', () => {
    const long = [
      `curl -X POST localhost:8787/__emulator/faults -d '{"fault":{"kind":"status","status":503},"path":"/v2/personas","times":2}'`,
      `TAVUS_API_BASE_URL=http://127.0.0.1:8787 TAVUS_API_KEY=tvs_mock_0000000000000000 tavus-ten replica list`,
      `tavus-ten replica create --train-video-url https://example.com/me.mp4 --consent-video-url https://example.com/consent.mp4 --dry-run`,
      `tavus-ten serve --transport livekit --persona pb87e71797da --agent-command "cd tenapp && task run"   # TEN's LiveKit mode`,
      `tavus-ten webhook trigger application.transcription_ready --to http://localhost:3000/tavus/callback --conversation c123456`,
      `tavus-ten persona create --name "a \\"quoted\\" name" --system-prompt 'it'"'"'s long enough to need a second line' -q`,
    ];
    for (const example of long) {
      const lines = exampleLines(example);
      for (const line of lines.split('\n')) expect(line.length, line).toBeLessThanOrEqual(EXAMPLE_WIDTH);
      expect(lines.split('\n').length, example).toBeGreaterThan(1);
      expect(bashWords(pasted(lines)), example).toEqual(bashWords(example.replace(/\s+# .*$/, '')));
    }
  });
});
