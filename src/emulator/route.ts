// The shape of a /v2 route and the request its handler sees.
import type { Reply } from './reply.js';
import type { World } from './world.js';

export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  world: World;
}

export interface Route {
  method: string;
  /** e.g. '/v2/personas/:id' */
  pattern: string;
  handle(request: ApiRequest): Reply;
}
