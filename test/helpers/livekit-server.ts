// The real LiveKit server (built by scripts/install-livekit-server.sh) for the livekit test tier:
// started on 127.0.0.1 with free ports and its own key pair, waited for, and stopped.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { tierAvailable } from './tier.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The pinned server binary, from LIVEKIT_SERVER_BIN or the install script's cache; undefined when absent. */
export function livekitServerBinary(): string | undefined {
  if (process.env.LIVEKIT_SERVER_BIN) return existsSync(process.env.LIVEKIT_SERVER_BIN) ? process.env.LIVEKIT_SERVER_BIN : undefined;
  try {
    // The script prints the cached path without building when the binary is there; --check never builds.
    const path = execFileSync('bash', [resolve(ROOT, 'scripts/install-livekit-server.sh'), '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the livekit tier runs here (skips with a notice, or fails under .ci/run, when the server is missing). */
export function livekitTierAvailable(): boolean {
  return tierAvailable('livekit', livekitServerBinary() ? undefined : 'the LiveKit server is not built: run scripts/install-livekit-server.sh (needs Go)');
}

export interface LivekitServer {
  /** ws://127.0.0.1:PORT */
  url: string;
  /** http://127.0.0.1:PORT, for RoomService */
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Everything the server printed (warnings and errors only). */
  log: () => string;
  stop: () => Promise<void>;
}

async function freeTcpPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function freeUdpPort(): Promise<number> {
  return new Promise((done, fail) => {
    const socket = createSocket('udp4');
    socket.once('error', fail);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}

/**
 * Starts livekit-server on 127.0.0.1: HTTP/WebSocket and ICE/TCP on free TCP ports, one ICE/UDP port
 * (single-port mode, so parallel servers never share a range), keys `apiKey: apiSecret` (the secret is
 * at least 32 characters, as the server requires). Resolves when it answers on HTTP; rejects with its
 * log when it exits or is not ready within 20 s.
 */
export async function startLivekitServer(options: { apiKey?: string; apiSecret?: string } = {}): Promise<LivekitServer> {
  const binary = livekitServerBinary();
  if (!binary) throw new Error('livekit-server is not built: run scripts/install-livekit-server.sh');
  const apiKey = options.apiKey ?? 'APItavustentest';
  const apiSecret = options.apiSecret ?? 'tavus-ten-test-secret-0123456789abcdef';
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, apiKey, apiSecret);
    } catch (error) {
      // A port found free can be taken by another process (a parallel test file) before the server binds it.
      if (error instanceof PortTakenError && attempt < 3) continue;
      throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startOnce(binary: string, apiKey: string, apiSecret: string): Promise<LivekitServer> {
  const [port, tcpPort, udpPort] = [await freeTcpPort(), await freeTcpPort(), await freeUdpPort()];
  const config = [
    `port: ${port}`,
    'bind_addresses: ["127.0.0.1"]',
    'rtc:',
    `  tcp_port: ${tcpPort}`,
    `  udp_port: ${udpPort}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    'keys:',
    `  ${apiKey}: ${apiSecret}`,
    'logging:',
    '  level: warn',
  ].join('\n');
  let output = '';
  const child: ChildProcess = spawn(binary, ['--config-body', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const httpUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) {
      const message = `livekit-server exited (${child.exitCode}):\n${output}`;
      throw /address already in use/.test(output) ? new PortTakenError(message) : new Error(message);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`livekit-server was not ready within 20 s:\n${output}`);
    }
    ready = await fetch(httpUrl).then((response) => response.ok, () => false);
    if (!ready) await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey,
    apiSecret,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
