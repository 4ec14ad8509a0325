// The checklist people read (symbols, colour on a TTY, plain when piped) and the JSON scripts read.
import type { ChalkInstance } from 'chalk';
import { formatTiming } from '../../durations.js';
import type { CheckResult, CheckStatus } from './checks.js';

const SYMBOLS: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };

export interface RenderOptions {
  chalk: ChalkInstance;
  /** Print each check's duration (smoke). */
  durations?: boolean;
  /** Group headings (doctor); smoke lists its steps in order. */
  groups?: boolean;
}

function paint(chalk: ChalkInstance, status: CheckStatus, text: string): string {
  switch (status) {
    case 'pass':
      return chalk.green(text);
    case 'warn':
      return chalk.yellow(text);
    case 'fail':
      return chalk.red(text);
    case 'skip':
      return chalk.dim(text);
  }
}

export function renderChecklist(results: readonly CheckResult[], options: RenderOptions): string {
  const { chalk } = options;
  const idWidth = Math.max(0, ...results.map((result) => result.id.length));
  const durationWidth = options.durations ? Math.max(0, ...results.map((result) => formatTiming(result.durationMs).length)) : 0;
  const indent = ' '.repeat(4 + idWidth + 2 + (options.durations ? durationWidth + 2 : 0));
  const lines: string[] = [];
  let group: string | undefined;
  for (const result of results) {
    if (options.groups && result.group !== group) {
      if (group !== undefined) lines.push('');
      group = result.group;
      lines.push(chalk.bold(group));
    }
    const duration = options.durations ? `${chalk.dim(formatTiming(result.durationMs).padStart(durationWidth))}  ` : '';
    lines.push(`  ${paint(chalk, result.status, SYMBOLS[result.status])} ${result.id.padEnd(idWidth)}  ${duration}${result.message}`);
    if (result.hint && result.status !== 'pass') lines.push(`${indent}${chalk.dim('↳')} ${result.hint}`);
  }
  return `${lines.join('\n')}\n`;
}

export function summarize(results: readonly CheckResult[], chalk: ChalkInstance): string {
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  const failed = count('fail');
  const warned = count('warn');
  const parts = [
    failed > 0 ? chalk.red(`${failed} failed`) : undefined,
    warned > 0 ? chalk.yellow(`${warned} warning${warned === 1 ? '' : 's'}`) : undefined,
    `${count('pass')} passed`,
    count('skip') > 0 ? `${count('skip')} skipped` : undefined,
  ].filter(Boolean);
  return parts.join(', ');
}

export interface CheckJson {
  id: string;
  status: CheckStatus;
  message: string;
  hint: string | null;
}

export function checkJson(result: CheckResult): CheckJson {
  return { id: result.id, status: result.status, message: result.message, hint: result.hint };
}
