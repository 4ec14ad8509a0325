// The one place errors become exit codes and where the process is touched (argv, env, signals).
import { setFlagsFromString } from 'node:v8';
import { CommanderError } from 'commander';
import { ExitCode, InterruptedError, interruptionOf, isTavusTenError, signalExitCode, type ErrorJson } from './errors.js';
import { colorEnabled, makeChalk } from './io/color.js';
import { redact } from './io/mask.js';
import { terminalSafe } from './io/terminal-text.js';
import { flushed, processIO, type IO } from './io/streams.js';
import type { Runtime } from './context.js';
import { buildProgram, usageHintOf } from './program.js';

export interface RunOptions {
  /** Aborted on Ctrl-C / SIGTERM; commands then run their cleanups. */
  signal?: AbortSignal;
  cwd?: string;
}

/** Runs one command line and resolves to its exit code. Never throws, never exits the process. */
export async function run(
  argv: string[],
  env: Record<string, string | undefined>,
  io: IO = processIO(),
  options: RunOptions = {},
): Promise<number> {
  const runtime: Runtime = {
    io,
    env,
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
    cleanups: new Set(),
  };
  // Read from argv directly: a parse error happens before commander has any options for us.
  const style: ErrorStyle = { json: argv.includes('--json'), color: argv.includes('--no-color') ? false : undefined };
  try {
    const program = await buildProgram(runtime, argv);
    await program.parseAsync(argv, { from: 'user' });
    return runtime.exitCode ?? ExitCode.ok;
  } catch (error) {
    if (runtime.signal.aborted) await runCleanups(runtime, style);
    return reportError(error, runtime, style);
  } finally {
    // Started only if something needed it; one whose start failed has nothing to close (its error was reported).
    await runtime.emulator?.then((emulator) => emulator.close(), () => undefined);
  }
}

interface ErrorStyle {
  json: boolean;
  color: false | undefined;
}

async function runCleanups(runtime: Runtime, style: ErrorStyle): Promise<void> {
  for (const cleanup of [...runtime.cleanups]) {
    try {
      await cleanup();
    } catch (error) {
      printError(runtime, style, asErrorJson(error));
    }
  }
  runtime.cleanups.clear();
}

function reportError(error: unknown, runtime: Runtime, style: ErrorStyle): number {
  const { io, env } = runtime;
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const message = error.message.replace(/^error: /, '');
    printError(runtime, style, {
      code: 'usage_error',
      message: message.charAt(0).toUpperCase() + message.slice(1),
      status: null,
      hint: usageHintOf(error),
    });
    return ExitCode.usage;
  }
  const interrupted = runtime.signal.aborted && !isTavusTenError(error) ? interruptionOf(runtime.signal.reason) : undefined;
  const known = interrupted ?? (isTavusTenError(error) ? error : undefined);
  if (known) {
    printError(runtime, style, known.toJSON());
    return known.exitCode;
  }
  const unexpected = error instanceof Error ? error : new Error(String(error));
  printError(runtime, style, {
    code: 'internal_error',
    message: `Unexpected error: ${unexpected.message}`,
    status: null,
    hint: 'This is a bug in tavus-ten; run again with --verbose and report it.',
  });
  if (env.TAVUS_TEN_DEBUG) io.stderr.write(`${terminalSafe(redact(unexpected.stack ?? '', secretsOf(runtime)))}\n`);
  return ExitCode.failure;
}

function asErrorJson(error: unknown): ErrorJson {
  if (isTavusTenError(error)) return error.toJSON();
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error), status: null };
}

/** The environment's secrets, and every one the command learnt (a key from a flag, .env or profile; the avatar's token). */
function secretsOf(runtime: Runtime): string[] {
  const fromEnv = [runtime.env.TAVUS_API_KEY, runtime.env.LIVEKIT_API_SECRET].filter((value): value is string => Boolean(value));
  return [...fromEnv, ...(runtime.secrets ?? [])];
}

function printError(runtime: Runtime, style: ErrorStyle, error: ErrorJson): void {
  const { io, env } = runtime;
  const secrets = secretsOf(runtime);
  if (style.json) {
    io.stderr.write(`${terminalSafe(redact(JSON.stringify({ error }), secrets))}\n`);
    return;
  }
  const color = colorEnabled({ flag: style.color, env, isTTY: io.stderr.isTTY === true });
  const chalk = makeChalk(color);
  // An interruption is the user's own doing: say what happened without calling it an error.
  let text = error.code === 'interrupted' ? `${error.message}\n` : `${chalk.red('Error:')} ${error.message}\n`;
  if (error.hint) text += `${chalk.dim('Hint:')} ${error.hint}\n`;
  io.stderr.write(terminalSafe(redact(text, secrets), { keepColor: color }));
}

/** The bin entry: real argv/env/streams, signals wired to an AbortController, exit code set. */
export async function main(): Promise<void> {
  // undici parses HTTP in WebAssembly, which V8 re-optimises on background threads that Node waits for
  // before exiting: 150–500 ms idle after the output. The baseline compiler is fast enough for a CLI's requests.
  setFlagsFromString('--liftoff-only');
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(signalExitCode(signal));
    controller.abort(new InterruptedError(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed terminal (or SSH connection) is no reason to leave a conversation billing: clean up as for Ctrl-C.
  process.on('SIGHUP', onSignal);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // `tavus-ten … | head` closes the pipe early: that is the reader's choice, not an error.
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
      // The terminal is gone (after SIGHUP): nobody can read it, but the cleanup must still run.
      if (error.code === 'EIO') return;
      throw error;
    });
  }
  const code = await run(process.argv.slice(2), process.env, processIO(), { signal: controller.signal });
  process.exitCode = code;
  // An interrupted run may leave sockets or timers behind; do not wait for them.
  if (controller.signal.aborted) {
    setTimeout(() => process.exit(code), 50).unref();
    return;
  }
  // `run` resolves when the command is done (its cleanups run, its servers closed). What is left is an
  // idle keep-alive socket and Node's own teardown of the heap, which `process.exit` skips: the last byte
  // to exit took 7–8 ms here, now 4–5 ms. The output is flushed first (a pipe is asynchronous on macOS).
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

