// Typed errors shared by the client and the commands. main.ts is the only place that turns
// them into exit codes and printed messages; everything else throws.

/** Exit codes of the contract (the README's "Exit codes" table). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  limit: 5,
  network: 6,
  interrupted: 130,
  terminated: 143,
  hangup: 129,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Symbolic codes printed as `error.code` under --json. Stable: scripts match on them. */
export type ErrorCodeName =
  | 'usage_error'
  | 'config_error'
  | 'auth_error'
  | 'not_found'
  | 'concurrency_limit'
  | 'out_of_credits'
  | 'rate_limited'
  | 'api_error'
  | 'unexpected_response'
  | 'network_error'
  | 'timeout'
  | 'interrupted'
  | 'check_failed'
  | 'internal_error';

export interface ErrorJson {
  code: ErrorCodeName;
  message: string;
  status: number | null;
  hint?: string;
}

export interface TavusTenErrorOptions {
  hint?: string;
  status?: number | null;
  cause?: unknown;
}

/** Base of every error the tool expects; anything else is a bug (exit 1, code internal_error). */
export class TavusTenError extends Error {
  readonly code: ErrorCodeName;
  readonly exitCode: ExitCodeValue;
  readonly status: number | null;
  readonly hint: string | undefined;

  constructor(code: ErrorCodeName, exitCode: ExitCodeValue, message: string, options: TavusTenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.status = options.status ?? null;
    this.hint = options.hint;
  }

  toJSON(): ErrorJson {
    const json: ErrorJson = { code: this.code, message: this.message, status: this.status };
    if (this.hint) json.hint = this.hint;
    return json;
  }
}

/** Bad flags or input: exit 2, and nothing was sent. */
export class UsageError extends TavusTenError {
  constructor(message: string, options: TavusTenErrorOptions = {}) {
    super('usage_error', ExitCode.usage, message, options);
  }
}

/** Missing key, unreadable or corrupt config, unknown profile: exit 3. */
export class ConfigError extends TavusTenError {
  constructor(message: string, options: TavusTenErrorOptions = {}) {
    super('config_error', ExitCode.auth, message, options);
  }
}

/** The API answered with an error status (or an unreadable body). */
export class ApiError extends TavusTenError {
  /** The parsed body, or the raw text when it was not JSON. */
  readonly body: unknown;
  readonly method: string;
  readonly url: string;

  constructor(
    code: ErrorCodeName,
    exitCode: ExitCodeValue,
    message: string,
    details: { status: number | null; body?: unknown; method: string; url: string; hint?: string; cause?: unknown },
  ) {
    super(code, exitCode, message, { status: details.status, hint: details.hint, cause: details.cause });
    this.body = details.body;
    this.method = details.method;
    this.url = details.url;
  }
}

/** The request never got an answer: DNS, refused, TLS, reset, timeout. Exit 6. */
export class NetworkError extends TavusTenError {
  readonly method: string;
  readonly url: string;
  /** True when the request may have reached the server (a create may exist). */
  readonly mayHaveReachedServer: boolean;

  constructor(
    message: string,
    details: { method: string; url: string; code?: 'network_error' | 'timeout'; hint?: string; cause?: unknown; mayHaveReachedServer?: boolean },
  ) {
    super(details.code ?? 'network_error', ExitCode.network, message, { hint: details.hint, cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.mayHaveReachedServer = details.mayHaveReachedServer ?? false;
  }
}

/** Ctrl-C, SIGTERM, or SIGHUP (the terminal closed): exit 130 (143 for SIGTERM, 129 for SIGHUP). */
export class InterruptedError extends TavusTenError {
  readonly signal: NodeJS.Signals;
  constructor(signal: NodeJS.Signals = 'SIGINT', message = 'Interrupted.', options: { hint?: string } = {}) {
    super('interrupted', signalExitCode(signal), message, options);
    this.signal = signal;
  }
}

/** 128 + the signal's number, as shells report it: SIGTERM 143, SIGHUP 129, anything else 130 (SIGINT). */
export function signalExitCode(signal: NodeJS.Signals): ExitCodeValue {
  if (signal === 'SIGTERM') return ExitCode.terminated;
  if (signal === 'SIGHUP') return ExitCode.hangup;
  return ExitCode.interrupted;
}

/** What an aborted signal stands for: the InterruptedError it was aborted with, or a Ctrl-C. */
export function interruptionOf(reason: unknown): InterruptedError {
  return reason instanceof InterruptedError ? reason : new InterruptedError('SIGINT');
}

/** A check (doctor, smoke) or a batch step failed: exit 1, already reported. */
export class CheckFailedError extends TavusTenError {
  constructor(message: string, options: TavusTenErrorOptions = {}) {
    super('check_failed', ExitCode.failure, message, options);
  }
}

export function isTavusTenError(error: unknown): error is TavusTenError {
  return error instanceof TavusTenError;
}
