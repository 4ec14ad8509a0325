// The command toolkit: how a command is declared (names, arguments, options as zod schemas, examples,
// handler) and how commander's parse becomes a typed call with a context. Commands import this file,
// never src/program.ts (which only assembles the tree).
import { Command, Option } from 'commander';
import type { z } from 'zod';
import type { Context, ContextRequirements, Runtime } from '../context.js';
import { UsageError } from '../errors.js';
import type { SettingName } from '../settings/resolve.js';
import { offerValues } from '../completion/values.js';

// ---------------------------------------------------------------------------------------------
// defineCommand: the shape every new command takes.

/**
 * One option: commander's flags (`--type <type>`, `--all`, `--no-open`), its help text, and the zod
 * schema its raw value must pass (a string, `true`, `string[]` for repeatable options, or undefined
 * when absent). A failure is exit 2: `Invalid value "x" for --type: <zod's message>.` with `fix` as the hint.
 */
export interface OptionSpec<S extends z.ZodType = z.ZodType> {
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
}

/** Shorthand for an OptionSpec. */
export function option<S extends z.ZodType>(flags: string, description: string, schema: S, extra: Omit<OptionSpec<S>, 'flags' | 'description' | 'schema'> = {}): OptionSpec<S> {
  return { flags, description, schema, ...extra };
}

/** A positional argument in commander's syntax: `<id>`, `[dir]`, `<ids...>`. */
export interface ArgumentSpec {
  name: string;
  description: string;
}

/** The value commander passes for an argument: `<x...>`/`[x...]` → string[], `[x]` → maybe string, `<x>` → string. */
type ArgumentValue<Name extends string> = Name extends `${string}...${string}` ? string[] : Name extends `[${string}]` ? string | undefined : string;
export type ArgumentValues<A extends readonly ArgumentSpec[]> = { [K in keyof A]: A[K] extends { name: infer N extends string } ? ArgumentValue<N> : never };
export type OptionValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: z.output<O[K]['schema']> };

export interface CommandSpec<O extends Record<string, OptionSpec>, A extends readonly ArgumentSpec[]> {
  /** The command, then its aliases: `['list', 'ls']`. */
  names: readonly [string, ...string[]];
  description: string;
  args?: A;
  /** Keyed by commander's attribute name (`--dry-run` → `dryRun`); a mismatch throws when the tree is built. */
  options?: O;
  /** Every command shows at least one example in its --help. */
  examples: readonly [string, ...string[]];
  /** What the context must allow (e.g. a profile that does not exist yet). */
  requirements?: Omit<ContextRequirements, 'settingOptions'>;
  handler: (ctx: Context, opts: OptionValues<O>, args: ArgumentValues<A>) => Promise<number | void>;
}

/** A declared command, ready to be added under its group by `addCommand`. */
export interface CommandDefinition {
  readonly names: readonly [string, ...string[]];
  register(parent: Command, runtime: Runtime): Command;
}

/**
 * Declares a command. The handler receives the context, the options parsed by their schemas (typed
 * from them) and the positional arguments as a tuple; its number, if any, is the exit code.
 */
export function defineCommand<const A extends readonly ArgumentSpec[] = [], O extends Record<string, OptionSpec> = Record<never, OptionSpec>>(
  spec: CommandSpec<O, A>,
): CommandDefinition {
  return {
    names: spec.names,
    register(parent, runtime) {
      const [name, ...aliases] = spec.names;
      const command = parent.command(name).aliases(aliases).description(spec.description);
      for (const argument of spec.args ?? []) command.argument(argument.name, argument.description);
      const options = (spec.options ?? {}) as Record<string, OptionSpec>;
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
      examples(command, [...spec.examples]);
      command.action(
        action(runtime, async (ctx, raw, ...args) => spec.handler(ctx, parseOptions(options, raw, spec.names[0]) as OptionValues<O>, args as ArgumentValues<A>), {
          ...spec.requirements,
          settingOptions,
        }),
      );
      return command;
    },
  };
}

/** Adds declared commands under `parent`, in order. */
export function addCommands(parent: Command, runtime: Runtime, definitions: readonly CommandDefinition[]): void {
  for (const definition of definitions) definition.register(parent, runtime);
}

/** Each declared option's raw value through its schema; the first failure is a UsageError naming the flag. */
function parseOptions<O extends Record<string, OptionSpec>>(options: O, raw: Record<string, unknown>, commandName: string): OptionValues<O> {
  const parsed: Record<string, unknown> = {};
  for (const [key, optionSpec] of Object.entries(options)) {
    const value = raw[key];
    const result = optionSpec.schema.safeParse(value);
    if (result.success) {
      parsed[key] = result.data;
      continue;
    }
    const flag = optionSpec.flags.split(/[ ,]+/).find((part) => part.startsWith('--'))!;
    // A 100 KB value is not worth repeating back in full: enough of it to recognise (as src/flags.ts does).
    const text = typeof value === 'string' && value.length > 60 ? `${value.slice(0, 40)}… (${value.length} characters)` : value;
    const shown = typeof text === 'string' ? JSON.stringify(text) : String(text);
    throw new UsageError(`Invalid value ${shown} for ${flag}: ${result.error.issues[0]!.message}.`, {
      hint: optionSpec.fix ?? `Run \`tavus-ten ${commandName} --help\` for ${flag}'s values.`,
    });
  }
  return parsed as OptionValues<O>;
}

/** The LiveKit connection options (`--livekit-url`, `--livekit-api-key`, `--livekit-api-secret`) as settings. */
export const LIVEKIT_SETTING_OPTIONS = {
  livekitUrl: 'livekitUrl',
  livekitApiKey: 'livekitApiKey',
  livekitApiSecret: 'livekitApiSecret',
} as const satisfies Partial<Record<string, SettingName>>;

// ---------------------------------------------------------------------------------------------
// The adapters older commands are still written against (see README "Adding a command").

export type CommandHandler<Args extends unknown[]> = (ctx: Context, opts: Record<string, unknown>, ...args: Args) => Promise<number | void>;

/** Wraps a command body: builds its context from the merged flags, records its exit code. */
export function action<Args extends unknown[]>(runtime: Runtime, handler: CommandHandler<Args>, requirements?: ContextRequirements) {
  return async (...commanderArgs: unknown[]): Promise<void> => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const opts = command.optsWithGlobals();
    const args = commanderArgs.slice(0, -2) as Args;
    // Settings (and zod with them) load only when a command runs: --help and --version never pay for them.
    const { createContext } = await import('../context.js');
    const ctx = await createContext(runtime, opts, requirements);
    const code = await handler(ctx, opts, ...args);
    if (typeof code === 'number') runtime.exitCode = code;
  };
}

export type StandaloneHandler<Args extends unknown[]> = (opts: Record<string, unknown>, command: Command, ...args: Args) => Promise<void> | void;

/**
 * For commands that must work without settings: help topics, completion scripts, `config path`.
 * They build no context, so a broken .env or config file cannot stop them (the user needs them most exactly then).
 */
export function standaloneAction<Args extends unknown[]>(handler: StandaloneHandler<Args>) {
  return async (...commanderArgs: unknown[]): Promise<void> => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const args = commanderArgs.slice(0, -2) as Args;
    await handler(command.optsWithGlobals(), command, ...args);
  };
}

/** `Examples:` block for a command's help; every command gets one. */
export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

/** The values of a z.enum option (optional or defaulted too), for completion. */
function enumValues(schema: z.ZodType): string[] | undefined {
  // Read the definition (zod is only a type import here: --help must not load it).
  let def = (schema as { def?: { type?: string; innerType?: z.ZodType; entries?: Record<string, unknown> } }).def;
  while (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) def = (def.innerType as { def?: typeof def }).def;
  return def?.type === 'enum' && def.entries ? Object.values(def.entries).map(String) : undefined;
}

/** A commander option taking one of `values` (the list its handler checks with oneOf), offered by completion. */
export function enumOption(flags: string, description: string, values: readonly string[]): Option {
  return offerValues(new Option(flags, description), values);
}
