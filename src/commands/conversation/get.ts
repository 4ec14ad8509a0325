// `conversation get ID [--events]`: one conversation; with --events its event log (Tavus's
// verbose=true): when the replica joined, why it shut down, and the transcript when there is one.
import * as z from '../../zod.js';
import type { Conversation, ConversationEvent } from '../../api/client.js';
import { joinUrl } from '../../conversations/join-url.js';
import { classifyShutdown } from '../../conversations/shutdown.js';
import type { Context } from '../../context.js';
import { defineCommand, option } from '../kit.js';
import { resourceId } from '../../flags.js';

export const conversationGet = defineCommand({
  names: ['get'],
  description: 'show one conversation; --events adds its shutdown reason, events and transcript',
  args: [{ name: '<id>', description: 'conversation id, e.g. c123456789ab' }],
  options: {
    events: option('--events', 'ask Tavus for the event log (verbose=true): shutdown reason, transcript', z.optional(z.boolean())),
  },
  examples: [
    'tavus-ten conversation get c123456789ab',
    'tavus-ten conversation get c123456789ab --events',
    "tavus-ten conversation get c123456789ab --events --json | jq '.events[] | .event_type'",
  ],
  handler: (ctx, opts, [id]) => runGet(ctx, opts.events === true, id),
});

async function runGet(ctx: Context, events: boolean, rawId: string): Promise<void> {
  const id = resourceId(rawId, 'conversation id');
  const conversation = await (await ctx.client()).conversations.get(id, { verbose: events });
  const { shutdownReasonOf } = await import('../../api/resources/conversations.js');
  const { output } = ctx;
  if (output.json) return output.printJson(conversation);
  if (output.quiet) return output.printIds([conversation.conversation_id]);

  output.printFields([
    ['id', conversation.conversation_id],
    ['name', conversation.conversation_name],
    ['status', conversation.status],
    ['url', joinUrl(conversation)],
    ['replica', conversation.replica_id],
    ['persona', conversation.persona_id],
    ['callback', conversation.callback_url],
    ['created', conversation.created_at],
    ['updated', conversation.updated_at],
    ['shutdown', events ? describeEnding(ctx, conversation.status, shutdownReasonOf(conversation)) : undefined],
  ]);
  if (events) printEvents(ctx, conversation);
  else if (conversation.status === 'ended') output.info(output.chalk.dim(`Why it ended, and the transcript: tavus-ten conversation get ${id} --events`));
}

/** The shutdown field: a failure is marked ✗ with what it means, an unknown reason shown as it is and warned about. */
function describeEnding(ctx: Context, status: string | null | undefined, reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const verdict = classifyShutdown(reason);
  if (verdict.kind === 'failure') return `${ctx.output.chalk.red('✗ failed:')} ${reason} (${verdict.meaning})`;
  if (verdict.kind === 'unknown') {
    ctx.output.warn(`Conversation ended with a shutdown reason tavus-ten does not know: ${reason}. Check the events below.`);
    return reason;
  }
  return status === 'ended' ? `${reason} (${verdict.meaning})` : reason;
}

function printEvents(ctx: Context, conversation: Conversation): void {
  const { output } = ctx;
  const list: ConversationEvent[] = conversation.events ?? [];
  if (list.length === 0) {
    output.info('No events yet.');
    return;
  }
  let text = '\nEvents:\n';
  for (const event of list) {
    const reason = event.properties?.shutdown_reason ?? event.properties?.reason;
    text += `  ${event.timestamp ?? '-'}  ${event.event_type}${reason ? `  (${reason})` : ''}\n`;
  }
  const transcript = list.flatMap((event) => (event.event_type === 'application.transcription_ready' ? (event.properties?.transcript ?? []) : []));
  if (transcript.length > 0) {
    text += '\nTranscript:\n';
    for (const turn of transcript) {
      const role = typeof turn.role === 'string' ? turn.role : '?';
      const content = typeof turn.content === 'string' ? turn.content : JSON.stringify(turn.content ?? '');
      text += `  ${role}: ${content.replace(/\s+/g, ' ')}\n`;
    }
  }
  output.out(text);
}
