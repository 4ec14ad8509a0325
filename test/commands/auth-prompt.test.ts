// The interactive paths, in-process with TTY-like streams: the masked prompts of `auth login` and
// `config set livekit_api_secret`, and Ctrl-C inside a prompt.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { captureIO } from '../helpers/capture.js';
import { useEmulator } from '../helpers/emulator.js';

const { emulator } = useEmulator();
let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tt-prompt-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

/** Starts a run on a pretend terminal; `answer` types once the prompt shows `waitFor`. */
async function interactive(argv: string[], waitFor: string, keys: string) {
  const captured = captureIO({ tty: true });
  // Inquirer pipes its output into ours and ends it when the prompt closes; a real stderr ignores that.
  const stderr = captured.io.stderr as NodeJS.WritableStream;
  stderr.end = (() => stderr) as typeof stderr.end;
  // No CI variable: a person is at the terminal.
  const pending = run(argv, { TAVUS_TEN_CONFIG_DIR: join(cwd, 'cfg') }, captured.io, { cwd });
  while (!captured.stderr().includes(waitFor)) await new Promise((resolve) => setImmediate(resolve));
  (captured.io.stdin as unknown as NodeJS.WritableStream).write(keys);
  const exitCode = await pending;
  await new Promise((resolve) => setImmediate(resolve));
  return { exitCode, stdout: captured.stdout(), stderr: captured.stderr() };
}

const configFile = () => join(cwd, 'cfg', 'config.json');

it('auth login prompts for the key, masked, and saves it', async () => {
  const result = await interactive(['auth', 'login', '--base-url', emulator.url], 'Tavus API key', `${emulator.apiKey}\r`);
  expect(result.exitCode).toBe(0);
  expect(result.stderr).toContain('•••••');
  expect(result.stderr).not.toContain(emulator.apiKey);
  expect(result.stderr).toMatch(/Tavus accepted the key\. Saved the key in profile "default"/);
  expect(JSON.parse(readFileSync(configFile(), 'utf8')).profiles.default.api_key).toBe(emulator.apiKey);
});

it('Ctrl-C in the prompt is exit 130 and saves nothing', async () => {
  const result = await interactive(['auth', 'login', '--base-url', emulator.url], 'Tavus API key', 'tvs_par\x03');
  expect(result.exitCode).toBe(130);
  expect(existsSync(configFile())).toBe(false);
});

it('config set livekit_api_secret prompts, masked, and never prints the secret', async () => {
  const secret = 'lk_prompted_secret_0987';
  const result = await interactive(['config', 'set', 'livekit_api_secret'], 'LiveKit API secret', `${secret}\r`);
  expect(result.exitCode).toBe(0);
  expect(result.stderr).not.toContain(secret);
  expect(result.stderr).toMatch(/Set livekit_api_secret to lk_…0987/);
  expect(JSON.parse(readFileSync(configFile(), 'utf8')).profiles.default.livekit_api_secret).toBe(secret);
});
