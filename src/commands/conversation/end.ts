// `conversation end ID...` and `conversation end --all-active [--older-than 10m] [--dry-run]`:
// free the concurrency slots and stop the billing. Idempotent: an ended conversation is
// `already_ended`, a success. Many ends run a few at a time and every one is reported.
import * as z from '../../zod.js';
import type { Conversation, TavusClient } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import type { Context } from '../../context.js';
import { defineCommand, option } from '../kit.js';
import { settleEach, uniqueIds } from '../common/batch.js';
import { reportResults, toResult, type BatchResult } from '../common/batch-results.js';
import { checkedBy, durationSeconds, resourceId } from '../../flags.js';
import { formatElapsed } from '../../durations.js';
import { describeRequest } from '../common/dry-run.js';

/** Ends in flight at once: enough for hundreds in seconds, few enough not to earn 429s. */
export const END_CONCURRENCY = 8;

type EndOutcome = 'ended' | 'already_ended';

export const conversationEnd = defineCommand({
  names: ['end', 'stop'],
  description: 'end conversations (frees their concurrency slots, stops billing); ending an ended one is fine',
  args: [{ name: '[ids...]', description: 'conversation ids' }],
  options: {
    allActive: option('--all-active', 'end every active conversation of the account (asks first; --yes without a terminal)', z.optional(z.boolean())),
    olderThan: option('--older-than <duration>', 'with --all-active: only those started longer ago than this, e.g. 10m, 1h', checkedBy((value) => durationSeconds(value, '--older-than'))),
    dryRun: option('--dry-run', 'print what would be ended (the ids given, or the active ones with --all-active); send no end', z.optional(z.boolean())),
  },
  examples: [
    'tavus-ten conversation end c123456789ab',
    'tavus-ten conversation end --all-active --dry-run',
    'tavus-ten conversation end c123456789ab c987654321ba --dry-run --json',
    'tavus-ten conversation end --all-active --older-than 30m --yes   # e.g. a cron job',
    'tavus-ten conversation end --all-active --yes --json',
  ],
  handler: (ctx, opts, [ids]) => runEnd(ctx, { allActive: opts.allActive === true, dryRun: opts.dryRun === true, olderThanS: opts.olderThan }, ids),
});

async function runEnd(ctx: Context, opts: { allActive: boolean; dryRun: boolean; olderThanS: number | undefined }, rawIds: string[]): Promise<number | void> {
  const { allActive, dryRun, olderThanS } = opts;
  const ids = uniqueIds(rawIds.map((id) => resourceId(id, 'conversation id')));

  if (allActive && ids.length > 0) {
    throw new UsageError('Give conversation ids or --all-active, not both.', { hint: 'Run `tavus-ten conversation end --help` for usage.' });
  }
  if (!allActive) {
    if (ids.length === 0) {
      throw new UsageError('Name the conversations to end, or pass --all-active.', {
        hint: 'e.g. `tavus-ten conversation end c123456789ab`; `tavus-ten conversation list --status active` shows the active ones.',
      });
    }
    if (olderThanS !== undefined) throw new UsageError('--older-than goes with --all-active.', { hint: 'Add --all-active, or leave --older-than out.' });
    if (dryRun) return previewIds(ctx, ids);
    return endIds(ctx, ids);
  }
  // Without a terminal to ask, --yes is required, and nothing is sent without it.
  if (!dryRun && !ctx.global.yes && !ctx.prompter.canPrompt) {
    throw new UsageError('Ending every active conversation needs confirmation: pass --yes.', {
      hint: 'Nothing was sent. Preview what it would end with --dry-run.',
    });
  }
  return endAllActive(ctx, { olderThanS, dryRun });
}

/** `end ID... --dry-run`: the end requests it would send (as every request dry run prints them), nothing sent. */
async function previewIds(ctx: Context, ids: string[]): Promise<void> {
  const requests = await Promise.all(ids.map((id) => describeRequest(ctx, { method: 'POST', path: `/conversations/${id}/end` })));
  const { output } = ctx;
  if (output.json) output.printJson(requests);
  else if (output.quiet) output.printIds(ids);
  else output.out(requests.map((request) => `${request.method} ${request.url}\n`).join(''));
  output.info(output.chalk.dim(`Dry run: would end ${plural(ids.length, 'conversation')} (${ids.join(', ')}); nothing was sent.`));
}

async function endIds(ctx: Context, ids: string[]): Promise<void> {
  const client = await ctx.cleanupClient();
  // A cheap GET first: an ended conversation is reported as such without being ended again.
  const settled = await settleEach(
    ids,
    END_CONCURRENCY,
    async (id): Promise<EndOutcome> => ((await client.conversations.get(id)).status === 'ended' ? 'already_ended' : endOne(client, id)),
    ctx.signal,
  );
  report(ctx, settled.map((s) => toResult(s.item, s)), ids.length);
}

async function endAllActive(ctx: Context, opts: { olderThanS: number | undefined; dryRun: boolean }): Promise<number | void> {
  const { output } = ctx;
  // Every page first, then the ends: ending while paging would shift later pages and skip some.
  const active: Conversation[] = [];
  for await (const conversation of (await ctx.client()).conversations.all({ status: 'active' })) {
    if (conversation.status === 'active' || conversation.status == null) active.push(conversation);
  }
  const cutoffMs = opts.olderThanS === undefined ? undefined : ctx.now() - opts.olderThanS * 1000;
  const targets = cutoffMs === undefined ? active : active.filter((c) => startedBefore(c, cutoffMs));
  const scope = opts.olderThanS === undefined ? '' : ` started more than ${formatElapsed(opts.olderThanS * 1000)} ago`;

  if (targets.length === 0) {
    if (output.json) output.printJson([]);
    output.info(`No active conversations${scope}${active.length > 0 ? ` (${active.length} newer ones left running)` : ''}.`);
    return;
  }
  if (opts.dryRun) {
    if (output.json) output.printJson(targets);
    else if (output.quiet) output.printIds(targets.map((c) => c.conversation_id));
    else {
      output.printTable(targets, [
        { header: 'id', value: (c) => c.conversation_id },
        { header: 'name', value: (c) => c.conversation_name },
        { header: 'age', value: (c) => age(ctx, c) },
        { header: 'created', value: (c) => c.created_at },
      ]);
    }
    output.info(`Dry run: would end ${plural(targets.length, 'active conversation')}${scope}; nothing was ended.`);
    return;
  }
  if (!ctx.global.yes) {
    const confirmed = await ctx.prompter.confirm({ message: `End ${plural(targets.length, 'active conversation')}${scope}?`, default: false });
    if (!confirmed) {
      output.info('Cancelled: nothing was ended.');
      return;
    }
  }
  const client = await ctx.cleanupClient();
  const settled = await settleEach(targets, END_CONCURRENCY, (c) => endOne(client, c.conversation_id), ctx.signal);
  report(ctx, settled.map((s) => toResult(s.item.conversation_id, s)), targets.length);
}

async function endOne(client: TavusClient, id: string): Promise<EndOutcome> {
  const { already_ended } = await client.conversations.end(id);
  return already_ended ? 'already_ended' : 'ended';
}

function report(ctx: Context, results: BatchResult<EndOutcome>[], total: number): void {
  reportResults(ctx, results, {
    noun: 'conversation',
    plural: 'conversations',
    idField: 'conversation_id',
    total,
    verb: 'end',
    pastVerb: 'ended',
    summary: (counts) => {
      const parts = [`Ended ${plural(counts.ended ?? 0, 'conversation')}`];
      if (counts.already_ended) parts.push(`${counts.already_ended} had already ended`);
      return `${parts.join('; ')}.`;
    },
  });
}

function startedBefore(conversation: Conversation, cutoffMs: number): boolean {
  const created = Date.parse(conversation.created_at ?? '');
  // Without a readable start time we cannot tell its age: leave it running.
  return Number.isFinite(created) && created < cutoffMs;
}

function age(ctx: Context, conversation: Conversation): string {
  const created = Date.parse(conversation.created_at ?? '');
  return Number.isFinite(created) ? formatElapsed(ctx.now() - created) : '-';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
