// `tavus-ten help [command...]` and the help topics (`help environment`, `help exit-codes`), like gh:
// commander's own `help [command]` is replaced by this command, which knows the topics too.
import type { Command, Help } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { ERROR_CODES } from './common/error-codes.js';
import type { Runtime } from '../context.js';
import { addCommands, defineCommand } from './kit.js';
import { helpFor, helpParagraph, helpTable, widestTerm } from './help-text.js';
import { environmentVariables, type EnvironmentVariable, type VariableGroup } from '../settings/environment.js';
import { HELP_TOPIC_INDEX } from './help-topic-index.js';

export interface HelpTopic {
  name: string;
  aliases: string[];
  summary: string;
  /** The topic laid out by `help`, commander's Help at the output's width (help-text.ts). */
  text(help: Help): string;
  json(): unknown;
}

/** What each exit code means (README "Exit codes"); keyed by ExitCode so none can be forgotten. */
export const EXIT_CODE_MEANINGS = {
  ok: 'success (an empty list is success)',
  failure: 'failure: API 5xx, an unexpected response (HTML, truncated JSON), a doctor/smoke check failed',
  usage: 'usage or invalid input: nothing was sent to the API',
  auth: 'authentication or configuration: no key, 401/403, unknown profile, corrupt config file',
  notFound: 'not found: 404, or Tavus\'s 400 "Invalid <x>_id"',
  limit: 'account limit: concurrency cap, 402 out of credits, 429 after retries',
  network: 'network: DNS, refused, TLS, timeout, connection reset',
  interrupted: 'interrupted (Ctrl-C)',
  terminated: 'terminated (SIGTERM)',
  hangup: 'hung up (SIGHUP: the terminal or SSH session closed); cleaned up as for Ctrl-C',
} as const satisfies Record<keyof typeof ExitCode, string>;

const GROUP_TITLES: Record<VariableGroup, string> = {
  settings: 'Settings (also a flag, a .env line, or a saved profile key: `tavus-ten config set KEY VALUE`)',
  tool: 'tavus-ten itself',
  output: 'Output',
  network: 'Network',
};

export function environmentText(help: Help, variables: EnvironmentVariable[] = environmentVariables()): string {
  const rows = (members: EnvironmentVariable[]) =>
    members.map((variable) => {
      const extras = [
        variable.flag && variable.alias_of === null ? `flag ${variable.flag}` : undefined,
        variable.config_key && variable.alias_of === null ? `config key ${variable.config_key}` : undefined,
      ].filter(Boolean);
      return [variable.name, extras.length > 0 ? `${variable.description}\n${extras.join(', ')}` : variable.description] as const;
    });
  // One column for every group's descriptions.
  const termWidth = widestTerm(help, rows(variables));
  const lines = [
    'Environment variables read by tavus-ten.',
    '',
    helpParagraph(
      help,
      'Precedence: flag > environment variable > .env file (./.env or --env-file; never overrides the ' +
        'real environment) > saved profile > default. `tavus-ten auth status` shows where the key came from; ' +
        '`tavus-ten config list` shows every setting with its source. .env.example lists them all.',
    ),
  ];
  for (const group of Object.keys(GROUP_TITLES) as VariableGroup[]) {
    const members = variables.filter((v) => v.group === group);
    if (members.length === 0) continue;
    lines.push('', helpParagraph(help, `${GROUP_TITLES[group]}:`), helpTable(help, rows(members), termWidth));
  }
  lines.push(
    '',
    helpParagraph(
      help,
      "The TEN example app's own variables in .env.example (DEEPGRAM_API_KEY, OPENAI_API_KEY, OPENAI_MODEL, " +
        'ELEVENLABS_TTS_KEY) are read by the TEN app, not by tavus-ten.',
    ),
  );
  return `${lines.join('\n')}\n`;
}

export function exitCodesText(help: Help): string {
  const errorWidth = Math.max(...Object.keys(ERROR_CODES).map((code) => code.length));
  const lines = [
    'Exit codes:',
    helpTable(
      help,
      exitCodeRows().map((row) => [String(row.code).padStart(3), row.meaning]),
    ),
    '',
    helpParagraph(help, 'With --json, a failure also prints {"error":{"code","message","status","hint"}} on stderr. The codes:'),
    helpTable(
      help,
      Object.entries(ERROR_CODES).map(([code, info]) => [`${code.padEnd(errorWidth)}  exit ${String(info.exit).padEnd(3)}`, info.meaning]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function exitCodeRows(): Array<{ code: number; name: string; meaning: string }> {
  return (Object.keys(EXIT_CODE_MEANINGS) as Array<keyof typeof ExitCode>).map((name) => ({
    code: ExitCode[name],
    name,
    meaning: EXIT_CODE_MEANINGS[name],
  }));
}

export const HELP_TOPICS: HelpTopic[] = [
  {
    ...HELP_TOPIC_INDEX.environment,
    aliases: [...HELP_TOPIC_INDEX.environment.aliases],
    text: (help) => environmentText(help),
    json: () => environmentVariables(),
  },
  {
    ...HELP_TOPIC_INDEX['exit-codes'],
    aliases: [...HELP_TOPIC_INDEX['exit-codes'].aliases],
    text: (help) => exitCodesText(help),
    json: () => ({
      exit_codes: exitCodeRows(),
      error_codes: Object.entries(ERROR_CODES).map(([code, info]) => ({ code, exit_code: info.exit, meaning: info.meaning })),
    }),
  },
];

export function findTopic(name: string): HelpTopic | undefined {
  return HELP_TOPICS.find((topic) => topic.name === name || topic.aliases.includes(name));
}

/** Follows names and aliases down the command tree; undefined when a word matches nothing. */
export function findCommand(root: Command, words: readonly string[]): Command | undefined {
  let command: Command | undefined = root;
  for (const word of words) {
    command = command.commands.find((child) => child.name() === word || child.aliases().includes(word));
    if (!command) return undefined;
  }
  return command;
}

export function registerHelpCommand(program: Command, runtime: Runtime): void {
  addCommands(program, runtime, [help]);
}

const help = defineCommand({
  names: ['help'],
  description: 'show help for a command, or a topic',
  // The topics are listed for shell completion (which adds the command names); not a restriction.
  args: [{ name: '[topic...]', description: 'a command (e.g. "replica list") or a help topic', choices: HELP_TOPICS.map((t) => t.name) }],
  examples: [
    'tavus-ten help environment            # every environment variable and its meaning',
    'tavus-ten help exit-codes',
    'tavus-ten help environment --json | jq -r ".[].name"',
    'tavus-ten help replica list           # same as: tavus-ten replica list --help',
  ],
  // Builds no context: help works with a broken .env or config file.
  bare: true,
  handler: ({ runtime, command: self, rawOptions }, _opts, [words]) => {
    const program = self.parent!;
    const json = rawOptions.json === true;
    const found = words.length === 1 ? findTopic(words[0]!) : undefined;
    if (found) {
      runtime.io.stdout.write(json ? `${JSON.stringify(found.json(), null, 2)}\n` : found.text(helpFor(self)));
      return;
    }
    const command = findCommand(program, words);
    if (!command) {
      const names = program.commands.filter((child) => child !== self).map((child) => child.name());
      throw new UsageError(`No help topic or command "${words.join(' ')}".`, {
        hint: `Topics: ${HELP_TOPICS.map((t) => t.name).join(', ')}. Commands: ${names.join(', ')}.`,
      });
    }
    command.outputHelp();
  },
});
