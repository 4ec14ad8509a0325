// The zsh completion script (a compdef function, also usable with eval), generated from the command tree.
import type { CompletionTree } from './tree.js';
import { childEntries, globalOptions, header, ownOptions, pathKey, sq, valueAndArgumentFunctions } from './shared.js';

export function zshScript(tree: CompletionTree, version: string): string {
  const main = `_${tree.program}`;
  const fn = `__${tree.program.replace(/[^A-Za-z0-9]/g, '_')}`;
  const described = (name: string, description: string) => sq(`${name.replace(/:/g, '\\:')}:${description}`);
  const lines: string[] = [
    `#compdef ${tree.program}`,
    header(tree, 'zsh', version, [
      `Install: ${tree.program} completion zsh > "\${fpath[1]}/${main}"   (then start a new shell)`,
      `     or: echo 'eval "$(${tree.program} completion zsh)"' >> ~/.zshrc   (after compinit)`,
    ]),
  ];

  lines.push(`${fn}_child() {`, '  case "$1|$2" in');
  for (const e of childEntries(tree)) lines.push(`    ${sq(`${e.parent}|${e.word}`)}) REPLY=${sq(e.target)} ;;`);
  lines.push('    *) REPLY=""; return 1 ;;', '  esac', '}', '');

  lines.push(`${fn}_commands() {`, '  case "$1" in');
  for (const node of tree.nodes) {
    if (node.children.length === 0) continue;
    lines.push(`    ${sq(pathKey(node))}) items=(${node.children.map((c) => described(c.name, c.description)).join(' ')}) ;;`);
  }
  lines.push('    *) items=() ;;', '  esac', '}', '');

  lines.push(`${fn}_options() {`, '  case "$1" in');
  for (const node of tree.nodes) {
    const options = ownOptions(tree, node);
    if (options.length > 0) lines.push(`    ${sq(pathKey(node))}) items=(${options.map((o) => described(o.name, o.description)).join(' ')}) ;;`);
  }
  lines.push(`    '@global') items=(${globalOptions(tree).map((o) => described(o.name, o.description)).join(' ')}) ;;`);
  lines.push('    *) items=() ;;', '  esac', '}', '');

  lines.push(...valueAndArgumentFunctions(tree, fn));

  lines.push(
    `${fn}_values() {`,
    '  local -a values',
    '  case "$1" in',
    '    @none) return 1 ;;',
    '    @files) _files ;;',
    `    @profiles) values=(\${(f)"$(${tree.program} config list --profiles -q 2>/dev/null)"}); compadd -a values ;;`,
    '    *) values=(${=1}); compadd -a values ;;',
    '  esac',
    '}',
    '',
    `${main}() {`,
    '  local cur="${words[CURRENT]}" cmdpath="" word opt="" REPLY',
    '  local -a items optlist',
    '  local -i i=2 npos=0',
    '  while (( i < CURRENT )); do',
    '    word="${words[i]}"',
    '    if [[ $word == -?* ]]; then',
    `      if [[ $word != *=* ]] && ${fn}_value "$cmdpath" "$word"; then (( i += 1 )); fi`,
    `    elif (( npos == 0 )) && ${fn}_child "$cmdpath" "$word"; then`,
    '      cmdpath="$REPLY"',
    '    else',
    '      (( npos += 1 ))',
    '    fi',
    '    (( i += 1 ))',
    '  done',
    '',
    '  if [[ $cur == -?*=* ]]; then',
    `    if ${fn}_value "$cmdpath" "\${cur%%=*}"; then compset -P '*='; ${fn}_values "$REPLY"; fi`,
    '    return',
    '  fi',
    '  (( CURRENT > 2 )) && opt="${words[CURRENT-1]}"',
    `  if [[ $opt == -?* ]] && ${fn}_value "$cmdpath" "$opt"; then`,
    `    ${fn}_values "$REPLY"`,
    '    return',
    '  fi',
    '  if [[ $cur == -* ]]; then',
    `    ${fn}_options "$cmdpath"; optlist=("\${items[@]}")`,
    `    if [[ -n $cmdpath ]]; then ${fn}_options '@global'; optlist+=("\${items[@]}"); fi`,
    "    _describe -t options 'option' optlist",
    '    return',
    '  fi',
    '  if (( npos == 0 )); then',
    `    ${fn}_commands "$cmdpath"`,
    "    if (( ${#items} > 0 )); then _describe -t commands 'command' items; return; fi",
    '  fi',
    `  ${fn}_arg "$cmdpath" "$npos"`,
    `  ${fn}_values "$REPLY"`,
    '}',
    '',
    `if [[ "\${funcstack[1]}" == ${sq(main)} ]]; then`,
    `  ${main} "$@"`,
    'else',
    `  compdef ${main} ${tree.program}`,
    'fi',
    '',
  );
  return lines.join('\n');
}
