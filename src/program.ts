// The command tree: the root program with the global flags of the contract, and each noun's group.
// A group's module is loaded only when its command runs (or when help or completion needs the whole
// tree): `--help` and `--version` start near bare Node, and `persona list` loads persona code only.
import { Command, Help, Option } from 'commander';
import type { Runtime } from './context.js';
import { examples } from './commands/kit.js';
import { helpTopicsText } from './commands/help-topic-index.js';
import { packageVersion } from './version.js';

type Register = (program: Command, runtime: Runtime) => void;

/** A top-level command: its names (the first is the command, the rest aliases), its summary, its module. */
interface CommandModule {
  names: readonly [string, ...string[]];
  summary: string;
  load: () => Promise<Register>;
}

/** In the order root --help lists them; `help` last. The single home of each group's names and summary. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    names: ['persona', 'personas', 'pal'],
    summary: 'create, inspect, update and apply personas (Tavus "PALs": prompt, pipeline mode, transport, default replica)',
    load: async () => (await import('./commands/persona/index.js')).registerPersonaCommands,
  },
  {
    names: ['replica', 'replicas', 'face'],
    summary: 'train, list, inspect, rename and delete replicas (Tavus "faces": the video avatars)',
    load: async () => (await import('./commands/replica.js')).registerReplicaCommands,
  },
  {
    names: ['document', 'documents', 'doc'],
    summary: 'the knowledge base: add files and websites (crawled), follow their processing, recrawl, delete',
    load: async () => (await import('./commands/document/index.js')).registerDocumentCommands,
  },
  {
    names: ['objectives', 'objective'],
    summary: 'objectives sets: the goal-oriented steps a persona follows (create from JSON, list, get, update, delete)',
    load: async () => (await import('./commands/sets/objectives.js')).registerObjectivesCommands,
  },
  {
    names: ['guardrails', 'guardrail'],
    summary: 'guardrails sets: the behavioural limits a persona keeps (create from JSON, list, get, update, delete)',
    load: async () => (await import('./commands/sets/guardrails.js')).registerGuardrailsCommands,
  },
  {
    names: ['apply'],
    summary: 'provision documents, objectives, guardrails and personas from one file, by name (idempotent; --dry-run plans)',
    load: async () => (await import('./commands/apply/index.js')).registerApplyCommand,
  },
  {
    names: ['conversation', 'conversations', 'conv'],
    summary: 'start, watch and end Tavus conversations (each one bills and holds a concurrency slot until it ends)',
    load: async () => (await import('./commands/conversation/index.js')).registerConversationCommands,
  },
  {
    names: ['livekit'],
    summary: 'LiveKit helpers for echo-mode avatars in your own room: join tokens and Meet links',
    load: async () => (await import('./commands/livekit.js')).registerLivekitCommands,
  },
  {
    names: ['mock'],
    summary: 'run the Tavus API emulator on 127.0.0.1 until Ctrl-C (stock replicas and personas, no key needed)',
    load: async () => (await import('./commands/mock.js')).registerMockCommand,
  },
  {
    names: ['serve'],
    summary:
      "run the TEN playground's Tavus API (POST /api/tavus/conversation/create, …/:id/end) and a page to start, " +
      'show and end a conversation; Ctrl-C ends every conversation it started',
    load: async () => (await import('./commands/serve.js')).registerServeCommand,
  },
  {
    names: ['webhook', 'webhooks'],
    summary: "see Tavus's callbacks on a local port and relay them to your handler (listen), or send one (trigger)",
    load: async () => (await import('./commands/webhook/index.js')).registerWebhookCommands,
  },
  {
    names: ['ten'],
    summary: 'TEN Framework helpers: scaffold the Tavus TEN app',
    load: async () => (await import('./commands/ten.js')).registerTenCommands,
  },
  {
    names: ['doctor'],
    summary: 'check the whole setup (Node, config, Tavus key/replica/persona, LiveKit, a TEN app) with a fix for each problem',
    load: async () => (await import('./commands/doctor/index.js')).registerDoctorCommand,
  },
  {
    names: ['smoke'],
    summary: 'for CI: check the Tavus setup, start a free test_mode conversation, verify it, and end it (--live: a real one)',
    load: async () => (await import('./commands/smoke.js')).registerSmokeCommand,
  },
  {
    names: ['auth'],
    summary: 'log in with a Tavus API key, see which key is in use, log out',
    load: async () => (await import('./commands/auth.js')).registerAuthCommands,
  },
  {
    names: ['config'],
    summary: "read and change a profile's saved settings (default persona, replica, base URL, LiveKit)",
    load: async () => (await import('./commands/config.js')).registerConfigCommands,
  },
  {
    names: ['completion'],
    summary: 'print a shell completion script (bash, zsh or fish) for commands, subcommands and flags',
    load: async () => (await import('./commands/completion.js')).registerCompletionCommand,
  },
  {
    names: ['help'],
    summary: 'show help for a command, or a topic (environment, exit-codes)',
    load: async () => (await import('./commands/help-topics.js')).registerHelpCommand,
  },
];

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
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, subcommandTerm: everyAlias })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      // Errors are printed by main.ts, in the format --json asks for.
      outputError: () => {},
    });

  examples(program, [
    'tavus-ten conversation start --mock            # try it offline: an emulated avatar, no key needed',
    'tavus-ten auth login                           # or: export TAVUS_API_KEY=...',
    'tavus-ten conversation start --persona pcb7a34da5fe --wait',
    'tavus-ten persona create --echo-livekit --name "TEN avatar" --if-missing -q',
    'tavus-ten doctor --mode livekit --tenapp ./tenapp',
    'tavus-ten mock --port 8787                     # the Tavus emulator, for your own code',
  ]);

  program.addHelpText('after', helpTopicsText);

  const word = load === 'all' ? undefined : commandWord(load);
  const everything = load === 'all' || (word !== undefined && WHOLE_TREE_COMMANDS.has(word));
  for (const module of COMMAND_MODULES) {
    const [name, ...aliases] = module.names;
    if (everything || module.names.includes(word ?? '')) {
      (await module.load())(program, runtime);
      program.commands.find((command) => command.name() === name)!.aliases(aliases).description(module.summary);
    } else {
      program.command(name).aliases(aliases).description(module.summary);
    }
  }

  // Subcommands inherit the root's output settings and error behaviour.
  for (const command of allCommands(program)) {
    unquoteDefaults(command);
    command.exitOverride().showSuggestionAfterError(true);
    command.configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      outputError: () => {},
    });
  }
  return program;
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

/** commander shows a command's first alias only (`persona|personas`): list them all (`persona|personas|pal`). */
function everyAlias(command: Command): string {
  const term = new Help().subcommandTerm(command);
  const aliases = command.aliases();
  return aliases.length < 2 ? term : term.replace(`${command.name()}|${aliases[0]}`, [command.name(), ...aliases].join('|'));
}
