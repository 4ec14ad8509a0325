// The bad-input corpus (fixtures/bad/cases.json): every command that takes input, fed malformed and
// non-object JSON, wrong types, unknown enums, bad numbers and durations, empty ids, over-long strings,
// a 10 MB prompt, invalid URLs, garbage .env lines and unreadable files. Each must exit 2 with a
// message naming the field, and send nothing. In-process for the whole corpus (fast), and through
// the built bin for a sample, so what users run is covered too.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv, useEmulator } from '../helpers/emulator.js';
import { loadCorpus, type BadCase } from '../helpers/bad-corpus.js';
import { captureIO, runInProcess } from '../helpers/capture.js';
import { runCli } from '../helpers/cli.js';

const corpus = loadCorpus();
const scratch = mkdtempSync(join(tmpdir(), 'tavus-ten-bad-run-'));
const { emulator } = useEmulator();

afterAll(async () => {
  corpus.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** The secrets any case may hold: none of them may be echoed back in a refusal. */
const SECRETS = ['reliability-secret-0123456789abcdef', 'tvs_reliability_0000000000'];

function prepare(badCase: BadCase): { argv: string[]; env: Record<string, string | undefined>; cwd: string } {
  const cwd = mkdtempSync(join(scratch, `${badCase.id}-`));
  if (badCase.dotenv) copyFileSync(corpus.expand(badCase.dotenv), join(cwd, '.env'));
  const env: Record<string, string | undefined> = {
    ...emulatorEnv(emulator),
    TAVUS_TEN_CONFIG_DIR: join(cwd, 'config'),
  };
  for (const [name, value] of Object.entries(badCase.env ?? {})) env[name] = value === null ? undefined : value;
  return { argv: badCase.argv.map(corpus.expand), env, cwd };
}

function expectRefused(badCase: BadCase, result: { exitCode: number; stdout: string; stderr: string }): void {
  const context = `${badCase.id}\n${result.stderr}`;
  expect(result.exitCode, context).toBe(badCase.exit ?? 2);
  for (const name of badCase.names) expect(result.stderr, context).toContain(name);
  // A refusal is a message, never a stack trace or a crash report.
  expect(result.stderr, context).not.toMatch(/Unexpected error|bug in tavus-ten|\n\s+at .+:\d+:\d+/);
  for (const secret of SECRETS) expect(result.stdout + result.stderr, context).not.toContain(secret);
  expect(emulator.requests.map((r) => `${r.method} ${r.path}`), `${badCase.id}: nothing may be sent`).toEqual([]);
}

describe('the bad-input corpus, in-process', () => {
  it.each(corpus.cases.map((c) => [c.id, c] as const))('%s', async (_id, badCase) => {
    const { argv, env, cwd } = prepare(badCase);
    // A command that wrongly accepted its input (mock, serve) would run until stopped: stop it, and fail.
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 8000);
    try {
      const result = await runInProcess(argv, env, { cwd, signal: stop.signal, input: badCase.stdin });
      expectRefused(badCase, result);
    } finally {
      clearTimeout(timer);
    }
  });
});

describe('the bad-input corpus under --json: one error document on stderr, nothing on stdout', () => {
  it.each(corpus.cases.map((c) => [c.id, c] as const))('%s', async (_id, badCase) => {
    const { argv, env, cwd } = prepare(badCase);
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 8000);
    try {
      const result = await runInProcess([...argv, '--json'], env, { cwd, signal: stop.signal, input: badCase.stdin });
      expect(result.exitCode, result.stderr).toBe(badCase.exit ?? 2);
      expect(result.stdout, result.stderr).toBe('');
      const lines = result.stderr.trim().split('\n');
      const error = (JSON.parse(lines.at(-1)!) as { error: { code: string; message: string; hint?: string } }).error;
      expect(error.code).toBe('usage_error');
      for (const name of badCase.names) expect(`${error.message} ${error.hint ?? ''}`, result.stderr).toContain(name);
      // Anything before the error is a JSON warning, never prose.
      for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line), line).not.toThrow();
      expect(emulator.requests).toEqual([]);
    } finally {
      clearTimeout(timer);
    }
  });
});

/** One case per command family, through the built bin as users run it. */
const SAMPLE = [
  'dotenv-garbage-line',
  'replica-list-limit-negative',
  'persona-create-file-not-json',
  'persona-create-prompt-file-10mb',
  'persona-update-set-not-json',
  'persona-apply-entry-wrong-type',
  'conversation-start-max-duration-bad-unit',
  'conversation-start-callback-garbage',
  'conversation-end-all-without-yes',
  'livekit-token-ttl-too-long',
  'serve-cors-any',
  'mock-port-over',
  'webhook-trigger-unknown-event',
  'auth-login-key-with-spaces',
  'replica-create-image-no-voice',
  'document-create-depth-over',
  'objectives-create-name-with-space',
  'apply-dangling-document',
];

describe('a sample of the corpus through the built CLI', () => {
  const byId = new Map(corpus.cases.map((c) => [c.id, c]));
  it.each(SAMPLE)('%s', async (id) => {
    const badCase = byId.get(id);
    expect(badCase, `${id} is in fixtures/bad/cases.json`).toBeDefined();
    const { argv, env, cwd } = prepare(badCase!);
    const result = await runCli(argv, { env, cwd, input: badCase!.stdin });
    expectRefused(badCase!, result);
  });
});

/** The command groups (commands with subcommands), read from the program so a new group cannot be forgotten here. */
let GROUPS = new Set<string>();
beforeAll(async () => {
  const { buildProgram } = await import('../../src/program.js');
  const { io } = captureIO();
  const program = await buildProgram({ io, env: {}, cwd: scratch, signal: new AbortController().signal, cleanups: new Set() }, 'all');
  GROUPS = new Set(program.commands.filter((command) => command.commands.length > 0).map((command) => command.name()));
});

/** `persona create`, `serve`…: the command a case runs (undefined for an unknown one). */
function commandOf(badCase: BadCase): string | undefined {
  const [first, second] = badCase.argv;
  return GROUPS.has(first!) ? `${first} ${second}` : first;
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

describe('the corpus keeps up with the program', () => {
  it('every command that takes input (an argument or an option with a value) has bad inputs in the corpus', async () => {
    const { allCommands, buildProgram } = await import('../../src/program.js');
    const { io } = captureIO();
    const program = await buildProgram({ io, env: {}, cwd: scratch, signal: new AbortController().signal, cleanups: new Set() }, 'all');
    const takesInput = allCommands(program)
      .filter((c) => c.commands.length === 0 && (c.registeredArguments.length > 0 || c.options.some((o) => o.required || o.optional)))
      .map(pathOf);
    const covered = new Set(corpus.cases.map(commandOf));
    expect(takesInput.length).toBeGreaterThan(15);
    expect(takesInput.filter((path) => !covered.has(path)), 'commands with no case in fixtures/bad/cases.json').toEqual([]);
  });

  it('the README states the size of the corpus', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const commands = new Set(corpus.cases.map(commandOf).filter((c) => c !== 'replicaz'));
    expect(readme).toContain(`**${corpus.cases.length} inputs tried** across ${commands.size} commands`);
  });
});
