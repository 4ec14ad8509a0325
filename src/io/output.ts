// Everything the CLI prints goes through here: data to stdout (json | table | ids), everything
// else to stderr. Every write is scrubbed of the secrets we know, as a last line of defence.
import type { ChalkInstance } from 'chalk';
import type { ErrorJson } from '../errors.js';
import { makeChalk } from './color.js';
import { redact } from './mask.js';
import type { IO } from './streams.js';
import { renderTable, type Column } from './table.js';

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
  verbose: boolean;
}

export class Output {
  readonly chalk: ChalkInstance;
  private readonly secrets: string[] = [];

  constructor(
    private readonly io: IO,
    readonly options: OutputOptions,
    /** Also told every secret, for whoever prints outside this object (main.ts's error printer). */
    private readonly sharedSecrets?: Set<string>,
  ) {
    this.chalk = makeChalk(options.color);
  }

  get json(): boolean {
    return this.options.json;
  }
  get quiet(): boolean {
    return this.options.quiet;
  }
  get stdoutIsTTY(): boolean {
    return this.io.stdout.isTTY === true;
  }
  get stderrIsTTY(): boolean {
    return this.io.stderr.isTTY === true;
  }

  /** Secrets registered here never leave the process in full through this object. */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 6 && !this.secrets.includes(secret)) {
      this.secrets.push(secret);
      this.sharedSecrets?.add(secret);
    }
  }

  out(text: string): void {
    this.io.stdout.write(redact(text, this.secrets));
  }
  err(text: string): void {
    this.io.stderr.write(redact(text, this.secrets));
  }

  /** One JSON document on stdout. */
  printJson(value: unknown): void {
    this.out(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Ids only, one a line (-q). */
  printIds(ids: Iterable<string>): void {
    let text = '';
    for (const id of ids) text += `${id}\n`;
    this.out(text);
  }

  printTable<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
    this.out(
      renderTable(rows, columns, {
        tty: this.stdoutIsTTY,
        width: this.io.stdout.columns,
        bold: (s) => this.chalk.bold(s),
      }),
    );
  }

  /** `key: value` lines for one object in human mode. */
  printFields(fields: ReadonlyArray<readonly [string, unknown]>): void {
    const shown = fields.filter(([, value]) => value !== undefined && value !== null && value !== '');
    const width = Math.max(...shown.map(([label]) => label.length));
    this.out(shown.map(([label, value]) => `${this.chalk.dim(`${label}:`.padEnd(width + 1))} ${String(value)}`).join('\n') + '\n');
  }

  /** Progress and status for people: stderr, silent under -q and --json. */
  info(message: string): void {
    if (!this.options.quiet && !this.options.json) this.err(`${message}\n`);
  }
  success(message: string): void {
    if (!this.options.quiet && !this.options.json) this.err(`${this.chalk.green('✓')} ${message}\n`);
  }
  warn(message: string): void {
    if (this.options.json) this.err(`${JSON.stringify({ warning: message })}\n`);
    else this.err(`${this.chalk.yellow('!')} ${message}\n`);
  }
  /** --verbose diagnostics. */
  debug(message: string): void {
    if (this.options.verbose) this.err(`${this.chalk.dim(message)}\n`);
  }

  error(error: ErrorJson): void {
    if (this.options.json) {
      this.err(`${JSON.stringify({ error })}\n`);
      return;
    }
    this.err(`${this.chalk.red('Error:')} ${error.message}\n`);
    if (error.hint) this.err(`${this.chalk.dim('Hint:')} ${error.hint}\n`);
  }
}
