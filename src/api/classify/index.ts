// HTTP classification, split by job: text.ts (shared readers and types), target.ts (what a path
// names), status.ts (error statuses), body.ts (unreadable answers), network.ts (no answer).
export * from './text.js';
export * from './target.js';
export * from './status.js';
export * from './body.js';
export * from './network.js';
