// The command tree: the root program with the global flags of the contract, and each noun's group.
// A group's module is loaded only when its command runs (or when help or completion needs the whole
// tree): `--help` and `--version` start near bare Node, and `persona list` loads persona code only.
import type { Command, CommanderError } from 'commander';
import type { Runtime } from './context.js';
import { usageHint } from './commands/command-path.js';
import { suggestNamesOnly } from './commands/did-you-mean.js';
import { COMMAND_MODULES } from './command-table.js';
import { addCommandStub, rootCommand } from './root-command.js';

/** Commands that need every group loaded: they walk (or search) the whole tree. */
const WHOLE_TREE_COMMANDS = new Set(['help', 'completion']);
/** Root options that take a value, so the command name is found after them. */
const ROOT_OPTIONS_WITH_VALUE = new Set(['--profile', '--env-file', '--base-url', '--api-key', '--timeout']);

/** The command word of argv (`tavus-ten --json persona list` → `persona`), if any. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (!arg.startsWith('-')) return arg;
    if (ROOT_OPTIONS_WITH_VALUE.has(arg)) i++;
  }
  return undefined;
}

/**
 * The program for one command line: the group argv names is loaded in full; the others stand in
 * as name, aliases and summary (enough for root --help and typo suggestions). `all` loads every group.
 */
export async function buildProgram(runtime: Runtime, load: readonly string[] | 'all'): Promise<Command> {
  const program = rootCommand();
  program
    .exitOverride(rethrowFrom(program))
    .configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      // Errors are printed by main.ts, in the format --json asks for.
      outputError: () => {},
    });

  const word = load === 'all' ? undefined : commandWord(load);
  const everything = load === 'all' || (word !== undefined && WHOLE_TREE_COMMANDS.has(word));
  for (const module of COMMAND_MODULES) {
    const [name, ...aliases] = module.names;
    if (everything || module.names.includes(word ?? '')) {
      (await module.load())(program, runtime);
      program.commands.find((command) => command.name() === name)!.aliases(aliases).description(module.summary);
    } else {
      addCommandStub(program, module);
    }
  }

  // Subcommands inherit the root's output settings and error behaviour.
  for (const command of allCommands(program)) {
    unquoteDefaults(command);
    command.exitOverride(rethrowFrom(command)).showSuggestionAfterError(true);
    command.configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      outputError: () => {},
    });
  }
  return program;
}

/** The command whose parse raised each commander error (the root's for an unknown command). */
const raisedBy = new WeakMap<CommanderError, Command>();

/** What commander calls instead of process.exit: note the command, then throw for main.ts to report. */
function rethrowFrom(command: Command): (error: CommanderError) => never {
  return (error) => {
    raisedBy.set(error, command);
    if (error.code === 'commander.unknownCommand') error.message = suggestNamesOnly(error, command);
    throw error;
  };
}

/**
 * The hint of a usage error commander raised: the --help of the command that raised it
 * (`tavus-ten persona create --help` for its unknown option, `tavus-ten --help` for an unknown command).
 */
export function usageHintOf(error: CommanderError): string {
  const command = raisedBy.get(error);
  return command ? usageHint(command) : 'Run `tavus-ten --help` for usage.';
}

/** commander shows a string default as JSON (`(default: "8080")`): show it as it is typed (`(default: 8080)`). */
function unquoteDefaults(command: Command): void {
  for (const option of command.options) {
    if (typeof option.defaultValue === 'string' && option.defaultValueDescription === undefined) option.defaultValueDescription = option.defaultValue;
  }
  for (const argument of command.registeredArguments) {
    if (typeof argument.defaultValue === 'string' && argument.defaultValueDescription === undefined) argument.defaultValueDescription = argument.defaultValue;
  }
}

export function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
