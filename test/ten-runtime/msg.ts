// Msg and Loc (interface/msg/msg.ts, interface/loc.ts): a named message with destinations and
// properties; getters return `[value, err]` as TEN's do.
import type { TenError } from './error.js';
import { PropertyStore } from './properties.js';

export class Loc {
  public appUri?: string;
  public graphId?: string;
  public extensionName?: string;

  constructor(init: Partial<Loc> = {}) {
    Object.assign(this, init);
  }
}

export class Msg {
  /** @internal the stand-in's state; TEN keeps it in the native message. */
  _name: string;
  /** @internal */
  _source = new Loc();
  /** @internal */
  _dests: Loc[] = [];
  /** @internal */
  _properties = new PropertyStore();
  private _buffers = new Map<string, ArrayBuffer>();

  protected constructor(name: string) {
    this._name = name;
  }

  getName(): string {
    return this._name;
  }

  getSource(): Loc {
    return new Loc(this._source);
  }

  setDests(dests: Partial<Loc>[]): TenError | undefined {
    this._dests = dests.map((dest) => new Loc(dest));
    return undefined;
  }

  setPropertyFromJson(path: string, jsonStr: string): TenError | undefined {
    return this._properties.setFromJson(path, jsonStr);
  }

  getPropertyToJson(path: string): [string, TenError | undefined] {
    return this._properties.toJson(path);
  }

  setPropertyNumber(path: string, value: number): TenError | undefined {
    return this._properties.set(path, value);
  }

  getPropertyNumber(path: string): [number, TenError | undefined] {
    return this._properties.number(path);
  }

  setPropertyString(path: string, value: string): TenError | undefined {
    return this._properties.set(path, value);
  }

  getPropertyString(path: string): [string, TenError | undefined] {
    return this._properties.string(path);
  }

  setPropertyBool(path: string, value: boolean): TenError | undefined {
    return this._properties.set(path, value);
  }

  getPropertyBool(path: string): [boolean, TenError | undefined] {
    return this._properties.bool(path);
  }

  setPropertyBuf(path: string, value: ArrayBuffer): TenError | undefined {
    this._buffers.set(path, value.slice(0));
    return undefined;
  }

  getPropertyBuf(path: string): [ArrayBuffer, TenError | undefined] {
    const buffer = this._buffers.get(path);
    if (buffer) return [buffer.slice(0), undefined];
    const [, error] = this._properties.toJson(path);
    return [new ArrayBuffer(0), error];
  }
}
