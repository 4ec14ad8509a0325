// Colour on only for a TTY, unless NO_COLOR, --no-color or TERM=dumb say no, or FORCE_COLOR says yes.
import { Chalk, type ChalkInstance } from 'chalk';
import { ownStyles } from './terminal-text.js';

export function colorEnabled(opts: { flag: boolean | undefined; env: Record<string, string | undefined>; isTTY: boolean }): boolean {
  const { env } = opts;
  if (opts.flag === false) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return opts.isTTY;
}

/** Our styler: its codes reach the terminal only through terminalSafe({ keepColor }) (see ownStyles). */
export function makeChalk(enabled: boolean): ChalkInstance {
  return ownStyles(new Chalk({ level: enabled ? 1 : 0 }));
}
