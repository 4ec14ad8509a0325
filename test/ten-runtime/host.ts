// The runtime half of the stand-in: loads an extension package the way TEN's Node.js addon loader does
// (imports its module, which registers its addon), creates the instance with the properties TEN would
// give it (the package's property.json, overridden by the graph node's, `${env:…}` substituted), drives
// the lifecycle in TEN's order (each stage waits for the previous one's done), and stands for the rest
// of the graph: it delivers commands, data and audio frames to the extension, and records what the
// extension sends, logs and answers.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseEnvPlaceholder } from '../../src/ten/placeholders.js';
import { AddonManager } from './addon.js';
import type { AudioFrame } from './audio_frame.js';
import { Cmd, CmdResult, StatusCode } from './cmd.js';
import type { Data } from './data.js';
import { TenError, TenErrorCode } from './error.js';
import type { Extension, LifecycleStage } from './extension.js';
import { LogLevel } from './log.js';
import type { Json } from './properties.js';
import { PropertyStore } from './properties.js';
import { TenEnv, type EnvBackend } from './ten_env.js';

export interface LogLine {
  level: LogLevel;
  message: string;
  category?: string;
  fields?: unknown;
}

export interface HostOptions {
  /** The addon name the package registered, e.g. `livekit_rtc`. */
  addon: string;
  /** The node's name in the graph (default: the addon name). */
  name?: string;
  /** The package's property.json (defaults), as a path; the node's properties override it. */
  propertyFile?: string;
  /** The graph node's `property` object. */
  property?: Record<string, unknown>;
  /** Variables for `${env:…}` (default: process.env). A required one that is unset fails, as in TEN. */
  env?: Record<string, string | undefined>;
  /** Answers the extension's commands (default: OK for every command). */
  answer?: (cmd: Cmd) => CmdResult;
  /** Print the extension's logs to stderr as they come (debug). */
  echoLogs?: boolean;
}

/** One running extension and the graph around it. Events: `audio_frame`, `data`, `cmd`, `log`. */
export class ExtensionHost extends EventEmitter {
  readonly audioFrames: AudioFrame[] = [];
  readonly data: Data[] = [];
  readonly cmds: Cmd[] = [];
  readonly logs: LogLine[] = [];
  /** Lifecycle stages reported done, in order. */
  readonly stages: LifecycleStage[] = [];
  readonly env: TenEnv;
  private readonly pendingResults = new Map<Cmd, (result: CmdResult) => void>();

  private constructor(
    readonly name: string,
    private readonly extension: Extension,
    env: TenEnv,
  ) {
    super();
    this.env = env;
  }

  /** Creates the instance and runs onConfigure and onInit. Throws when the addon was never registered. */
  static async create(options: HostOptions): Promise<ExtensionHost> {
    const name = options.name ?? options.addon;
    const properties = new PropertyStore();
    const defaults = options.propertyFile ? (JSON.parse(readFileSync(options.propertyFile, 'utf8')) as Record<string, Json>) : {};
    properties.set('', substitute({ ...defaults, ...(options.property as Record<string, Json> | undefined) }, options.env ?? process.env) as Json);

    let host: ExtensionHost | undefined;
    const backend: EnvBackend = {
      properties,
      sendCmd: (cmd) => host!.receiveCmd(cmd),
      sendData: (data) => host!.receive('data', data, host!.data),
      sendAudioFrame: (frame) => host!.receive('audio_frame', frame, host!.audioFrames),
      returnResult: (result) => host!.receiveResult(result),
      log: (level, message, category, fields) => host!.receiveLog({ level, message, category, fields }, options.echoLogs === true),
    };
    const env = new TenEnv(backend);
    const addon = AddonManager.getInstance().create(options.addon);
    if (!addon) throw new Error(`no addon registered as ${options.addon}: import the extension's module first`);
    const extension = await new Promise<Extension>((resolve) => {
      void (addon as unknown as { onCreateInstanceProxy: (env: TenEnv, name: string, done: (e: Extension) => void) => Promise<void> }).onCreateInstanceProxy(env, name, resolve);
    });
    host = new ExtensionHost(name, extension, env);
    host.answer = options.answer ?? ((cmd) => CmdResult.Create(StatusCode.OK, cmd));
    await host.stage('configure');
    await host.stage('init');
    return host;
  }

  private answer: (cmd: Cmd) => CmdResult = (cmd) => CmdResult.Create(StatusCode.OK, cmd);

  /** Runs onStart (TEN starts delivering messages once it is done). */
  async start(): Promise<void> {
    await this.stage('start');
  }

  /** Runs onStop, then onDeinit. */
  async stop(): Promise<void> {
    if (this.stages.includes('start') && !this.stages.includes('stop')) await this.stage('stop');
    if (!this.stages.includes('deinit')) await this.stage('deinit');
  }

  /** Delivers a command as another extension would, and resolves with the extension's result. */
  async sendCmd(cmd: Cmd, from = 'main_control'): Promise<CmdResult> {
    this.requireStarted();
    cmd._source.extensionName = from;
    const result = new Promise<CmdResult>((resolve) => this.pendingResults.set(cmd, resolve));
    await this.call('onCmdProxy', cmd);
    return result;
  }

  async sendData(data: Data, from = 'main_control'): Promise<void> {
    this.requireStarted();
    data._source.extensionName = from;
    await this.call('onDataProxy', data);
  }

  async sendAudioFrame(frame: AudioFrame, from = 'tts'): Promise<void> {
    this.requireStarted();
    frame._source.extensionName = from;
    await this.call('onAudioFrameProxy', frame);
  }

  /** The log lines at `level` or above, as text. */
  logText(level = LogLevel.DEBUG): string {
    return this.logs.filter((line) => line.level >= level).map((line) => `${LogLevel[line.level]} ${line.message}`).join('\n');
  }

  private requireStarted(): void {
    if (!this.stages.includes('start') || this.stages.includes('stop')) throw new Error(`${this.name} is not started: TEN delivers messages between onStart's done and onStop`);
  }

  private async stage(stage: LifecycleStage): Promise<void> {
    const proxy = `on${stage[0]!.toUpperCase()}${stage.slice(1)}Proxy`;
    await new Promise<void>((resolve, reject) => {
      const backend = { done: (done: LifecycleStage) => (this.stages.push(done), resolve()) };
      (this.extension as unknown as Record<string, (env: TenEnv, backend: unknown) => Promise<void>>)[proxy]!.call(this.extension, this.env, backend).catch(reject);
    });
  }

  private async call(proxy: string, message: unknown): Promise<void> {
    await (this.extension as unknown as Record<string, (env: TenEnv, message: unknown) => Promise<void>>)[proxy]!.call(this.extension, this.env, message);
  }

  private receive<T>(event: string, message: T, list: T[]): TenError | undefined {
    list.push(message);
    this.emit(event, message);
    return undefined;
  }

  private async receiveCmd(cmd: Cmd): Promise<[CmdResult | undefined, TenError | undefined]> {
    this.cmds.push(cmd);
    this.emit('cmd', cmd);
    return [this.answer(cmd), undefined];
  }

  private receiveResult(result: CmdResult): TenError | undefined {
    const resolve = this.pendingResults.get(result._target);
    if (!resolve) return new TenError(TenErrorCode.ErrorCodeInvalidArgument, 'returnResult for a command this extension never received');
    if (result.isFinal()) this.pendingResults.delete(result._target);
    resolve(result);
    return undefined;
  }

  private receiveLog(line: LogLine, echo: boolean): void {
    this.logs.push(line);
    if (echo) process.stderr.write(`[${this.name}] ${LogLevel[line.level]} ${line.message}\n`);
    this.emit('log', line);
  }
}

/** TEN's `${env:VAR|default}` substitution over a property document. */
function substitute(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    const placeholder = parseEnvPlaceholder(value);
    if (!placeholder) return value;
    const set = env[placeholder.variable];
    if (set !== undefined) return set;
    if (placeholder.defaultValue !== undefined) return placeholder.defaultValue;
    throw new Error(`environment variable ${placeholder.variable} is not set (TEN stops loading the graph)`);
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, env));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, env)]));
  return value;
}
