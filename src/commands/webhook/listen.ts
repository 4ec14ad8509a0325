// `webhook listen`: a local receiver for Tavus's callbacks (the model: `stripe listen --forward-to`).
// Prints each request as it arrives, relays it unchanged to --forward-to, and runs until Ctrl-C, which
// is how it is meant to stop: exit 0 once the server is closed.
import * as z from '../../zod.js';
import { defineCommand, option } from '../kit.js';
import { numberFlag, PORT_RANGE } from '../../flags.js';
import { listenFailure } from '../common/listen.js';
import { untilStopped } from '../common/until-stopped.js';
import { unreachableFromTavus } from '../../conversations/reachable.js';
import { terminalSafe } from '../../io/terminal-text.js';

const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

export const webhookListen = defineCommand({
  names: ['listen'],
  description: "receive Tavus's callbacks on a local port and print each one (JSON lines with --json); --forward-to relays them to your handler",
  options: {
    port: option('--port <n>', 'port to listen on (default 0: a free one, printed)', z.pipe(z.string(), z.transform((value) => numberFlag(value, '--port', PORT_RANGE))), { default: '0' }),
    host: option('--host <address>', 'address to listen on (0.0.0.0: every interface)', z.string().check(z.trim(), z.minLength(1)), { default: '127.0.0.1', fix: 'Pass an address such as 127.0.0.1.' }),
    forwardTo: option('--forward-to <url>', 'relay each request, unchanged, to this URL (your handler) and print its answer', z.optional(httpUrlSchema), {
      fix: 'Pass a full URL such as http://localhost:3000/tavus/callback.',
    }),
  },
  examples: [
    'tavus-ten webhook listen --port 4242',
    'tavus-ten webhook listen --port 4242 --forward-to http://localhost:3000/tavus/callback',
    'tavus-ten webhook listen --json | jq -c "select(.event_type == \\"system.shutdown\\")"',
  ],
  handler: async (ctx, opts) => {
    const { startReceiver } = await import('../../webhook/receiver.js');
    const { receivedJson, receivedLine } = await import('../../webhook/report.js');
    const json = ctx.output.json;
    const receiver = await startReceiver({
      host: opts.host,
      port: opts.port,
      ...(opts.forwardTo ? { forwardTo: opts.forwardTo } : {}),
      forwardTimeoutMs: ctx.settings.timeout.value * 1000,
      signal: ctx.signal,
      onReceived: (received) => ctx.output.out(json ? receivedJson(received) : receivedLine(received)),
    }).catch((error: unknown) => {
      throw listenFailure(error, opts.host, opts.port) ?? error;
    });
    // --mock's emulator would live and die inside this listener, where no conversation can use it: no API base to speak of.
    const apiBase = ctx.global.mock ? undefined : (await ctx.tavus()).baseUrl.value;
    ctx.output.err(terminalSafe(advice(receiver.url, apiBase, opts.forwardTo)));
    // Ctrl-C is how a listener ends: not an error (the long-running server path mock and serve share).
    return untilStopped(ctx, async () => {
      await receiver.close();
      ctx.output.err('Stopped listening.\n');
    });
  },
});

/** Which --callback-url to give, for the emulator and for Tavus's cloud; where requests are relayed. */
function advice(url: string, apiBase: string | undefined, forwardTo: string | undefined): string {
  const lines = [`Listening for Tavus callbacks on ${url} (Ctrl-C to stop).`];
  const unreachable = unreachableFromTavus(url);
  if (unreachable === undefined) {
    lines.push(`  Pass --callback-url ${url} (or its public name) when you start a conversation.`);
  } else {
    const local = apiBase !== undefined && unreachableFromTavus(url, apiBase) === undefined && unreachableFromTavus(apiBase) !== undefined;
    lines.push(
      `  With the emulator (tavus-ten mock, --mock): --callback-url ${url}${local ? `   (your API base ${apiBase} is local: this works as is)` : ''}`,
      `  With Tavus's cloud: ${unreachable}. Expose the port with a tunnel (e.g. \`cloudflared tunnel --url ${url}\` or \`ngrok http ${new URL(url).port}\`) and pass its public https URL as --callback-url.`,
    );
  }
  if (forwardTo) lines.push(`  Relaying each request to ${forwardTo}.`);
  return `${lines.join('\n')}\n`;
}
