// A completion script for one shell, generated from the command tree: bash.ts, zsh.ts and fish.ts
// write them, from what they share in shared.ts.
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { SHELLS, type Shell } from './shared.js';
import type { CompletionTree } from './tree.js';
import { zshScript } from './zsh.js';

export { SHELLS, type Shell };

export function completionScript(shell: Shell, tree: CompletionTree, version: string): string {
  switch (shell) {
    case 'bash':
      return bashScript(tree, version);
    case 'zsh':
      return zshScript(tree, version);
    case 'fish':
      return fishScript(tree, version);
  }
}
