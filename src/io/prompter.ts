// Prompts only when a person is there to answer (CONTRACT "Interactivity"); otherwise a missing
// value is a usage error naming the flag. @inquirer/prompts loads only when a prompt is shown.
import { InterruptedError, UsageError } from '../errors.js';
import type { IO } from './streams.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/**
 * Asks, or (canPrompt false) refuses naming the flag to pass instead. `whyNot`, set exactly when nothing
 * can be asked (`--no-input was given`), is for a hint's "because …".
 */
export type Prompter = PromptCalls & ({ readonly canPrompt: true; readonly whyNot?: undefined } | { readonly canPrompt: false; readonly whyNot: string });

interface PromptCalls {
  /** `flag` names what to pass instead when nobody can answer. */
  text(opts: { message: string; flag: string; default?: string; validate?: (value: string) => string | true }): Promise<string>;
  password(opts: { message: string; flag: string }): Promise<string>;
  select<T>(opts: { message: string; flag: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  /** Without a TTY a confirmation is never assumed: the caller must have been given --yes. */
  confirm(opts: { message: string; flag?: string; default?: boolean }): Promise<boolean>;
}

type PromptConditions = { io: IO; env: Record<string, string | undefined>; json: boolean; input: boolean };

/** Why nobody is asked, in the user's own terms (the flag they gave first): undefined when prompts are on. */
export function whyNoPrompts(opts: PromptConditions): string | undefined {
  if (!opts.input) return '--no-input was given';
  if (opts.json) return '--json was given';
  const ci = opts.env.CI !== undefined && opts.env.CI !== '' && opts.env.CI !== 'false' && opts.env.CI !== '0';
  if (ci) return `CI is set (CI=${opts.env.CI})`;
  if (opts.io.stdin.isTTY !== true || opts.io.stdout.isTTY !== true) return 'this is not an interactive terminal';
  return undefined;
}

/** `whyNot` (from whyNoPrompts): undefined when prompts are on, else the reason errors give for asking nothing. */
export function createPrompter(io: IO, whyNot: string | undefined, signal?: AbortSignal): Prompter {
  const allowed = whyNot === undefined;
  const ask = <T>(show: (context: PromptContext) => Promise<T>) => interruptible(io, signal, show);
  const refuse = (flag: string, what: string): never => {
    throw new UsageError(`Missing ${what}: pass ${flag}.`, {
      hint: `Nothing was asked because ${whyNot} (prompts need an interactive terminal, without CI, --json or --no-input).`,
    });
  };
  const inquirer = () => import('@inquirer/prompts');
  return {
    ...(whyNot === undefined ? { canPrompt: true as const } : { canPrompt: false as const, whyNot }),
    async text({ message, flag, default: fallback, validate }) {
      if (!allowed) return refuse(flag, message.replace(/[:?]\s*$/, '').toLowerCase());
      const { input } = await inquirer();
      return ask((context) => input({ message, default: fallback, validate: validate ?? ((v) => (v.trim() === '' ? 'Required' : true)) }, context));
    },
    async password({ message, flag }) {
      if (!allowed) return refuse(flag, message.replace(/[:?]\s*$/, '').toLowerCase());
      const { password } = await inquirer();
      return ask((context) => password({ message, mask: '•', validate: (v) => (v.trim() === '' ? 'Required' : true) }, context));
    },
    async select({ message, flag, choices, default: fallback }) {
      if (!allowed) return refuse(flag, message.replace(/[:?]\s*$/, '').toLowerCase());
      const { select } = await inquirer();
      return ask((context) => select({ message, choices, default: fallback }, context));
    },
    async confirm({ message, flag = '--yes', default: fallback = false }) {
      if (!allowed) {
        throw new UsageError(`Refusing to continue without confirmation: pass ${flag}.`, {
          hint: `Nothing was changed. Nothing was asked because ${whyNot} (prompts need an interactive terminal, without CI, --json or --no-input).`,
        });
      }
      const { confirm } = await inquirer();
      return ask((context) => confirm({ message, default: fallback }, context));
    },
  };
}

/** inquirer's context for one prompt (input, output, signal, and whether it erases itself when it ends). */
interface PromptContext {
  input: IO['stdin'];
  output: IO['stderr'];
  signal?: AbortSignal;
  readonly clearPromptOnDone: boolean;
}

/**
 * Shows one prompt. Ctrl-C inside it (the terminal is in raw mode, so no SIGINT) is an interruption:
 * exit 130. An answered question stays on screen as its one-line summary; an interrupted one is
 * erased by inquirer itself (clearPromptOnDone, read as the prompt ends), so no half-drawn menu is
 * left above "Interrupted.".
 */
async function interruptible<T>(io: IO, signal: AbortSignal | undefined, show: (context: PromptContext) => Promise<T>): Promise<T> {
  let interrupted = false;
  const onKeypress = (_text: unknown, key?: { ctrl?: boolean; name?: string }) => {
    if (key?.ctrl === true && key.name === 'c') interrupted = true;
  };
  io.stdin.on('keypress', onKeypress);
  try {
    return await show({
      input: io.stdin,
      output: io.stderr,
      signal,
      get clearPromptOnDone() {
        return interrupted || signal?.aborted === true;
      },
    });
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new InterruptedError('SIGINT');
    throw error;
  } finally {
    io.stdin.off('keypress', onKeypress);
  }
}
