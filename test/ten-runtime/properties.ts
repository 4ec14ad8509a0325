// A property store with TEN's path rules and typed getters: `""` is the whole document, `a.b` a nested
// field; a getter on a missing path or a value of another type returns TEN's zero value and a TenError
// (TEN's getters never throw). Used by TenEnv (the extension's properties) and Msg (a message's).
import { TenError, TenErrorCode } from './error.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class PropertyStore {
  private root: Record<string, Json> = {};

  /** The value at `path`, undefined when absent. */
  get(path: string): Json | undefined {
    if (path === '') return this.root;
    let current: Json | undefined = this.root;
    for (const key of path.split('.')) {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      current = (current as Record<string, Json>)[key];
    }
    return current;
  }

  /** Sets `path` (creating parents); `""` replaces the whole document, which must be an object. */
  set(path: string, value: Json): TenError | undefined {
    if (path === '') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return new TenError(TenErrorCode.ErrorCodeInvalidArgument, 'the root of a property document must be an object');
      }
      this.root = structuredClone(value) as Record<string, Json>;
      return undefined;
    }
    const keys = path.split('.');
    let current: Record<string, Json> = this.root;
    for (const key of keys.slice(0, -1)) {
      const next = current[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) current[key] = {};
      current = current[key] as Record<string, Json>;
    }
    current[keys[keys.length - 1]!] = structuredClone(value);
    return undefined;
  }

  setFromJson(path: string, json: string): TenError | undefined {
    let value: Json;
    try {
      value = JSON.parse(json) as Json;
    } catch (error) {
      return new TenError(TenErrorCode.ErrorCodeInvalidJSON, `invalid JSON: ${(error as Error).message}`);
    }
    return this.set(path, value);
  }

  toJson(path: string): [string, TenError | undefined] {
    const value = this.get(path);
    if (value === undefined) return ['', notFound(path)];
    return [JSON.stringify(value), undefined];
  }

  string(path: string): [string, TenError | undefined] {
    const value = this.get(path);
    if (value === undefined) return ['', notFound(path)];
    if (typeof value !== 'string') return ['', wrongType(path, 'string', value)];
    return [value, undefined];
  }

  number(path: string): [number, TenError | undefined] {
    const value = this.get(path);
    if (value === undefined) return [0, notFound(path)];
    if (typeof value !== 'number') return [0, wrongType(path, 'number', value)];
    return [value, undefined];
  }

  bool(path: string): [boolean, TenError | undefined] {
    const value = this.get(path);
    if (value === undefined) return [false, notFound(path)];
    if (typeof value !== 'boolean') return [false, wrongType(path, 'bool', value)];
    return [value, undefined];
  }
}

function notFound(path: string): TenError {
  return new TenError(TenErrorCode.ErrorCodeGeneric, `property ${path} not found`);
}

function wrongType(path: string, expected: string, value: Json): TenError {
  return new TenError(TenErrorCode.ErrorCodeInvalidType, `property ${path} is not a ${expected} (it is ${JSON.stringify(value)})`);
}

export type { Json };
