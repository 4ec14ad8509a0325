// A zod schema built the first time something uses it, not when its module loads. The API's schemas
// are about 430 zod objects: building them all cost a one-shot command like `replica get` about 20 ms
// and 2 MB (measured under zod's method API, whose schemas carry their own bound methods; zod/mini's are
// lighter, but still built for nothing), for the two or three it uses.
/** Stands for the schema `build()` returns: every property, method and `instanceof` check is the built schema's. */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  return new Proxy(Object.create(null) as T, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    ownKeys: () => Reflect.ownKeys(real()),
    // A proxy may not call a property non-configurable that its (empty) target lacks.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
