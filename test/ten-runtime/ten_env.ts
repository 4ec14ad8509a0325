// TenEnv (interface/ten_env.ts): what an extension sees of the runtime. Same method names, argument
// order and `[value, err]` results as TEN's; the native calls behind them go to an EnvBackend, which
// the stand-in's host (host.ts) implements.
import type { AudioFrame } from './audio_frame.js';
import type { Cmd, CmdResult } from './cmd.js';
import type { Data } from './data.js';
import type { TenError } from './error.js';
import { DefaultLogOption, LogLevel, type LogOption, type SendOptions } from './log.js';
import type { PropertyStore } from './properties.js';

/** @internal what the runtime does for a TenEnv. */
export interface EnvBackend {
  properties: PropertyStore;
  sendCmd(cmd: Cmd): Promise<[CmdResult | undefined, TenError | undefined]>;
  sendData(data: Data): TenError | undefined;
  sendAudioFrame(frame: AudioFrame): TenError | undefined;
  returnResult(result: CmdResult): TenError | undefined;
  log(level: LogLevel, message: string, category: string | undefined, fields: unknown): void;
}

export class TenEnv {
  /** @internal */
  readonly _backend: EnvBackend;

  /** @internal TEN creates TenEnv natively; extensions never construct one. */
  constructor(backend: EnvBackend) {
    this._backend = backend;
  }

  async sendCmd(cmd: Cmd): Promise<[CmdResult | undefined, TenError | undefined]> {
    return this._backend.sendCmd(cmd);
  }

  async sendData(data: Data, _options?: SendOptions): Promise<TenError | undefined> {
    return this._backend.sendData(data);
  }

  async sendAudioFrame(audioFrame: AudioFrame, _options?: SendOptions): Promise<TenError | undefined> {
    return this._backend.sendAudioFrame(audioFrame);
  }

  async returnResult(cmdResult: CmdResult, _options?: SendOptions): Promise<TenError | undefined> {
    return this._backend.returnResult(cmdResult);
  }

  async isPropertyExist(path: string): Promise<boolean> {
    return this._backend.properties.get(path) !== undefined;
  }

  async getPropertyToJson(path: string): Promise<[string, TenError | undefined]> {
    return this._backend.properties.toJson(path);
  }

  async setPropertyFromJson(path: string, jsonStr: string): Promise<TenError | undefined> {
    return this._backend.properties.setFromJson(path, jsonStr);
  }

  async getPropertyNumber(path: string): Promise<[number, TenError | undefined]> {
    return this._backend.properties.number(path);
  }

  async setPropertyNumber(path: string, value: number): Promise<TenError | undefined> {
    return this._backend.properties.set(path, value);
  }

  async getPropertyString(path: string): Promise<[string, TenError | undefined]> {
    return this._backend.properties.string(path);
  }

  async setPropertyString(path: string, value: string): Promise<TenError | undefined> {
    return this._backend.properties.set(path, value);
  }

  async initPropertyFromJson(jsonStr: string): Promise<TenError | undefined> {
    return this._backend.properties.setFromJson('', jsonStr);
  }

  logDebug(message: string, category?: string, fields?: Record<string, unknown>, option: LogOption = DefaultLogOption): TenError | undefined {
    return this.log(LogLevel.DEBUG, message, category, fields, option);
  }

  logInfo(message: string, category?: string, fields?: Record<string, unknown>, option: LogOption = DefaultLogOption): TenError | undefined {
    return this.log(LogLevel.INFO, message, category, fields, option);
  }

  logWarn(message: string, category?: string, fields?: Record<string, unknown>, option: LogOption = DefaultLogOption): TenError | undefined {
    return this.log(LogLevel.WARN, message, category, fields, option);
  }

  logError(message: string, category?: string, fields?: Record<string, unknown>, option: LogOption = DefaultLogOption): TenError | undefined {
    return this.log(LogLevel.ERROR, message, category, fields, option);
  }

  log(level: LogLevel, message: string, category?: string, fields?: Record<string, unknown>, _option: LogOption = DefaultLogOption): TenError | undefined {
    this._backend.log(level, message, category, fields);
    return undefined;
  }
}
