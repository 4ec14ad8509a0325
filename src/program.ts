// The command tree: the root program with the global flags of the contract, and each noun's group.
import { Command, Option } from 'commander';
import { createContext, type Context, type ContextRequirements, type Runtime } from './context.js';
import { registerConversationCommands } from './commands/conversation/index.js';
import { registerLivekitCommands } from './commands/livekit.js';
import { registerMockCommand } from './commands/mock.js';
import { registerPersonaCommands } from './commands/persona/index.js';
import { registerReplicaCommands } from './commands/replica.js';
import { registerSetupCommands } from './commands/setup.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTenCommands } from './commands/ten.js';
import { registerDoctorCommand } from './commands/doctor/index.js';
import { registerSmokeCommand } from './commands/smoke.js';
import { packageVersion } from './version.js';

export type CommandHandler<Args extends unknown[]> = (ctx: Context, opts: Record<string, unknown>, ...args: Args) => Promise<number | void>;

/** Wraps a command body: builds its context from the merged flags, records its exit code. */
export function action<Args extends unknown[]>(runtime: Runtime, handler: CommandHandler<Args>, requirements?: ContextRequirements) {
  return async (...commanderArgs: unknown[]): Promise<void> => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const opts = command.optsWithGlobals();
    const args = commanderArgs.slice(0, -2) as Args;
    const ctx = await createContext(runtime, opts, requirements);
    const code = await handler(ctx, opts, ...args);
    if (typeof code === 'number') runtime.exitCode = code;
  };
}

/** `Examples:` block for a command's help; every command gets one. */
export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

export function buildProgram(runtime: Runtime): Command {
  const program = new Command('tavus-ten')
    .description(
      'Provision and run Tavus digital-human sessions: CVI conversations over Daily, and echo-mode ' +
        'avatars in your own LiveKit room for TEN Framework agents. Try it with no key: add --mock.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--json', 'print one JSON document on stdout (errors as JSON on stderr)')
    .option('-q, --quiet', 'print only ids, one a line')
    .option('--no-color', 'disable colour (also NO_COLOR, TERM=dumb, or when piped)')
    .option('-v, --verbose', 'log each HTTP request (method, URL, status, ms) to stderr, key masked')
    .option('-y, --yes', 'answer yes to confirmations (needed for destructive commands without a TTY)')
    .option('--no-input', 'never prompt; a missing value is an error naming the flag')
    .option('--profile <name>', 'saved profile to use (env TAVUS_TEN_PROFILE)')
    .option('--env-file <path>', 'read settings from this .env file instead of ./.env')
    .option('--base-url <url>', 'Tavus API base URL (env TAVUS_API_BASE_URL; default https://tavusapi.com)')
    .addOption(new Option('--api-key <key>', 'Tavus API key (env TAVUS_API_KEY; prefer the env or `auth login`: flags end up in shell history)'))
    .option('--timeout <seconds>', 'per-request timeout in seconds (env TAVUS_TEN_TIMEOUT; default 30)')
    .option('--mock', 'run against an in-process Tavus emulator with stock data; no key needed')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      // Errors are printed by main.ts, in the format --json asks for.
      outputError: () => {},
    });

  examples(program, [
    'tavus-ten replica list --mock                 # try it offline, no key needed',
    'export TAVUS_API_KEY=...                       # or: tavus-ten auth login',
    'tavus-ten replica list --all --json',
    'tavus-ten mock --port 8787                    # run the Tavus emulator for your own code',
  ]);

  registerPersonaCommands(program, runtime);
  registerReplicaCommands(program, runtime);
  registerConversationCommands(program, runtime);
  registerLivekitCommands(program, runtime);
  registerMockCommand(program, runtime);
  registerServeCommand(program, runtime);
  registerTenCommands(program, runtime);
  registerDoctorCommand(program, runtime);
  registerSmokeCommand(program, runtime);
  registerSetupCommands(program, runtime);

  // Subcommands inherit the root's output settings and error behaviour.
  for (const command of allCommands(program)) {
    command.exitOverride().showSuggestionAfterError(true);
    command.configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      outputError: () => {},
    });
  }
  return program;
}

export function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
