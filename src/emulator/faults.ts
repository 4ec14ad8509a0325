// The fault queue: rules injected by tests or the control plane, consumed in injection order.
import * as z from 'zod';
import type { Fault, FaultRule } from './types.js';

interface QueuedRule {
  rule: FaultRule;
  remaining: number;
}

function pathMatches(pattern: FaultRule['path'], path: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0; // a /g or /y RegExp keeps state between tests
    return pattern.test(path);
  }
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return path === pattern;
}

export class FaultQueue {
  private readonly queued: QueuedRule[] = [];

  inject(rule: FaultRule): void {
    const remaining = rule.times ?? 1;
    if (!(remaining > 0)) throw new RangeError(`fault times must be positive, got ${String(rule.times)}`);
    this.queued.push({ rule, remaining });
  }

  clear(): void {
    this.queued.length = 0;
  }

  /** The first matching rule's fault, consumed once; undefined when none matches. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queued.findIndex(
      ({ rule }) => (rule.method === undefined || rule.method.toUpperCase() === method) && pathMatches(rule.path, path),
    );
    const entry = this.queued[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queued.splice(index, 1);
    return entry.rule.fault;
  }
}

/** A fault rule as JSON (control plane): path is a string, `times` may be "Infinity" or null for Infinity. */
export const faultRuleJsonSchema = z.object({
  fault: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('status'),
      status: z.int().min(100).max(599),
      body: z.unknown().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
    z.object({ kind: z.literal('html'), status: z.int().min(100).max(599) }),
    z.object({ kind: z.literal('retry-after'), status: z.union([z.literal(429), z.literal(503)]).optional(), retryAfter: z.string() }),
    z.object({ kind: z.literal('delay'), ms: z.number().nonnegative() }),
    z.object({ kind: z.literal('reset-before-response') }),
    z.object({ kind: z.literal('reset-mid-body') }),
    z.object({ kind: z.literal('truncated-json') }),
    z.object({ kind: z.literal('wrong-content-type') }),
    z.object({ kind: z.literal('large-body'), bytes: z.int().positive() }),
  ]),
  method: z.string().optional(),
  path: z.string().optional(),
  times: z
    .union([z.number().positive(), z.literal('Infinity'), z.null()])
    .optional()
    .transform((times) => (times === 'Infinity' || times === null ? Infinity : times)),
});
