// The pieces of undici a request needs, and nothing else: undici's index loads fetch, WebSocket,
// EventSource, the cache and the mocks with it (about half a megabyte of code a one-shot command
// would compile and never run). These are undici's own files, loaded on the first request.
// Referenced, not only included by tsconfig: the declaration bundler compiles from the entry points alone.
/// <reference path="./undici-lib.d.ts" />
import type { Agent as AgentType, Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';

export interface UndiciPieces {
  Agent: typeof AgentType;
  /** undici's `request(url, options)`; without `options.dispatcher`, undici's global one. */
  request: (url: string | URL, options: RequestOptions) => Promise<Dispatcher.ResponseData>;
}

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher?: Dispatcher };

type ApiRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

let pieces: Promise<UndiciPieces> | undefined;
let proxyAgent: Promise<typeof EnvHttpProxyAgentType> | undefined;

export function loadUndici(): Promise<UndiciPieces> {
  pieces ??= Promise.all([
    import('undici/lib/dispatcher/dispatcher.js'),
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/api/api-request.js'),
  ]).then(([dispatcher, agent, apiRequest]) => {
    const Agent = cjs<typeof AgentType>(agent);
    const send = cjs<ApiRequest>(apiRequest);
    // As undici's index does: its dispatchers call `request` as a method.
    Object.assign(cjs<{ prototype: object }>(dispatcher).prototype, { request: send });
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
    return { Agent, request };
  });
  return pieces;
}

/**
 * undici's EnvHttpProxyAgent (HTTPS_PROXY/HTTP_PROXY/NO_PROXY), with the `connect` method its proxy
 * tunnels use. Loaded only when a proxy is set: it brings the proxy and SOCKS5 clients with it.
 */
export function loadEnvHttpProxyAgent(): Promise<typeof EnvHttpProxyAgentType> {
  proxyAgent ??= Promise.all([
    loadUndici(),
    import('undici/lib/dispatcher/dispatcher.js'),
    import('undici/lib/dispatcher/env-http-proxy-agent.js'),
    import('undici/lib/api/api-connect.js'),
  ]).then(([, dispatcher, envAgent, apiConnect]) => {
    Object.assign(cjs<{ prototype: object }>(dispatcher).prototype, { connect: cjs<unknown>(apiConnect) });
    return cjs<typeof EnvHttpProxyAgentType>(envAgent);
  });
  return proxyAgent;
}

/**
 * Whether undici's EnvHttpProxyAgent, made now, would send anything through a proxy: it reads
 * `http_proxy ?? HTTP_PROXY` and `https_proxy ?? HTTPS_PROXY` (lower case first; an empty value is none),
 * and with neither it sends every request through a plain Agent (undici 7, env-http-proxy-agent.js).
 */
export function proxyConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env['http_proxy'] ?? env['HTTP_PROXY']) || Boolean(env['https_proxy'] ?? env['HTTPS_PROXY']);
}

/** undici's process-wide Agent (created on first use, shared with any other undici in the process). */
async function globalDispatcher(): Promise<Dispatcher> {
  return cjs<{ getGlobalDispatcher: () => Dispatcher }>(await import('undici/lib/global.js')).getGlobalDispatcher();
}

/** A CommonJS module's exports, whether the import handed them over as the namespace's `default` or not. */
function cjs<T>(module: unknown): T {
  return ((module as { default?: T }).default ?? module) as T;
}
