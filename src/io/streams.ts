// The three streams a command may touch, so tests can run the CLI in-process with captured ones.
import type { Readable, Writable } from 'node:stream';

export interface TtyAware {
  isTTY?: boolean;
  columns?: number;
}
export interface IO {
  stdin: Readable & TtyAware;
  stdout: Writable & TtyAware;
  stderr: Writable & TtyAware;
}

/** The process's own streams, each made on first use: Node builds a stream (for a terminal, a tty and readline) on first read of process.stdin, stdout or stderr, and most commands never read stdin. */
export function processIO(): IO {
  return {
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
  };
}

/**
 * Resolves once everything written to `stream` before the call has been handed to the system, or the
 * stream failed or was closed: a write's callback runs after the writes queued before it. Never rejects.
 */
export function flushed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write('', () => resolve());
  });
}
