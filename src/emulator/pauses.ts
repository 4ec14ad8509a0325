// Cancellable waits for latency and delay faults, so close() never waits on a pending timer.

export class Pauses {
  private readonly pending = new Set<() => void>();

  /** Resolves true after `ms`, or false at once when cancelAll() runs first. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.pending.delete(cancel);
        resolve(true);
      }, ms);
      this.pending.add(cancel);
    });
  }

  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }
}
