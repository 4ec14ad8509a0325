// Data (interface/msg/data.ts): a named message with properties and an optional buffer.
import { Msg } from './msg.js';

export class Data extends Msg {
  private _buf = new ArrayBuffer(0);

  private constructor(name: string) {
    super(name);
  }

  static Create(name: string): Data {
    return new Data(name);
  }

  allocBuf(size: number): void {
    this._buf = new ArrayBuffer(size);
  }

  lockBuf(): ArrayBuffer {
    return this._buf;
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  unlockBuf(_buf: ArrayBuffer): void {}

  getBuf(): ArrayBuffer {
    return this._buf.slice(0);
  }
}
