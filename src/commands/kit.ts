// The command toolkit: how a command is declared (names, arguments, options as zod schemas, examples,
// handler) and how commander's parse becomes a typed call with a context. Commands import this file,
// never src/program.ts (which only assembles the tree).
import { Argument, Command, Option, type Help } from 'commander';
import type * as z from '../zod.js';
import type { Context, ContextRequirements, Runtime } from '../context.js';
import { UsageError } from '../errors.js';
import type { SettingName } from '../settings/resolve.js';
import { offerValues } from '../completion/values.js';
import { examples } from './examples.js';
import { addHelpTextAfter } from './help-text.js';
import { commandPath, usageHint } from './command-path.js';

// ---------------------------------------------------------------------------------------------
// defineCommand: the shape every new command takes.

/**
 * One option: commander's flags (`--type <type>`, `--all`, `--no-open`), its help text, and the zod
 * schema its raw value must pass (a string, `true`, `string[]` for repeatable options, or undefined
 * when absent). A failure is exit 2: `Invalid value "x" for --type: <zod's message>.` with `fix` as the hint;
 * a schema that refuses undefined makes the option required (`Missing required option --file <path>.`).
 * A number goes through numberFlag (src/flags.ts), so every numeric flag is refused in the same words.
 */
/**
 * What an option's schema must be: any zod schema (zod/mini's, or the method API's) with its own
 * safeParse, which this file calls (zod is only a type import here: --help must not load it).
 */
export type OptionSchema = z.core.$ZodType & Pick<z.ZodMiniType, 'safeParse'>;

export interface OptionSpec<S extends OptionSchema = OptionSchema> {
  flags: string;
  description: string;
  schema: S;
  /** The hint printed when the schema rejects the value; default: point at the command's --help. */
  fix?: string;
  /** commander's default (shown in --help). */
  default?: unknown;
  /** For repeatable options: how each occurrence is folded into the value. */
  collect?: (value: string, previous: unknown) => unknown;
  hidden?: boolean;
  /** This option also sets a resolved setting (flag > env > .env > profile), e.g. `--persona` → personaId. */
  setting?: SettingName;
  /**
   * For a switch with an opposite (`--open` and `--no-open`): the `--no-…` option's help text. The
   * value is then true, false, or undefined when neither is given.
   */
  negation?: string;
  /** The value `-` means stdin: a command with two of these both given `-` is refused before either is read. */
  stdin?: boolean;
}

/** Shorthand for an OptionSpec. */
export function option<S extends OptionSchema>(flags: string, description: string, schema: S, extra: Omit<OptionSpec<S>, 'flags' | 'description' | 'schema'> = {}): OptionSpec<S> {
  return { flags, description, schema, ...extra };
}

/** A positional argument in commander's syntax: `<id>`, `[dir]`, `<ids...>`. */
export interface ArgumentSpec {
  name: string;
  description: string;
  /** Values shown in --help and offered by completion; not checked by commander (the handler says what is wrong). */
  choices?: readonly string[];
}

/** The value commander passes for an argument: `<x...>`/`[x...]` → string[], `[x]` → maybe string, `<x>` → string. */
type ArgumentValue<Name extends string> = Name extends `${string}...${string}` ? string[] : Name extends `[${string}]` ? string | undefined : string;
export type ArgumentValues<A extends readonly ArgumentSpec[]> = { [K in keyof A]: A[K] extends { name: infer N extends string } ? ArgumentValue<N> : never };
export type OptionValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: z.output<O[K]['schema']> };

interface SpecBase<O extends Record<string, OptionSpec>, A extends readonly ArgumentSpec[]> {
  /** The command, then its aliases: `['list', 'ls']`. */
  names: readonly [string, ...string[]];
  description: string;
  args?: A;
  /** Keyed by commander's attribute name (`--dry-run` → `dryRun`); a mismatch throws when the tree is built. */
  options?: O;
  /** Every command shows at least one example in its --help. */
  examples: readonly [string, ...string[]];
  /** More --help text, printed after the options and before the examples, laid out by a Help set to the help's width (help-text.ts). */
  helpText?: (help: Help) => string;
  /** Words beyond the declared arguments reach the handler (Invocation.command.args) instead of failing in commander. */
  allowExcessArguments?: boolean;
}

export interface CommandSpec<O extends Record<string, OptionSpec>, A extends readonly ArgumentSpec[]> extends SpecBase<O, A> {
  bare?: false;
  /** What the context must allow (e.g. a profile that does not exist yet). */
  requirements?: Omit<ContextRequirements, 'settingOptions'>;
  handler: (ctx: Context, opts: OptionValues<O>, args: ArgumentValues<A>) => Promise<number | void>;
}

/**
 * A command whose handler gets the invocation instead of a context: for commands that must run without
 * settings (help, completion, `config path`: a broken .env or config file cannot stop them, and the user
 * needs them most exactly then), or that build the context their own way (doctor reports broken
 * settings; `auth login` refuses arguments before reading any). Options are parsed first, as usual.
 */
export interface BareCommandSpec<O extends Record<string, OptionSpec>, A extends readonly ArgumentSpec[]> extends SpecBase<O, A> {
  bare: true;
  handler: (run: Invocation, opts: OptionValues<O>, args: ArgumentValues<A>) => Promise<number | void> | number | void;
}

/** What a bare command gets. */
export interface Invocation {
  runtime: Runtime;
  /** The running commander command (help and completion walk the tree from it; `args` holds excess words). */
  command: Command;
  /** The global flags and the command's own, as commander parsed them. */
  rawOptions: Record<string, unknown>;
  /**
   * The context other commands get (with the declared setting options), built now. `runtime` and
   * `rawOptions` replace the invocation's (doctor's probe of a clean environment).
   */
  context(how?: Omit<ContextRequirements, 'settingOptions'> & { runtime?: Runtime; rawOptions?: Record<string, unknown> }): Promise<Context>;
}

/** A declared command, ready to be added under its group by `addCommands`. */
export interface CommandDefinition {
  readonly names: readonly [string, ...string[]];
  register(parent: Command, runtime: Runtime): Command;
}

/**
 * Declares a command. The handler receives the context (or, for a bare command, the invocation), the
 * options parsed by their schemas (typed from them) and the positional arguments as a tuple; its
 * number, if any, is the exit code.
 */
export function defineCommand<const A extends readonly ArgumentSpec[] = [], O extends Record<string, OptionSpec> = Record<never, OptionSpec>>(
  spec: BareCommandSpec<O, A>,
): CommandDefinition;
export function defineCommand<const A extends readonly ArgumentSpec[] = [], O extends Record<string, OptionSpec> = Record<never, OptionSpec>>(
  spec: CommandSpec<O, A>,
): CommandDefinition;
export function defineCommand(spec: CommandSpec<Record<string, OptionSpec>, ArgumentSpec[]> | BareCommandSpec<Record<string, OptionSpec>, ArgumentSpec[]>): CommandDefinition {
  return {
    names: spec.names,
    register(parent, runtime) {
      const [name, ...aliases] = spec.names;
      const command = parent.command(name).aliases(aliases).description(spec.description);
      for (const argumentSpec of spec.args ?? []) {
        const argument = new Argument(argumentSpec.name, argumentSpec.description);
        // Set directly, not with .choices(): commander would check them itself, with its own message and exit code.
        if (argumentSpec.choices) argument.argChoices = [...argumentSpec.choices];
        command.addArgument(argument);
      }
      if (spec.allowExcessArguments) command.allowExcessArguments(true);
      const options = spec.options ?? {};
      const settingOptions: Partial<Record<string, SettingName>> = {};
      for (const [key, optionSpec] of Object.entries(options)) {
        const commanderOption = new Option(optionSpec.flags, optionSpec.description);
        if (commanderOption.attributeName() !== key) {
          throw new Error(`${name}: option ${optionSpec.flags} must be keyed "${commanderOption.attributeName()}", not "${key}"`);
        }
        if (optionSpec.default !== undefined) commanderOption.default(optionSpec.default);
        if (optionSpec.collect) commanderOption.argParser(optionSpec.collect);
        if (optionSpec.hidden) commanderOption.hideHelp();
        const values = enumValues(optionSpec.schema);
        if (values) offerValues(commanderOption, values);
        if (optionSpec.setting) settingOptions[key] = optionSpec.setting;
        command.addOption(commanderOption);
        if (optionSpec.negation) command.addOption(new Option(`--no-${commanderOption.name()}`, optionSpec.negation));
      }
      if (spec.helpText) addHelpTextAfter(command, spec.helpText);
      examples(command, [...spec.examples]);
      command.action(async (...commanderArgs: unknown[]) => {
        const args = commanderArgs.slice(0, -2) as never;
        const rawOptions = command.optsWithGlobals();
        const context: Invocation['context'] = async (how = {}) => {
          const { runtime: contextRuntime = runtime, rawOptions: contextOptions = rawOptions, ...requirements } = how;
          // Settings (and zod with them) load only when a command runs: --help and --version never pay for them.
          const { createContext } = await import('../context.js');
          return createContext(contextRuntime, contextOptions, { ...requirements, settingOptions });
        };
        // The options first: a bad flag is exit 2 before the context reads settings or --mock starts its emulator.
        const parsed = parseOptions(options, rawOptions, command);
        const code = spec.bare
          ? await spec.handler({ runtime, command, rawOptions, context }, parsed, args)
          : await spec.handler(await context(spec.requirements), parsed, args);
        if (typeof code === 'number') runtime.exitCode = code;
      });
      return command;
    },
  };
}

/** Adds declared commands under `parent`, in order. */
export function addCommands(parent: Command, runtime: Runtime, definitions: readonly CommandDefinition[]): void {
  for (const definition of definitions) definition.register(parent, runtime);
}

/** Each declared option's raw value through its schema; the first failure is a UsageError naming the flag. */
function parseOptions<O extends Record<string, OptionSpec>>(options: O, raw: Record<string, unknown>, command: Command): OptionValues<O> {
  const path = commandPath(command);
  const parsed: Record<string, unknown> = {};
  for (const [key, optionSpec] of Object.entries(options)) {
    const value = raw[key];
    const result = optionSpec.schema.safeParse(value);
    if (result.success) {
      parsed[key] = result.data;
      continue;
    }
    const flag = longFlag(optionSpec);
    // A schema that refuses undefined makes the option required: absent, it is a usage error like a missing argument.
    if (value === undefined) {
      throw new UsageError(`Missing required option ${optionSpec.flags.replace(/^-\w, /, '')}.`, { hint: usageHint(command) });
    }
    // A 100 KB value is not worth repeating back in full: enough of it to recognise (as src/flags.ts does).
    const text = typeof value === 'string' && value.length > 60 ? `${value.slice(0, 40)}… (${value.length} characters)` : value;
    const shown = typeof text === 'string' ? JSON.stringify(text) : String(text);
    throw new UsageError(`Invalid value ${shown} for ${flag}: ${result.error.issues[0]!.message}.`, {
      hint: optionSpec.fix ?? `Run \`${path} --help\` for ${flag}'s values.`,
    });
  }
  // stdin can be read once: the second reader would get nothing and blame its own (empty) input.
  const fromStdin = Object.entries(options).filter(([key, optionSpec]) => optionSpec.stdin === true && raw[key] === '-').map(([, optionSpec]) => longFlag(optionSpec));
  if (fromStdin.length > 1) {
    throw new UsageError(`${fromStdin.join(' and ')} both read stdin (-); only one option can.`, { hint: 'Give all but one of them a file path instead.' });
  }
  return parsed as OptionValues<O>;
}

/** `--file` of `-f, --file <path>`. */
function longFlag(optionSpec: OptionSpec): string {
  return optionSpec.flags.split(/[ ,]+/).find((part) => part.startsWith('--'))!;
}

/** `Examples:` block for a command's help (defineCommand adds it; groups and the root call it). */
export { examples };

/** The values of a z.enum option (optional or defaulted too), for completion. */
function enumValues(schema: OptionSchema): string[] | undefined {
  // Read the definition (zod is only a type import here: --help must not load it).
  let def = (schema as { def?: { type?: string; innerType?: z.core.$ZodType; entries?: Record<string, unknown> } }).def;
  while (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) def = (def.innerType as { def?: typeof def }).def;
  return def?.type === 'enum' && def.entries ? Object.values(def.entries).map(String) : undefined;
}
