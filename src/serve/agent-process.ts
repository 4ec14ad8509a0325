// `serve --agent-command CMD`: the TEN design's "start the TEN worker for this room". One process per
// started room, run by the shell with the room and the LiveKit server in its environment, its output
// prefixed into the server's log, and stopped with SIGTERM, then SIGKILL after a grace period.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface AgentProcessOptions {
  /** A shell command line, run with `sh -c` (so `cd tenapp && ./start.sh` works). */
  command: string;
  /** The environment it starts from (the user's), before the LIVEKIT_* variables are added. */
  baseEnv: Record<string, string | undefined>;
  room: string;
  conversationId: string;
  livekit: { url: string; apiKey: string; apiSecret: string };
  /** Milliseconds between SIGTERM and SIGKILL. */
  graceMs: number;
  /** One line per output line (`[agent ROOM] …`) and per lifecycle event; the caller scrubs secrets. */
  log: (line: string) => void;
  cwd?: string;
}

export interface AgentExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: string | null;
  /** True when its process group outlived the grace period and was sent SIGKILL. */
  killed: boolean;
}

export interface AgentProcess {
  readonly pid: number | undefined;
  /** Resolves when the shell has exited, however it ended. */
  readonly exited: Promise<AgentExit>;
  /** SIGTERM to its process group, SIGKILL after the grace period; resolves once the group is gone. Idempotent. */
  stop(): Promise<AgentExit>;
}

/** The variables the agent gets on top of `baseEnv`: TEN's LiveKit settings for this one room. */
export function agentEnvironment(
  options: Pick<AgentProcessOptions, 'baseEnv' | 'room' | 'conversationId' | 'livekit'>,
): Record<string, string | undefined> {
  return {
    ...options.baseEnv,
    LIVEKIT_ROOM: options.room,
    LIVEKIT_URL: options.livekit.url,
    LIVEKIT_API_KEY: options.livekit.apiKey,
    LIVEKIT_API_SECRET: options.livekit.apiSecret,
    TAVUS_CONVERSATION_ID: options.conversationId,
  };
}

/** Whether any process of the group led by `pid` is still there (signal 0 only checks). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts CMD (execa, loaded lazily). A command that cannot start is reported through `exited` and the log, not thrown. */
export async function startAgentProcess(options: AgentProcessOptions): Promise<AgentProcess> {
  const { execa } = await import('execa');
  const prefix = `[agent ${options.room}]`;
  // Its own process group (detached): the stop signal reaches whatever the shell started, and a
  // Ctrl-C in the terminal reaches only serve, which then stops the agents in order.
  const child = execa(options.command, {
    shell: true,
    detached: true,
    cwd: options.cwd,
    env: agentEnvironment(options),
    extendEnv: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    reject: false,
    buffer: false,
  });
  for (const stream of [child.stdout, child.stderr] as Readable[]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => options.log(`${prefix} ${line}`));
  }
  options.log(`${prefix} started (pid ${child.pid ?? '?'}): ${options.command}`);

  const exited: Promise<AgentExit> = child.then((result) => {
    const signal = result.signal ?? null;
    const code = signal ? null : (result.exitCode ?? null);
    if (result.failed && code === null && signal === null) options.log(`${prefix} could not start: ${result.shortMessage}`);
    else options.log(`${prefix} exited (${signal ? `signal ${signal}` : `code ${code}`})`);
    return { code, signal, killed: false };
  });

  const signalGroup = (pid: number, signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };

  let stopping: Promise<AgentExit> | undefined;
  return {
    pid: child.pid,
    exited,
    stop() {
      stopping ??= (async () => {
        const pid = child.pid;
        if (pid === undefined || !groupAlive(pid)) return exited;
        signalGroup(pid, 'SIGTERM');
        // The shell may exit while something it started ignores SIGTERM: wait for the whole group.
        const deadline = Date.now() + options.graceMs;
        while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
        let killed = false;
        if (groupAlive(pid)) {
          killed = true;
          options.log(`${prefix} still running ${options.graceMs / 1000} s after SIGTERM: sending SIGKILL`);
          signalGroup(pid, 'SIGKILL');
        }
        return { ...(await exited), killed };
      })();
      return stopping;
    },
  };
}
