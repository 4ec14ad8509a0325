// `--wait` for work Tavus does in the background (a replica's training, a document's processing):
// polls until a final status, showing a progress bar on a terminal and a line a minute otherwise.
import type { Context } from '../../context.js';
import { StatusLine } from '../../io/status-line.js';
import { formatElapsed } from '../../durations.js';
import { pause } from './pause.js';
import { pollIntervalOption } from './poll-interval.js';

/** Without a TTY, one progress line this often. */
const PLAIN_EVERY_MS = 60_000;
const BAR_WIDTH = 24;

export interface Progress {
  status: string;
  /** 0 to 100 when Tavus says. */
  percent?: number;
  done: boolean;
}

export interface FollowSpec<T> {
  /** `replica r123`, for messages. */
  what: string;
  /** The first answer (from the create), so the first poll waits one interval. */
  first: T;
  fetch: () => Promise<T>;
  progress: (item: T) => Progress;
  pollMs: number;
}

/** Polls until `progress().done`; returns the last answer. Ctrl-C stops the wait (the work goes on at Tavus). */
export async function follow<T>(ctx: Context, spec: FollowSpec<T>): Promise<T> {
  const { output } = ctx;
  const started = ctx.now();
  let current = spec.first;
  let state = spec.progress(current);
  const line = () => `${spec.what} ${bar(state.percent)} ${state.status} · ${formatElapsed(ctx.now() - started)}`;
  const live = StatusLine.enabledFor(output) ? new StatusLine(output, line) : undefined;
  let lastPlain = ctx.now();
  if (live) live.start();
  else if (!state.done) output.info(`Waiting for ${spec.what}: ${describe(state)} (Ctrl-C stops waiting; the work goes on at Tavus).`);
  try {
    while (!state.done) {
      await pause(spec.pollMs, ctx.signal);
      current = await spec.fetch();
      state = spec.progress(current);
      if (!live && !state.done && ctx.now() - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = ctx.now();
        output.info(`${spec.what}: ${describe(state)} (${formatElapsed(ctx.now() - started)}).`);
      }
    }
  } finally {
    live?.stop();
  }
  return current;
}

function describe(state: Progress): string {
  return state.percent === undefined ? state.status : `${state.status}, ${state.percent}%`;
}

function bar(percent: number | undefined): string {
  if (percent === undefined) return '';
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%`;
}

/** The hidden `--poll-interval <ms>` option of the commands that --wait with follow(): every 5 s by default. */
export const POLL_INTERVAL_OPTION = pollIntervalOption(5000);
