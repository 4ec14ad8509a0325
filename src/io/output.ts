// Everything the CLI prints goes through here: data to stdout (json | table | ids), everything
// else to stderr. Every write is scrubbed of the secrets we know, as a last line of defence, and
// passes the terminal-safe formatter (text from a server is data, never terminal commands).
import type { ChalkInstance } from 'chalk';
import type { ErrorJson } from '../errors.js';
import { makeChalk } from './color.js';
import { redact } from './mask.js';
import { maskKeys } from './secret-fields.js';
import type { IO } from './streams.js';
import { renderTable, type Column } from './table.js';
import { looksLikeId, terminalSafe, terminalSafeJson } from './terminal-text.js';
import { ApiError, ExitCode } from '../errors.js';

/** How much of a streamed JSON array is gathered before each write to stdout. */
const STREAM_CHUNK = 64 * 1024;

/**
 * Which secret-named fields a JSON document shows in full: `showSecrets` (the user's `--show-secrets`)
 * all of them, `keep` the ones the command prints on purpose (`livekit token`'s token). Every other
 * `*api_key`, `*secret` or `*token` string is masked (src/io/secret-fields.ts).
 */
export interface JsonSecrets {
  showSecrets?: boolean;
  keep?: readonly string[];
}

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
    this.io.stdout.write(this.safe(text));
  }
  err(text: string): void {
    this.io.stderr.write(this.safe(text));
  }
  /** What out() and err() write: secrets masked, control characters escaped, our own colours (makeChalk's) kept when on. */
  private safe(text: string): string {
    return terminalSafe(redact(text, this.secrets), { keepColor: this.options.color });
  }
  /** Our own terminal control (the status line's redraw), written as it is: never pass data here. */
  control(sequence: string): void {
    this.io.stderr.write(sequence);
  }

  /**
   * One JSON document on stdout; DEL, C1 and bidi controls escaped as JSON.stringify does not. Keys
   * stored inside it are masked here, so that no command prints a Tavus object without (see JsonSecrets).
   */
  printJson(value: unknown, secrets: JsonSecrets = {}): void {
    this.out(`${terminalSafeJson(masked(value, secrets), 2)}\n`);
  }

  /**
   * A JSON array on stdout written as its items arrive, so a list of any length is never held whole:
   * the same text printJson(items) writes. If the items fail part-way, the array is left unclosed
   * (the command then fails with the error on stderr).
   */
  async printJsonArray(items: AsyncIterable<unknown>, secrets: JsonSecrets = {}): Promise<void> {
    let pending = '';
    let count = 0;
    for await (const item of items) {
      // JSON.stringify(array, null, 2) puts each item on its own lines, indented two more spaces.
      pending += `${count === 0 ? '[\n' : ',\n'}  ${terminalSafeJson(masked(item, secrets), 2).replaceAll('\n', '\n  ')}`;
      count++;
      if (pending.length >= STREAM_CHUNK) {
        await this.outWhenReady(pending);
        pending = '';
      }
    }
    await this.outWhenReady(`${pending}${count === 0 ? '[]' : '\n]'}\n`);
  }

  /** out(), then wait until stdout has taken it in (a slow reader must not make us buffer the list). */
  private async outWhenReady(text: string): Promise<void> {
    const { stdout } = this.io;
    if (stdout.write(this.safe(text))) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        stdout.off('drain', onDrain);
        stdout.off('close', onDrain);
        stdout.off('error', settle);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      stdout.on('drain', onDrain);
      stdout.on('close', onDrain);
      stdout.on('error', settle);
    });
  }

  /**
   * Ids only, one a line (-q). A value that does not look like an id (a newline would make it two,
   * a leading `-` an option under xargs) is refused: nothing is printed and the command fails.
   */
  printIds(ids: Iterable<string>): void {
    const all = [...ids];
    const odd = all.find((id) => !looksLikeId(id));
    if (odd !== undefined) {
      throw new ApiError('unexpected_response', ExitCode.failure, `The API returned an id that does not look like one (${JSON.stringify(odd.slice(0, 60))}); -q printed nothing.`, {
        status: null,
        method: 'GET',
        url: '',
        hint: 'Run the command with --json to see what the API returned.',
      });
    }
    this.out(all.map((id) => `${id}\n`).join(''));
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

  /** `key: value` lines for one object in human mode (made safe by out(), which keeps only our own colours, as table cells are). */
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
    if (this.options.json) this.err(`${terminalSafeJson({ warning: message })}\n`);
    else this.err(`${this.chalk.yellow('!')} ${message}\n`);
  }
  /** --verbose diagnostics. */
  debug(message: string): void {
    if (this.options.verbose) this.err(`${this.chalk.dim(message)}\n`);
  }

  error(error: ErrorJson): void {
    if (this.options.json) {
      this.err(`${terminalSafeJson({ error })}\n`);
      return;
    }
    this.err(`${this.chalk.red('Error:')} ${error.message}\n`);
    if (error.hint) this.err(`${this.chalk.dim('Hint:')} ${error.hint}\n`);
  }
}

function masked(value: unknown, secrets: JsonSecrets): unknown {
  return secrets.showSecrets ? value : maskKeys(value, secrets.keep);
}
