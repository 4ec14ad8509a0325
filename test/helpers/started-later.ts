// What a use*() helper hands out before its beforeAll has started the thing: a stand-in that forwards
// every read to the live instance once there is one (methods bound to it), and says who was early.

/** `current()` is the instance, once started; `early` is the error thrown when it is read before. */
export function startedLater<T extends object>(current: () => T | undefined, early: string): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const live = current();
      if (!live) throw new Error(early);
      const value: unknown = Reflect.get(live, key, live);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(live) : value;
    },
  });
}
