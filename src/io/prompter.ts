// Prompts only when a person is there to answer (CONTRACT "Interactivity"); otherwise a missing
// value is a usage error naming the flag. @inquirer/prompts loads only when a prompt is shown.
import { InterruptedError, UsageError } from '../errors.js';
import type { IO } from './streams.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  readonly canPrompt: boolean;
  /** `flag` names what to pass instead when nobody can answer. */
  text(opts: { message: string; flag: string; default?: string; validate?: (value: string) => string | true }): Promise<string>;
  password(opts: { message: string; flag: string }): Promise<string>;
  select<T>(opts: { message: string; flag: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  /** Without a TTY a confirmation is never assumed: the caller must have been given --yes. */
  confirm(opts: { message: string; flag?: string; default?: boolean }): Promise<boolean>;
}

export function canPrompt(opts: { io: IO; env: Record<string, string | undefined>; json: boolean; input: boolean }): boolean {
  const ci = opts.env.CI !== undefined && opts.env.CI !== '' && opts.env.CI !== 'false' && opts.env.CI !== '0';
  return opts.io.stdin.isTTY === true && opts.io.stdout.isTTY === true && !ci && !opts.json && opts.input;
}

export function createPrompter(io: IO, allowed: boolean, signal?: AbortSignal): Prompter {
  const context = { input: io.stdin, output: io.stderr, signal };
  const refuse = (flag: string, what: string): never => {
    throw new UsageError(`Missing ${what}: pass ${flag}.`, {
      hint: 'Prompts are shown only in an interactive terminal (not in CI, with --json or --no-input).',
    });
  };
  const inquirer = () => import('@inquirer/prompts');
  return {
    canPrompt: allowed,
    async text({ message, flag, default: fallback, validate }) {
      if (!allowed) return refuse(flag, message.replace(/[:?]\s*$/, '').toLowerCase());
      const { input } = await inquirer();
      return interruptible(input({ message, default: fallback, validate: validate ?? ((v) => (v.trim() === '' ? 'Required' : true)) }, context));
    },
    async password({ message, flag }) {
      if (!allowed) return refuse(flag, message.replace(/[:?]\s*$/, '').toLowerCase());
      const { password } = await inquirer();
      return interruptible(password({ message, mask: '•', validate: (v) => (v.trim() === '' ? 'Required' : true) }, context));
    },
    async select({ message, flag, choices, default: fallback }) {
      if (!allowed) return refuse(flag, message.replace(/[:?]\s*$/, '').toLowerCase());
      const { select } = await inquirer();
      return interruptible(select({ message, choices, default: fallback }, context));
    },
    async confirm({ message, flag = '--yes', default: fallback = false }) {
      if (!allowed) {
        throw new UsageError(`Refusing to continue without confirmation: pass ${flag}.`, {
          hint: 'Nothing was changed. Confirmation prompts need an interactive terminal.',
        });
      }
      const { confirm } = await inquirer();
      return interruptible(confirm({ message, default: fallback }, context));
    },
  };
}

/** Ctrl-C inside a prompt (the terminal is in raw mode, so no SIGINT) is an interruption: exit 130. */
async function interruptible<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new InterruptedError('SIGINT');
    throw error;
  }
}
