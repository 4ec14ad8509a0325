// `webhook trigger EVENT --to URL`: POSTs one callback body of the documented shape to a handler, so it
// can be tested without a conversation (the model: `stripe trigger`). The handler's answer is printed;
// a non-2xx answer, a refused connection or a timeout is exit 1.
import * as z from '../../zod.js';
import { CheckFailedError, UsageError } from '../../errors.js';
import { terminalSafe } from '../../io/terminal-text.js';
import { defineCommand, option } from '../kit.js';
import { resourceId } from '../../flags.js';

/** Shown of the handler's answer body. */
const SHOWN_ANSWER_CHARS = 500;

export const webhookTrigger = defineCommand({
  names: ['trigger'],
  description: 'send one Tavus callback of the documented shape to your handler and print its answer (exit 1 when it fails)',
  args: [{ name: '<event>', description: 'system.replica_joined, system.shutdown, application.transcription_ready, … (see --help)' }],
  options: {
    to: option('--to <url>', "your handler's URL", z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }), {
      fix: 'Pass a full URL such as --to http://localhost:3000/tavus/callback.',
    }),
    conversation: option('--conversation <id>', 'the conversation id (or replica id, for replica.training) the body names (default: a made-up one)', z.optional(z.string())),
  },
  examples: [
    'tavus-ten webhook trigger system.shutdown --to http://localhost:3000/tavus/callback',
    'tavus-ten webhook trigger application.transcription_ready --to http://localhost:3000/tavus/callback --conversation c123456',
    'tavus-ten webhook trigger replica.training.error --to https://example.com/hooks/tavus --json',
  ],
  handler: async (ctx, opts, [eventName]) => {
    const { sampleBody, TRIGGER_EVENTS } = await import('../../webhook/samples.js');
    const event = TRIGGER_EVENTS.find((known) => known === eventName);
    if (event === undefined) {
      throw new UsageError(`Unknown event ${JSON.stringify(eventName)}.`, { hint: `Pass one of: ${TRIGGER_EVENTS.join(', ')}.` });
    }
    const training = event.startsWith('replica.');
    const id = opts.conversation === undefined ? (training ? 'r0000trigger' : 'c0000trigger') : resourceId(opts.conversation, training ? 'replica id (--conversation)' : 'conversation id (--conversation)');
    const body = sampleBody(event, id, ctx.now());
    const bytes = new TextEncoder().encode(JSON.stringify(body));

    const { deliver } = await import('../../webhook/forward.js');
    const answer = await deliver(opts.to, bytes, { 'content-type': 'application/json', 'user-agent': 'tavus-ten-webhook-trigger' }, {
      timeoutMs: ctx.settings.timeout.value * 1000,
      signal: ctx.signal,
    });
    if (ctx.output.json) {
      ctx.output.printJson({ event_type: event, url: opts.to, sent: body, answer });
    } else {
      const { describeAnswer } = await import('../../webhook/report.js');
      const shown = 'body' in answer && answer.body.trim() !== '' ? `\n${answer.body.trim().slice(0, SHOWN_ANSWER_CHARS)}` : '';
      ctx.output.out(terminalSafe(`${event} → ${opts.to}: ${describeAnswer(answer)}${shown}\n`));
    }
    if (!answer.ok) {
      throw new CheckFailedError(`The handler at ${opts.to} ${'status' in answer ? `answered ${answer.status}` : `did not answer: ${answer.error}`}.`, {
        hint: 'status' in answer ? 'A handler should answer 2xx once it has taken the callback; Tavus does not document retries.' : 'Start your handler, or check --to.',
      });
    }
  },
});
