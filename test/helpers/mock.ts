// `tavus-ten mock` as a separate process, as a user (or another Tavus client) meets it: the built CLI
// with --json, its base URL and key read from stdout, stopped with Ctrl-C.
import type { ResultPromise } from 'execa';
import { startCli } from './cli.js';
import { waitFor } from './wait.js';

export interface RunningMock {
  /** e.g. http://127.0.0.1:PORT (clients add /v2). */
  baseUrl: string;
  apiKey: string;
  timeScale: number;
  child: ResultPromise;
  /** A /v2 call with the mock's key: status and parsed JSON (undefined for an empty body). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** POST /__emulator/clock/advance. */
  advance(seconds: number): Promise<void>;
  /** Every /v2 request the emulator received (GET /__emulator/requests). */
  requests(): Promise<{ method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: any; status: number }[]>;
  /** Ctrl-C; resolves with the exit code (130). */
  stop(): Promise<number>;
}

/**
 * Starts `tavus-ten mock --json …args`; rejects with its stderr if it exits before listening. `timeoutMs`
 * bounds the whole run (a file whose tests all use one mock may need more than the default).
 */
export async function startMock(args: string[] = [], env: Record<string, string> = {}, options: { timeoutMs?: number } = {}): Promise<RunningMock> {
  const child = startCli(['mock', '--json', ...args], { env, timeoutMs: options.timeoutMs ?? 120_000 });
  let stdout = '';
  let exited: string | undefined;
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  void child.then((result) => (exited = `tavus-ten mock exited with ${result.exitCode} before listening:\n${String(result.stderr)}`));
  const info = await waitFor(() => {
    try {
      return JSON.parse(stdout) as { base_url: string; api_key: string; time_scale: number };
    } catch {
      if (exited !== undefined) throw new Error(exited);
      return undefined;
    }
  }, 'tavus-ten mock to listen');
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.base_url}/v2${path}`, {
      method,
      headers: { 'x-api-key': info.api_key, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    baseUrl: info.base_url,
    apiKey: info.api_key,
    timeScale: info.time_scale,
    child,
    api,
    async advance(seconds) {
      const response = await fetch(`${info.base_url}/__emulator/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
      if (!response.ok) throw new Error(`clock advance answered ${response.status}`);
    },
    requests: async () => (await (await fetch(`${info.base_url}/__emulator/requests`)).json()) as never,
    async stop() {
      child.kill('SIGINT');
      return (await child).exitCode ?? -1;
    },
  };
}
