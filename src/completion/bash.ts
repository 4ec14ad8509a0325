// The bash completion script (bash-completion's `complete -F`), generated from the command tree.
import type { CompletionNode, CompletionTree } from './tree.js';
import { childEntries, globalOptions, header, ownOptions, pathKey, sq, valueAndArgumentFunctions } from './shared.js';

export function bashScript(tree: CompletionTree, version: string): string {
  const fn = `_${tree.program.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines: string[] = [
    header(tree, 'bash', version, [
      `Install: ${tree.program} completion bash > ~/.local/share/bash-completion/completions/${tree.program}`,
      `     or: echo 'eval "$(${tree.program} completion bash)"' >> ~/.bashrc`,
    ]),
  ];

  lines.push(`${fn}_child() {`, '  case "$1|$2" in');
  for (const e of childEntries(tree)) lines.push(`    ${sq(`${e.parent}|${e.word}`)}) REPLY=${sq(e.target)} ;;`);
  lines.push('    *) REPLY=""; return 1 ;;', '  esac', '}', '');

  const commandList = (pick: (n: CompletionNode) => string[]) => {
    for (const node of tree.nodes) {
      const words = node.children.flatMap(pick);
      if (words.length > 0) lines.push(`    ${sq(pathKey(node))}) REPLY=${sq(words.join(' '))} ;;`);
    }
  };
  lines.push(`${fn}_commands() {`, '  case "$1" in');
  commandList((child) => [child.name]);
  lines.push('    *) REPLY="" ;;', '  esac', '}', '');
  lines.push(`${fn}_aliases() {`, '  case "$1" in');
  commandList((child) => child.aliases);
  lines.push('    *) REPLY="" ;;', '  esac', '}', '');

  lines.push(`${fn}_options() {`, '  case "$1" in');
  for (const node of tree.nodes) {
    const names = ownOptions(tree, node).map((o) => o.name);
    if (names.length > 0) lines.push(`    ${sq(pathKey(node))}) REPLY=${sq(names.join(' '))} ;;`);
  }
  lines.push(`    '@global') REPLY=${sq(globalOptions(tree).map((o) => o.name).join(' '))} ;;`);
  lines.push('    *) REPLY="" ;;', '  esac', '}', '');

  lines.push(`# Sets REPLY to what the option's value completes to; fails when it takes no value.`);
  lines.push(...valueAndArgumentFunctions(tree, fn));

  lines.push(
    `${fn}_reply() {`,
    '  local IFS=$\'\\n\' prefix="$3"',
    '  case "$1" in',
    '    @none) COMPREPLY=() ;;',
    '    @files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$2")) ;;',
    `    @profiles) COMPREPLY=($(compgen -W "$(${tree.program} config list --profiles -q 2>/dev/null)" -- "$2")) ;;`,
    '    *) IFS=$\' \\t\\n\'; COMPREPLY=($(compgen -W "$1" -- "$2")) ;;',
    '  esac',
    '  if [[ -n $prefix ]]; then COMPREPLY=("${COMPREPLY[@]/#/$prefix}"); fi',
    '}',
    '',
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" cmdpath="" word opt="" prefix="" REPLY',
    '  local -i i=1 npos=0',
    '  COMPREPLY=()',
    '  while (( i < COMP_CWORD )); do',
    '    word="${COMP_WORDS[i]}"',
    '    if [[ $word == -?* ]]; then',
    '      if [[ ${COMP_WORDS[i+1]} == "=" ]]; then',
    '        i+=2',
    `      elif [[ $word != *=* ]] && ${fn}_value "$cmdpath" "$word"; then`,
    '        i+=1',
    '      fi',
    `    elif (( npos == 0 )) && ${fn}_child "$cmdpath" "$word"; then`,
    '      cmdpath="$REPLY"',
    '    else',
    '      npos+=1',
    '    fi',
    '    i+=1',
    '  done',
    '',
    '  # The value of an option: "--type <TAB>", "--type=<TAB>" (bash splits at "=") or "--type=us<TAB>".',
    '  if [[ $cur == "=" ]]; then',
    '    opt="${COMP_WORDS[COMP_CWORD-1]}"; cur=""',
    '  elif (( COMP_CWORD >= 3 )) && [[ ${COMP_WORDS[COMP_CWORD-1]} == "=" ]]; then',
    '    opt="${COMP_WORDS[COMP_CWORD-2]}"',
    '  elif [[ $cur == -?*=* ]]; then',
    '    opt="${cur%%=*}"; prefix="${cur%%=*}="; cur="${cur#*=}"',
    '  elif (( COMP_CWORD >= 2 )); then',
    '    opt="${COMP_WORDS[COMP_CWORD-1]}"',
    '  fi',
    `  if [[ $opt == -?* ]] && ${fn}_value "$cmdpath" "$opt"; then`,
    `    ${fn}_reply "$REPLY" "$cur" "$prefix"`,
    '    return 0',
    '  fi',
    '',
    '  if [[ $cur == -* ]]; then',
    `    ${fn}_options "$cmdpath"`,
    '    local options="$REPLY"',
    `    if [[ -n $cmdpath ]]; then ${fn}_options '@global'; options="$options $REPLY"; fi`,
    `    ${fn}_reply "$options" "$cur"`,
    '    return 0',
    '  fi',
    '',
    '  if (( npos == 0 )); then',
    `    ${fn}_commands "$cmdpath"`,
    '    if [[ -n $REPLY ]]; then',
    `      ${fn}_reply "$REPLY" "$cur"`,
    '      # Aliases (e.g. "face" for "replica") only when no name matches.',
    `      if (( \${#COMPREPLY[@]} == 0 )); then ${fn}_aliases "$cmdpath"; ${fn}_reply "$REPLY" "$cur"; fi`,
    '      return 0',
    '    fi',
    '  fi',
    `  ${fn}_arg "$cmdpath" "$npos"`,
    `  ${fn}_reply "$REPLY" "$cur"`,
    '}',
    '',
    `complete -F ${fn} ${tree.program}`,
    '',
  );
  return lines.join('\n');
}
