// Addon, AddonManager and RegisterAddonAsExtension (interface/addon.ts, addon_manager.ts): an
// extension package registers a factory under its addon name when its module is imported; the
// runtime later asks that factory for instances by name.
import type { Extension } from './extension.js';
import type { TenEnv } from './ten_env.js';

type Ctor<T> = { new (): T; prototype: T };

export abstract class Addon {
  /** @internal as TEN's proxy: create, then report the instance (ten_nodejs_ten_env_on_create_instance_done). */
  private async onCreateInstanceProxy(tenEnv: TenEnv, instanceName: string, context: (instance: Extension) => void): Promise<void> {
    context(await this.onCreateInstance(tenEnv, instanceName));
  }

  abstract onCreateInstance(tenEnv: TenEnv, instanceName: string): Promise<Extension>;
}

export class AddonManager {
  private static _instance: AddonManager | undefined;
  private _registry = new Map<string, Ctor<Addon>>();

  private constructor() {}

  static getInstance(): AddonManager {
    AddonManager._instance ??= new AddonManager();
    return AddonManager._instance;
  }

  /** @internal */
  register(name: string, klass: Ctor<Addon>): void {
    this._registry.set(name, klass);
  }

  /** @internal a new addon object for `name`, undefined when no module registered it. */
  create(name: string): Addon | undefined {
    const klass = this._registry.get(name);
    return klass ? new klass() : undefined;
  }
}

export function RegisterAddonAsExtension(name: string): <T extends Ctor<Addon>>(klass: T) => T {
  return <T extends Ctor<Addon>>(klass: T): T => {
    AddonManager.getInstance().register(name, klass);
    return klass;
  };
}
