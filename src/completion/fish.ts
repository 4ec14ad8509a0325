// The fish completion script (`complete -c` lines and helper functions), generated from the command tree.
import type { CompletionOption, CompletionTree, ValueCompletion } from './tree.js';
import { argumentEntries, childEntries, fq, globalOptions, header, ownOptions, pathKey, valueEntries, valueSpec } from './shared.js';

export function fishScript(tree: CompletionTree, version: string): string {
  const program = tree.program;
  const fn = `__${program.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines: string[] = [
    header(tree, 'fish', version, [`Install: ${program} completion fish > ~/.config/fish/completions/${program}.fish`]),
  ];

  lines.push(`function ${fn}_child`, '    switch "$argv[1]|$argv[2]"');
  for (const e of childEntries(tree)) lines.push(`        case ${fq(`${e.parent}|${e.word}`)}`, `            echo ${fq(e.target)}`);
  lines.push("        case '*'", '            return 1', '    end', 'end', '');

  lines.push(`function ${fn}_value`, '    switch "$argv[1]|$argv[2]"');
  for (const e of valueEntries(tree)) {
    lines.push(`        case ${fq(`${e.path === undefined ? '*' : e.path}|${e.flag}`)}`, `            echo ${fq(e.spec)}`);
  }
  lines.push("        case '*'", '            return 1', '    end', 'end', '');

  lines.push(
    '# Prints "/<command path>" and the number of positional arguments typed after it.',
    `function ${fn}_state`,
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    "    set -l cmdpath ''",
    '    set -l npos 0',
    '    set -l skip 0',
    '    for word in $tokens',
    '        if test $skip -eq 1',
    '            set skip 0',
    "        else if string match -q -- '-?*' $word",
    `            if not string match -q -- '*=*' $word; and ${fn}_value "$cmdpath" $word >/dev/null`,
    '                set skip 1',
    '            end',
    `        else if test $npos -eq 0; and ${fn}_child "$cmdpath" $word >/dev/null`,
    `            set cmdpath (${fn}_child "$cmdpath" $word)`,
    '        else',
    '            set npos (math $npos + 1)',
    '        end',
    '    end',
    '    echo "/$cmdpath"',
    '    echo $npos',
    'end',
    '',
    '# True at the command path $argv[1], before any positional argument.',
    `function ${fn}_at`,
    `    set -l state (${fn}_state)`,
    '    test "$state[1]" = "/$argv[1]"; and test "$state[2]" -eq 0',
    'end',
    '',
    '# True anywhere in the command path $argv[1].',
    `function ${fn}_in`,
    `    set -l state (${fn}_state)`,
    '    test "$state[1]" = "/$argv[1]"',
    'end',
    '',
    '# True at positional argument $argv[2] of the command path $argv[1] (or later, with a third argument).',
    `function ${fn}_arg`,
    `    set -l state (${fn}_state)`,
    '    test "$state[1]" = "/$argv[1]"; or return 1',
    '    if test (count $argv) -ge 3',
    '        test "$state[2]" -ge "$argv[2]"',
    '    else',
    '        test "$state[2]" -eq "$argv[2]"',
    '    end',
    'end',
    '',
    `complete -c ${program} -f`,
  );

  const optionLine = (option: CompletionOption, condition: string | undefined) => {
    const parts = [`complete -c ${program}`];
    if (condition) parts.push(`-n ${fq(condition)}`);
    if (option.name.startsWith('--')) parts.push(`-l ${option.name.slice(2)}`);
    else parts.push(`-s ${option.name.slice(1)}`);
    if (option.short) parts.push(`-s ${option.short.slice(1)}`);
    if (option.takesValue) parts.push(fishValue(option.value, program));
    parts.push(`-d ${fq(option.description)}`);
    return parts.join(' ');
  };

  for (const option of globalOptions(tree)) lines.push(optionLine(option, undefined));
  for (const node of tree.nodes) {
    const key = pathKey(node);
    for (const child of node.children) {
      lines.push(`complete -c ${program} -n ${fq(`${fn}_at ${fq(key)}`)} -a ${fq(child.name)} -d ${fq(child.description)}`);
    }
    if (node.path.length > 0) for (const option of ownOptions(tree, node)) lines.push(optionLine(option, `${fn}_in ${fq(key)}`));
    else for (const option of node.options.filter((o) => o.name === '--version')) lines.push(optionLine(option, `${fn}_at ''`));
  }
  for (const e of argumentEntries(tree)) {
    const condition = `${fn}_arg ${fq(e.path)} ${e.index}${e.variadic ? ' +' : ''}`;
    lines.push(`complete -c ${program} -n ${fq(condition)} ${e.spec === '@files' ? '-F' : fishSpec(e.spec, program)}`);
  }
  lines.push('');
  return lines.join('\n');
}

function fishValue(value: ValueCompletion, program: string): string {
  return fishSpec(valueSpec(value), program);
}

function fishSpec(spec: string, program: string): string {
  if (spec === '@files') return '-rF';
  if (spec === '@none') return '-x';
  if (spec === '@profiles') return `-xa ${fq(`(${program} config list --profiles -q 2>/dev/null)`)}`;
  return `-xa ${fq(spec)}`;
}
