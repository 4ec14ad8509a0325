// Network failures: DNS, refused, TLS, reset, timeout, a body cut off; and whether the request may
// have reached the server (so a create may exist).
import { NetworkError } from '../../errors.js';
import { formatWait } from '../../durations.js';
import { mayExistHint } from './target.js';
import { attemptsNote, type RequestContext } from './text.js';

export interface NetworkFailureContext extends RequestContext {
  timeoutMs: number;
  attempts: number;
  /** The request was answered by our own per-attempt timer. */
  timedOut: boolean;
  /** The proxy the request went through (HTTPS_PROXY…), shown without credentials: a failure to connect is the proxy's. */
  proxy?: { variable: string; shown: string };
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** The first error code found along an error's causes (and an AggregateError's members). */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof AggregateError) {
    for (const member of error.errors) {
      const found = findErrorCode(member, depth + 1);
      if (found) return found;
    }
  }
  return findErrorCode((error as { cause?: unknown }).cause, depth + 1);
}

/** Failures that happen before a request can have reached the server. */
export function failedBeforeSending(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    code === 'ENETDOWN' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    TLS_CODE.test(code)
  );
}

/** Connection failures that, through a proxy, are the proxy's, in words. */
const PROXY_CONNECT_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the name does not resolve (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the network is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is unreachable',
};

/** The NetworkError for a request that got no answer, in a plain sentence naming the host. */
export function errorFromNetworkFailure(error: unknown, context: NetworkFailureContext): NetworkError {
  const code = findErrorCode(error);
  const host = hostOf(context.url);
  // A proxy that refused the tunnel never passed the request on.
  const reachedServer = !failedBeforeSending(code) && !/\bproxy response\b/i.test(errorText(error));
  const tries = context.attempts > 1 ? ` (tried ${context.attempts} times)` : '';
  let message: string;
  let hint: string | undefined;
  let timeout = false;

  if (context.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    timeout = true;
    message = `${host} did not answer within ${formatWait(context.timeoutMs)}.`;
    hint = 'Raise the limit with --timeout SECONDS or TAVUS_TEN_TIMEOUT, or check your network.';
  } else if (context.proxy && code !== undefined && code in PROXY_CONNECT_FAILURES) {
    // The client connects to the proxy, never to the API host: the refusal (or lookup, or timeout) is the proxy's.
    timeout = code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT';
    const { variable, shown } = context.proxy;
    message = `Could not connect to the proxy ${shown} (${variable}) on the way to ${host}: ${PROXY_CONNECT_FAILURES[code]}${tries}.`;
    hint = `Check that the proxy is running and reachable, or fix ${variable} (unset it, or add ${host} to NO_PROXY, to connect directly).`;
  } else if (code === 'ECONNREFUSED') {
    message = `Could not connect to ${host}: connection refused${tries}.`;
    hint = 'Check the API base URL (--base-url, TAVUS_API_BASE_URL) and any proxy settings (HTTPS_PROXY).';
  } else if (code === 'ENOTFOUND') {
    message = `Could not connect to ${host}: the name does not resolve (DNS lookup failed).`;
    hint = 'Check your network connection and the API base URL (--base-url, TAVUS_API_BASE_URL).';
  } else if (code === 'EAI_AGAIN') {
    message = `Could not connect to ${host}: DNS lookup failed temporarily${tries}.`;
    hint = 'Check your network connection and try again.';
  } else if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    timeout = true;
    message = `Could not connect to ${host}: the connection timed out${tries}.`;
    hint = 'Check your network connection, firewall and proxy settings (HTTPS_PROXY, NO_PROXY).';
  } else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    message = `The connection to ${host} was reset before an answer arrived${tries}.`;
    hint = 'Check your network connection and proxy settings, then try again.';
  } else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') {
    message = `Could not connect to ${host}: the network is unreachable.`;
    hint = 'Check your network connection.';
  } else if (code !== undefined && TLS_CODE.test(code)) {
    message = `Could not connect securely to ${host}: ${errorText(error)} (${code}).`;
    hint = 'A proxy or antivirus that inspects TLS needs its certificate authority in NODE_EXTRA_CA_CERTS.';
  } else if (/\bproxy\b/i.test(errorText(error))) {
    message = `Could not connect to ${host} through the proxy: ${errorText(error)}.`;
    hint = 'Check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).';
  } else {
    message = `The request to ${host} failed: ${errorText(error)}${code ? ` (${code})` : ''}${tries}.`;
  }

  const existHint = reachedServer ? mayExistHint(context.method, context.path) : undefined;
  return new NetworkError(message, {
    method: context.method,
    url: context.url,
    code: timeout ? 'timeout' : 'network_error',
    hint: existHint ?? hint,
    cause: error,
    mayHaveReachedServer: reachedServer,
  });
}

/** An answer whose connection dropped before its body was complete (see http.ts BodyCutOffError). */
export function errorFromCutOffBody(
  cutOff: { status: number; received: number; cause: unknown },
  context: RequestContext & { attempts: number },
): NetworkError {
  const tries = context.attempts > 1 ? ` (tried ${context.attempts} times)` : '';
  return new NetworkError(
    `The answer from ${hostOf(context.url)} (${cutOff.status}) was cut off after ${cutOff.received} bytes: ${errorText(cutOff.cause)}${tries}.`,
    {
      method: context.method,
      url: context.url,
      hint: mayExistHint(context.method, context.path) ?? 'Check your network connection and proxy settings, then try again.',
      cause: cutOff.cause,
      mayHaveReachedServer: true,
    },
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.$/, '') || 'unknown error';
}

