// A one-line live status on stderr: a spinner redrawn in place on a TTY, nothing otherwise (callers
// print plain lines instead). Anything else written meanwhile goes through `print`, which clears
// the line first so the two never interleave.
import type { Output } from './output.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class StatusLine {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private drawn = false;

  constructor(
    private readonly output: Output,
    private readonly render: () => string,
    private readonly intervalMs = 100,
  ) {}

  /** Spinners only on a TTY, and never under --json or -q. */
  static enabledFor(output: Output): boolean {
    return output.stderrIsTTY && !output.json && !output.quiet;
  }

  start(): void {
    if (this.timer) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes a line of text above the status line. */
  print(text: string): void {
    this.clear();
    this.output.err(text.endsWith('\n') ? text : `${text}\n`);
    if (this.timer) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    const spinner = this.output.chalk.cyan(FRAMES[this.frame++ % FRAMES.length]!);
    this.output.control('\r\x1b[2K');
    this.output.err(`${spinner} ${this.render()}`);
    this.drawn = true;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.output.control('\r\x1b[2K');
    this.drawn = false;
  }
}
