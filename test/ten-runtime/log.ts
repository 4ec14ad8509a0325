// LogLevel and LogOption (interface/log_level.ts, log_option.ts).
export enum LogLevel {
  INVALID = 0,
  DEBUG = 1,
  INFO = 2,
  WARN = 3,
  ERROR = 4,
}

export interface LogOption {
  skip: number;
}

export const DefaultLogOption: LogOption = { skip: 2 };

export interface SendOptions {
  /** Wait for the send's outcome (default false: fire and forget). */
  waitForResult?: boolean;
}
