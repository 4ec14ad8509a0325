// The pieces of undici a request needs, and nothing else: undici's index loads fetch, WebSocket,
// EventSource, the cache and the mocks with it (about half a megabyte of code a one-shot command
// would compile and never run). These are undici's own files, loaded on the first request.
// Referenced, not only included by tsconfig: the declaration bundler compiles from the entry points alone.
/// <reference path="./undici-lib.d.ts" />
import type { Agent as AgentType, Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';

export interface UndiciPieces {
  Agent: typeof AgentType;
  EnvHttpProxyAgent: typeof EnvHttpProxyAgentType;
  /** undici's `request(url, options)`; without `options.dispatcher`, undici's global one. */
  request: (url: string | URL, options: RequestOptions) => Promise<Dispatcher.ResponseData>;
}

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher?: Dispatcher };

type ApiRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

let pieces: Promise<UndiciPieces> | undefined;

export function loadUndici(): Promise<UndiciPieces> {
  pieces ??= Promise.all([
    import('undici/lib/dispatcher/dispatcher.js'),
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/dispatcher/env-http-proxy-agent.js'),
    import('undici/lib/api/api-request.js'),
    import('undici/lib/api/api-connect.js'),
  ]).then(([dispatcher, agent, envAgent, apiRequest, apiConnect]) => {
    const Agent = cjs<typeof AgentType>(agent);
    const EnvHttpProxyAgent = cjs<typeof EnvHttpProxyAgentType>(envAgent);
    const send = cjs<ApiRequest>(apiRequest);
    // As undici's index does: its dispatchers call these as methods (the proxy agent tunnels with `connect`).
    Object.assign(cjs<{ prototype: object }>(dispatcher).prototype, { request: send, connect: cjs<unknown>(apiConnect) });
    // What undici's index does for `request(url, options)`: split the URL, pick the dispatcher.
    const request: UndiciPieces['request'] = async (url, { dispatcher, ...options }) => {
      const parsed = typeof url === 'string' ? new URL(url) : url;
      return send.call(dispatcher ?? (await globalDispatcher()), {
        ...options,
        origin: parsed.origin,
        path: `${parsed.pathname}${parsed.search}`,
        method: options.method ?? 'GET',
      });
    };
    return { Agent, EnvHttpProxyAgent, request };
  });
  return pieces;
}

/** undici's process-wide Agent (created on first use, shared with any other undici in the process). */
async function globalDispatcher(): Promise<Dispatcher> {
  return cjs<{ getGlobalDispatcher: () => Dispatcher }>(await import('undici/lib/global.js')).getGlobalDispatcher();
}

/** A CommonJS module's exports, whether the import handed them over as the namespace's `default` or not. */
function cjs<T>(module: unknown): T {
  return ((module as { default?: T }).default ?? module) as T;
}
