// The root command as help shows it: description, version, global flags, examples and help topics.
// commander and plain data only, so the root help (src/root-help.ts) builds it without the command modules.
import { Command, Help, Option } from 'commander';
import type { CommandModule } from './command-table.js';
import { examples } from './commands/examples.js';
import { helpTopicsText } from './commands/help-topic-index.js';
import { packageVersion } from './version.js';

export function rootCommand(): Command {
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
    .option('--timeout <seconds>', 'per-request timeout: seconds above 0, at most 3600 (env TAVUS_TEN_TIMEOUT; default 30)')
    .option('--mock', 'run against an in-process Tavus emulator with stock data; no key needed')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, subcommandTerm: everyAlias });

  examples(program, [
    'tavus-ten conversation start --mock  # offline: an emulated avatar, no key',
    'tavus-ten auth login                 # or: export TAVUS_API_KEY=...',
    'tavus-ten conversation start --persona pcb7a34da5fe --wait',
    'tavus-ten persona create --echo-livekit --name "TEN avatar" --if-missing -q',
    'tavus-ten doctor --mode livekit --tenapp ./tenapp',
    'tavus-ten mock --port 8787           # the Tavus emulator, for your own code',
  ]);

  program.addHelpText('after', helpTopicsText);
  return program;
}

/** What a stub stands in for after its names (the table's `term`, e.g. `[options] <file>`), until its module loads. */
const stubTerms = new WeakMap<Command, string>();

/** A top-level command whose module is not loaded: its names, summary and term, enough for root --help and typo suggestions. */
export function addCommandStub(program: Command, module: CommandModule): Command {
  const [name, ...aliases] = module.names;
  const stub = program.command(name).aliases(aliases).description(module.summary);
  if (module.term) stubTerms.set(stub, module.term);
  return stub;
}

/**
 * A command's term in the root help: every alias (commander shows the first only, `persona|personas`;
 * this lists `persona|personas|pal`), then its options and arguments, from the table while it is a stub,
 * so `--help` (stubs) and `help` (every module loaded) list the same terms.
 */
function everyAlias(command: Command): string {
  const term = new Help().subcommandTerm(command);
  const aliases = command.aliases();
  const named = aliases.length < 2 ? term : term.replace(`${command.name()}|${aliases[0]}`, [command.name(), ...aliases].join('|'));
  const stubTerm = stubTerms.get(command);
  return stubTerm ? `${named} ${stubTerm}` : named;
}
