// With colour on, a server's colour codes must not reach the terminal either: only the colour codes
// tavus-ten writes itself do. Runs in-process on TTY streams (tables with a header, colour from the
// TTY; FORCE_COLOR too) against the emulator, with a persona named with SGR, BEL and CR and a
// conversation ended with a reason that clears the screen and turns the terminal red.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IO } from '../../src/io/streams.js';
import { STOCK_PERSONA_ID } from '../../src/emulator/seed.js';
import { run } from '../../src/main.js';
import { useEmulator } from '../helpers/emulator.js';

const { emulator, env: emulatorEnv } = useEmulator();
const NAME = 'Evil\u001b[31mRED\u001b[0m\u0007bell\rCR';
const REASON = 'weird\u001b[2J\u001b[31mreason';
/** The name as every view shows it: each control as its \uXXXX escape. */
const NAME_SHOWN = 'Evil\\u001b[31mRED\\u001b[0m\\u0007bell\\u000dCR';
const REASON_SHOWN = 'weird\\u001b[2J\\u001b[31mreason';
/** Our own codes: chalk's SGR at level 1 (bold, dim, red, yellow and their resets). */
const OWN = /\u001b\[(?:1|2|22|31|33|39)m/g;

function terminal(): { io: IO; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const tty = <T extends object>(stream: T) => Object.assign(stream, { isTTY: true, columns: 200 });
  const stdout = tty(new PassThrough());
  const stderr = tty(new PassThrough());
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { io: { stdin: tty(new PassThrough()), stdout, stderr }, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function onTerminal(argv: string[], extra: Record<string, string> = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const term = terminal();
  const exitCode = await run(argv, { PATH: process.env.PATH, TAVUS_TEN_CONFIG_DIR: '/nonexistent-tt-colour', ...emulatorEnv, ...extra }, term.io);
  return { exitCode, stdout: term.stdout(), stderr: term.stderr() };
}

/** Every ESC, BEL and CR left once our own colour codes are taken out: there must be none. */
function foreignControls(text: string): string[] {
  return [...text.replace(OWN, '').matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)].map((m) => m[0]);
}

async function evilPersona(): Promise<string> {
  const created = await onTerminal(['persona', 'create', '--name', NAME, '--system-prompt', 'hi', '-q']);
  expect(created.exitCode, created.stderr).toBe(0);
  const id = created.stdout.trim();
  expect(emulator.state.personas.get(id)!.persona_name).toBe(NAME);
  return id;
}

describe('colour on (a TTY): a server string is data, only our own colours reach the terminal', () => {
  for (const [how, extra] of [['from the TTY', {}], ['FORCE_COLOR=1', { FORCE_COLOR: '1' }]] as const) {
    it(`persona list and persona get (${how})`, async () => {
      const id = await evilPersona();
      const list = await onTerminal(['persona', 'list'], extra);
      expect(list.exitCode, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/^\u001b\[1mID +NAME/); // our bold header: colour is on
      expect(list.stdout).toContain(NAME_SHOWN);
      expect(foreignControls(list.stdout)).toEqual([]);

      const get = await onTerminal(['persona', 'get', id], extra);
      expect(get.exitCode, get.stderr).toBe(0);
      expect(get.stdout).toContain('\u001b[2mname:'); // our dim label
      expect(get.stdout).toContain(NAME_SHOWN); // CR escaped the same way as in the list
      expect(foreignControls(get.stdout)).toEqual([]);
    });
  }

  it('conversation get --events: the shutdown field, the events and the ! warning', async () => {
    const started = await onTerminal(['conversation', 'start', '--persona', STOCK_PERSONA_ID, '--no-wait', '--no-open', '-q']);
    expect(started.exitCode, started.stderr).toBe(0);
    const id = started.stdout.trim();
    const ended = await fetch(`${emulator.url}/__emulator/conversations/${id}/end`, { method: 'POST', body: JSON.stringify({ reason: REASON }) });
    expect(ended.status).toBe(204);

    const get = await onTerminal(['conversation', 'get', id, '--events']);
    expect(get.exitCode, get.stderr).toBe(0);
    expect(get.stdout).toContain(REASON_SHOWN);
    expect(get.stderr).toContain(`\u001b[33m!\u001b[39m Conversation ended with a shutdown reason tavus-ten does not know: ${REASON_SHOWN}`);
    expect(foreignControls(get.stdout)).toEqual([]);
    expect(foreignControls(get.stderr)).toEqual([]);
  });

});
