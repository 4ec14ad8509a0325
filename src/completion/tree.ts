// The command tree as completion scripts need it, read from commander at run time: commands and
// their aliases, options (does it take a value? which values?), positional arguments. A command
// added anywhere in the program is covered without touching the completion code.
import type { Argument, Command, Option } from 'commander';
import { offeredValues } from './values.js';

/** What to offer for a value: fixed words, file names, or the saved profile names. */
export type ValueCompletion = { kind: 'words'; words: string[] } | { kind: 'files' } | { kind: 'profiles' } | { kind: 'none' };

export interface CompletionOption {
  /** `--limit`, or `-q` when there is no long form. */
  name: string;
  short?: string;
  description: string;
  takesValue: boolean;
  value: ValueCompletion;
}

export interface CompletionArgument {
  name: string;
  variadic: boolean;
  value: ValueCompletion;
}

export interface CompletionNode {
  /** The canonical words from the root, e.g. ['replica', 'list']; [] for the root. */
  path: string[];
  name: string;
  aliases: string[];
  description: string;
  children: CompletionNode[];
  /** This command's own options (for the root: every global option). */
  options: CompletionOption[];
  arguments: CompletionArgument[];
}

export interface CompletionTree {
  program: string;
  root: CompletionNode;
  /** Options accepted everywhere (the root's, without --version). */
  globalOptions: CompletionOption[];
  /** Every node, depth first, root first. */
  nodes: CompletionNode[];
}

/** Options whose values are looked up when completing (the profile names in the config file). */
const DYNAMIC_VALUES: Record<string, ValueCompletion> = { '--profile': { kind: 'profiles' } };
const FILE_LIKE = /file|path|dir/i;

export function completionTree(program: Command): CompletionTree {
  const root = node(program, [], undefined);
  const nodes: CompletionNode[] = [];
  const visit = (n: CompletionNode) => {
    nodes.push(n);
    n.children.forEach(visit);
  };
  visit(root);
  return {
    program: program.name(),
    root,
    globalOptions: root.options.filter((option) => option.name !== '--version'),
    nodes,
  };
}

function node(command: Command, path: string[], parent: Command | undefined): CompletionNode {
  const help = command.createHelp();
  const children = help.visibleCommands(command).map((child) => node(child, [...path, child.name()], command));
  const result: CompletionNode = {
    path,
    name: command.name(),
    aliases: command.aliases(),
    description: firstLine(command.description()),
    children,
    options: help.visibleOptions(command).map(option),
    arguments: command.registeredArguments.map(argument),
  };
  // A `help` command completes its siblings (and whatever it lists itself, e.g. help topics).
  // (commander's implicit `help` command has no parent link, hence the parameter.)
  if (command.name() === 'help' && parent && result.arguments[0]) {
    const first = result.arguments[0];
    const own = first.value.kind === 'words' ? first.value.words : [];
    const siblings = parent
      .createHelp()
      .visibleCommands(parent)
      .filter((c) => c.name() !== 'help')
      .map((c) => c.name());
    result.arguments[0] = { ...first, value: { kind: 'words', words: unique([...own, ...siblings]) } };
  }
  return result;
}

function option(opt: Option): CompletionOption {
  const name = opt.long ?? opt.short ?? opt.flags;
  const takesValue = opt.required || opt.optional;
  const valueName = /[<[]([^>\]]+)[>\]]/.exec(opt.flags)?.[1] ?? '';
  let value: ValueCompletion = { kind: 'none' };
  if (takesValue) {
    const words = opt.argChoices ?? offeredValues(opt);
    if (words && words.length > 0) value = { kind: 'words', words: [...words] };
    else if (DYNAMIC_VALUES[name]) value = DYNAMIC_VALUES[name]!;
    else if (FILE_LIKE.test(valueName)) value = { kind: 'files' };
  }
  const result: CompletionOption = { name, description: firstLine(opt.description), takesValue, value };
  if (opt.long && opt.short) result.short = opt.short;
  return result;
}

function argument(arg: Argument): CompletionArgument {
  let value: ValueCompletion = { kind: 'none' };
  if (arg.argChoices && arg.argChoices.length > 0) value = { kind: 'words', words: [...arg.argChoices] };
  else if (FILE_LIKE.test(arg.name())) value = { kind: 'files' };
  return { name: arg.name(), variadic: arg.variadic, value };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}
