// Extension (interface/extension.ts): the lifecycle an extension overrides. As in TEN, the runtime
// calls the private *Proxy methods, and each lifecycle proxy reports its stage done (TEN's
// ten_nodejs_ten_env_on_*_done) once the override's promise settles.
import type { AudioFrame } from './audio_frame.js';
import type { Cmd } from './cmd.js';
import type { Data } from './data.js';
import type { TenEnv } from './ten_env.js';

export type LifecycleStage = 'configure' | 'init' | 'start' | 'stop' | 'deinit';

/** @internal how the stand-in learns a stage is done. */
export interface LifecycleBackend {
  done(stage: LifecycleStage): void;
}

export abstract class Extension {
  /** @internal */
  readonly _name: string;

  constructor(name: string) {
    this._name = name;
  }

  private async onConfigureProxy(tenEnv: TenEnv, backend: LifecycleBackend): Promise<void> {
    await this.onConfigure(tenEnv);
    backend.done('configure');
  }

  private async onInitProxy(tenEnv: TenEnv, backend: LifecycleBackend): Promise<void> {
    await this.onInit(tenEnv);
    backend.done('init');
  }

  private async onStartProxy(tenEnv: TenEnv, backend: LifecycleBackend): Promise<void> {
    await this.onStart(tenEnv);
    backend.done('start');
  }

  private async onStopProxy(tenEnv: TenEnv, backend: LifecycleBackend): Promise<void> {
    await this.onStop(tenEnv);
    backend.done('stop');
  }

  private async onDeinitProxy(tenEnv: TenEnv, backend: LifecycleBackend): Promise<void> {
    await this.onDeinit(tenEnv);
    backend.done('deinit');
  }

  private async onCmdProxy(tenEnv: TenEnv, cmd: Cmd): Promise<void> {
    await this.onCmd(tenEnv, cmd);
  }

  private async onDataProxy(tenEnv: TenEnv, data: Data): Promise<void> {
    await this.onData(tenEnv, data);
  }

  private async onAudioFrameProxy(tenEnv: TenEnv, frame: AudioFrame): Promise<void> {
    await this.onAudioFrame(tenEnv, frame);
  }

  async onConfigure(_tenEnv: TenEnv): Promise<void> {}
  async onInit(_tenEnv: TenEnv): Promise<void> {}
  async onStart(_tenEnv: TenEnv): Promise<void> {}
  async onStop(_tenEnv: TenEnv): Promise<void> {}
  async onDeinit(_tenEnv: TenEnv): Promise<void> {}
  async onCmd(_tenEnv: TenEnv, _cmd: Cmd): Promise<void> {}
  async onData(_tenEnv: TenEnv, _data: Data): Promise<void> {}
  async onAudioFrame(_tenEnv: TenEnv, _frame: AudioFrame): Promise<void> {}
  async onVideoFrame(_tenEnv: TenEnv, _frame: unknown): Promise<void> {}
}
