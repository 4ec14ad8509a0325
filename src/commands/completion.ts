// `tavus-ten completion bash|zsh|fish`: a completion script generated from the command tree at run
// time, so every command, alias, subcommand and flag (and the values known for them) is covered.
import type { Command, Help } from 'commander';
import { UsageError } from '../errors.js';
import type { Runtime } from '../context.js';
import { addCommands, defineCommand } from './kit.js';
import { helpParagraph } from './help-text.js';
import { packageVersion } from '../version.js';
import { SHELLS, type Shell } from '../completion/shared.js';

/** The commands to install the script with, shell by shell: to paste, so laid out for 80 columns by hand, never wrapped. */
const INSTALL_STEPS = `  bash  tavus-ten completion bash \\
          > ~/.local/share/bash-completion/completions/tavus-ten
        (needs the bash-completion package; or add to ~/.bashrc:
        eval "$(tavus-ten completion bash)")
  zsh   mkdir -p ~/.zfunc && tavus-ten completion zsh > ~/.zfunc/_tavus-ten
        then in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)
        (or add to ~/.zshrc, after compinit: eval "$(tavus-ten completion zsh)")
  fish  tavus-ten completion fish > ~/.config/fish/completions/tavus-ten.fish`;

const install = (help: Help) =>
  `\n${helpParagraph(help, "Install (generate it again after upgrading tavus-ten: the script lists this version's commands):")}\n${INSTALL_STEPS}\n` +
  `${helpParagraph(help, 'Open a new shell afterwards. --profile values are completed from your saved profiles.')}\n`;

export function registerCompletionCommand(program: Command, runtime: Runtime): void {
  addCommands(program, runtime, [completion]);
}

const completion = defineCommand({
  names: ['completion'],
  description: 'print a shell completion script',
  args: [{ name: '[shell]', description: 'the shell to print the script for', choices: SHELLS }],
  helpText: install,
  examples: [
    'tavus-ten completion bash > ~/.local/share/bash-completion/completions/tavus-ten',
    'eval "$(tavus-ten completion zsh)"',
    'tavus-ten completion fish > ~/.config/fish/completions/tavus-ten.fish',
  ],
  // Builds no context: completion works with a broken .env or config file.
  bare: true,
  handler: async ({ runtime, command }, _opts, [name]) => {
    const wanted = parseShell(name, runtime.env.SHELL);
    const [{ completionTree }, { completionScript }] = await Promise.all([import('../completion/tree.js'), import('../completion/scripts.js')]);
    runtime.io.stdout.write(completionScript(wanted, completionTree(command.parent!), packageVersion()));
  },
});

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
