// `tavus-ten completion bash|zsh|fish`: a completion script generated from the command tree at run
// time, so every command, alias, subcommand and flag (and the values known for them) is covered.
import { Argument, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Runtime } from '../context.js';
import { examples, standaloneAction } from './kit.js';
import { packageVersion } from '../version.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

const INSTALL = `
Install (generate it again after upgrading tavus-ten: the script lists this version's commands):
  bash  tavus-ten completion bash > ~/.local/share/bash-completion/completions/tavus-ten
        (needs the bash-completion package; or add to ~/.bashrc: eval "$(tavus-ten completion bash)")
  zsh   mkdir -p ~/.zfunc && tavus-ten completion zsh > ~/.zfunc/_tavus-ten
        then in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)
        (or add to ~/.zshrc, after compinit: eval "$(tavus-ten completion zsh)")
  fish  tavus-ten completion fish > ~/.config/fish/completions/tavus-ten.fish
Open a new shell afterwards. --profile values are completed from your saved profiles.
`;

export function registerCompletionCommand(program: Command, runtime: Runtime): void {
  const shell = new Argument('[shell]', 'the shell to print the script for');
  shell.argChoices = [...SHELLS];
  const completion = program
    .command('completion')
    .addArgument(shell);
  completion.addHelpText('after', INSTALL);
  examples(completion, [
    'tavus-ten completion bash > ~/.local/share/bash-completion/completions/tavus-ten',
    'eval "$(tavus-ten completion zsh)"',
    'tavus-ten completion fish > ~/.config/fish/completions/tavus-ten.fish',
  ]).action(
    standaloneAction(async (_opts, _command, name: string | undefined) => {
      const wanted = parseShell(name, runtime.env.SHELL);
      const [{ completionTree }, { completionScript }] = await Promise.all([import('../completion/tree.js'), import('../completion/scripts.js')]);
      runtime.io.stdout.write(completionScript(wanted, completionTree(program), packageVersion()));
    }),
  );
}

function parseShell(name: string | undefined, loginShell: string | undefined): Shell {
  const guess = loginShell?.split('/').pop();
  const suggestion = SHELLS.find((s) => s === guess);
  if (name === undefined) {
    throw new UsageError(`Missing the shell: pass one of ${SHELLS.join(', ')}.`, {
      hint: `e.g. \`tavus-ten completion ${suggestion ?? 'bash'}\`${suggestion ? ` (your shell is ${suggestion})` : ''}; \`tavus-ten completion --help\` shows how to install it.`,
    });
  }
  const shell = SHELLS.find((s) => s === name.trim().toLowerCase());
  if (!shell) {
    throw new UsageError(`Unsupported shell ${JSON.stringify(name)}: use one of ${SHELLS.join(', ')}.`, {
      hint: 'PowerShell is not supported yet.',
    });
  }
  return shell;
}
