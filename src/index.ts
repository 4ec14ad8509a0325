// The package entry for people who script Tavus in TypeScript: the client, its types, its errors.
export { createTavusClient } from './api/client.js';
export type * from './api/client.js';
export * from './errors.js';
export { run } from './main.js';
