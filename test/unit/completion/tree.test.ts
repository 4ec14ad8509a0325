import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../../src/completion/scripts.js';
import { completionTree } from '../../../src/completion/tree.js';

function sample(): Command {
  const program = new Command('tool').option('--json', 'json output').option('--profile <name>', 'profile').option('--env-file <path>', 'env file');
  program.version('1.0.0', '-V, --version');
  const thing = program.command('thing').aliases(['things']).description('things\nsecond line');
  thing
    .command('make')
    .addOption(new Option('--mode <mode>', 'mode').choices(['a', 'b']))
    .addOption(new Option('--secret-flag', 'hidden').hideHelp())
    .option('-n, --count <n>', 'how many')
    .addArgument(new Argument('<file>', 'input file'))
    .action(() => {});
  program.command('hidden-one', { hidden: true }).action(() => {});
  return program;
}

describe('completionTree', () => {
  it('reads commands, aliases, options, values and arguments; skips hidden ones', () => {
    const tree = completionTree(sample());
    expect(tree.root.children.map((c) => c.name)).toEqual(['thing', 'help']);
    const thing = tree.root.children[0]!;
    expect(thing).toMatchObject({ aliases: ['things'], description: 'things', path: ['thing'] });
    const make = thing.children.find((c) => c.name === 'make')!;
    expect(make.path).toEqual(['thing', 'make']);
    expect(make.options.map((o) => o.name)).toEqual(['--mode', '--count', '--help']);
    expect(make.options[0]).toMatchObject({ takesValue: true, value: { kind: 'words', words: ['a', 'b'] } });
    expect(make.options[1]).toMatchObject({ short: '-n', takesValue: true, value: { kind: 'none' } });
    expect(make.arguments).toEqual([{ name: 'file', variadic: false, value: { kind: 'files' } }]);
    expect(tree.globalOptions.map((o) => o.name)).toEqual(['--json', '--profile', '--env-file', '--help']);
    expect(tree.globalOptions[1]!.value).toEqual({ kind: 'profiles' });
    expect(tree.globalOptions[2]!.value).toEqual({ kind: 'files' });
    // The implicit help command completes its siblings.
    const help = thing.children.find((c) => c.name === 'help')!;
    expect(help.arguments[0]!.value).toEqual({ kind: 'words', words: ['make'] });
  });

  it('each script names every command and option of the tree', () => {
    const tree = completionTree(sample());
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(shell, tree, '1.0.0');
      for (const word of ['thing', 'things', 'make', 'mode', 'count', 'json', 'profile']) expect(script, `${shell} ${word}`).toContain(word);
      expect(script).not.toContain('hidden-one');
      expect(script).not.toContain('secret-flag');
      expect(script).toContain('tool 1.0.0');
    }
  });

  it('quotes descriptions safely', () => {
    const program = new Command('tool');
    program.command('quote').description("it's $(rm -rf /) `x` \\ \"y\"").action(() => {});
    const tree = completionTree(program);
    expect(completionScript('zsh', tree, '1')).toContain(`'quote:it'\\''s $(rm -rf /) \`x\` \\ "y"'`);
    expect(completionScript('fish', tree, '1')).toContain(`-d 'it\\'s $(rm -rf /) \`x\` \\\\ "y"'`);
  });
});
