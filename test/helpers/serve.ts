// Runs the built `tavus-ten serve` as a child process and hands back its URL once it listens.
import type { ResultPromise } from 'execa';
import { startCli, type CliOptions } from './cli.js';

export interface RunningServe {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  child: ResultPromise;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/** Starts `serve --port 0 …args`; rejects with its output if it exits before printing its URL. */
export async function startServe(args: string[], options: CliOptions = {}): Promise<RunningServe> {
  const child = startCli(['serve', '--port', '0', ...args], { timeoutMs: 120_000, ...options });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      // A URL line in human mode, the "url" field under --json.
      const line = /^(http:\/\/\S+?)\/?\n/m.exec(out) ?? /"url": "(http:\/\/[^"]+?)\/?"/.exec(out);
      if (line) {
        child.stdout!.off('data', check);
        resolve(line[1]!);
      }
    };
    child.stdout!.on('data', check);
    void child.then((result) => reject(new Error(`serve exited with ${result.exitCode} before listening:\n${String(result.stderr)}`)));
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGINT') {
      child.kill(signal);
      const result = await child;
      return result.exitCode ?? -1;
    },
  };
}

/** What serve answered: the TEN envelope parsed, and the raw text and headers. */
export interface ServeAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: { code: string; msg: string; data: any };
}

/** A POST to a running serve (JSON unless the body is a string, sent as is). */
export async function post(base: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ServeAnswer> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as ServeAnswer['json'] };
}
