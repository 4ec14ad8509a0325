// The `error.code` of every failure, its exit code and what it means: the one table `help exit-codes`
// prints and a batch's exit code (batch-results.ts) is read from.
import { ExitCode, type ErrorCodeName } from '../../errors.js';

/** The `error.code` printed on stderr under --json, and its exit code. */
export const ERROR_CODES = {
  usage_error: { exit: ExitCode.usage, meaning: 'bad flag or input; nothing was sent' },
  config_error: { exit: ExitCode.auth, meaning: 'no key, unknown profile, unreadable or corrupt config file' },
  auth_error: { exit: ExitCode.auth, meaning: 'Tavus rejected the key (401/403)' },
  not_found: { exit: ExitCode.notFound, meaning: 'no such persona, replica or conversation' },
  concurrency_limit: { exit: ExitCode.limit, meaning: 'too many active conversations; end some with `conversation end --all-active --yes`' },
  out_of_credits: { exit: ExitCode.limit, meaning: 'the account is out of conversational credits (402)' },
  rate_limited: { exit: ExitCode.limit, meaning: '429 after every retry' },
  api_error: { exit: ExitCode.failure, meaning: 'Tavus answered with another error (5xx, 4xx)' },
  unexpected_response: { exit: ExitCode.failure, meaning: 'an answer that is not the expected JSON (HTML, truncated, wrong shape)' },
  network_error: { exit: ExitCode.network, meaning: 'DNS, connection refused or reset, TLS' },
  timeout: { exit: ExitCode.network, meaning: 'no answer within --timeout' },
  interrupted: { exit: ExitCode.interrupted, meaning: 'Ctrl-C (130), SIGTERM (143) or SIGHUP (129)' },
  check_failed: { exit: ExitCode.failure, meaning: 'a doctor/smoke check or a step of a batch failed' },
  internal_error: { exit: ExitCode.failure, meaning: 'a bug in tavus-ten; run with --verbose and report it' },
} as const satisfies Record<ErrorCodeName, { exit: number; meaning: string }>;
