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

export function processIO(): IO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
