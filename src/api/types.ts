// The shapes the client and its resources share: a request, its response, a page, and what a
// resource's calls receive, with the two steps every resource takes (a body it needs, a list as a
// page). Kept apart from client.ts so resources never import the client.
import type { z } from '../zod.js';
import type { ApiError } from '../errors.js';
import type { HttpMethod } from './http.js';
import type { RequestContext } from './classify/text.js';
import type { PageResult } from './paginate.js';

export type QueryValue = string | number | boolean | undefined;

export interface TavusRequest<T = unknown> {
  method: HttpMethod;
  /** Relative to the /v2 base, e.g. `/personas/p123`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Default: true for GET and DELETE, false for POST and PATCH. */
  retry?: boolean;
  signal?: AbortSignal;
  /** Any zod schema (zod/mini's or the method API's): checked with zod's functional safeParse. */
  schema?: z.core.$ZodType<T>;
}

export interface TavusResponse<T> {
  status: number;
  /** Undefined for an empty body (204, 304, the end call's 200). */
  data: T | undefined;
  headers: Record<string, string>;
}

export type TavusRequestFn = <T = unknown>(request: TavusRequest<T>) => Promise<TavusResponse<T>>;

export interface Page<T> {
  data: T[];
  /** Every match; when Tavus leaves it out, the number of items on this page. */
  total_count: number;
}

/** What the resource calls get from the client. */
export interface ResourceContext {
  request: TavusRequestFn;
  /** The context for messages about a path the resource inspects itself. */
  contextFor(method: HttpMethod, path: string): RequestContext;
  /** A success with no body where one was expected (src/api/classify/body.ts). */
  emptyAnswer(status: number, context: RequestContext): ApiError;
  /** A body of the wrong shape, naming the JSON path (src/api/classify/body.ts). */
  shapeMismatch(error: z.core.$ZodError, response: { status: number; body: unknown }, context: RequestContext, pathPrefix?: PropertyKey[]): ApiError;
}

/**
 * request() for a call whose answer is the body itself: a success with no body throws
 * `emptyAnswer` (unexpected_response, exit 1) naming the method and path.
 */
export async function requestData<T>(resources: ResourceContext, request: TavusRequest<T>): Promise<TavusResponse<T> & { data: T }> {
  const response = await resources.request(request);
  if (response.data === undefined) throw resources.emptyAnswer(response.status, resources.contextFor(request.method, request.path));
  return response as TavusResponse<T> & { data: T };
}

/** A list answer as a Page: without `total_count`, the number of items on this page. */
export function asPage<T>(answer: PageResult<T>): Page<T> {
  return { data: answer.data, total_count: answer.total_count ?? answer.data.length };
}

/**
 * One Tavus resource, defined once (src/api/resources/<name>.ts) and listed in RESOURCES
 * (src/api/resources/index.ts): every field is required, so a forgotten part is a type error.
 */
export interface ResourceDefinition<Calls> {
  /** The noun in messages and the command group's name: `persona`. */
  noun: string;
  /** The /v2 path segments that name it, the documented one first: `['personas', 'pals']`. */
  paths: readonly [string, ...string[]];
  /**
   * For a create (POST to the collection) or a patch (PATCH of one item) that may have reached Tavus
   * when its answer was lost: how to check whether it happened. `null`: the resource has no such call.
   */
  mayExist: { create: string | null; patch: ((id: string) => string) | null };
  /** Its typed calls, built on the client's request(). */
  calls: (context: ResourceContext) => Calls;
}

/** Declares a resource (an identity function that checks the shape). */
export function defineResource<Calls>(definition: ResourceDefinition<Calls>): ResourceDefinition<Calls> {
  return definition;
}
