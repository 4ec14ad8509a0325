// `livekit token`: a token for a person to join a LiveKit room, and a LiveKit Meet link that uses it.
// The token and the link are this command's deliberate output; the API secret never is.
import type { Command } from 'commander';
import * as z from 'zod/mini';
import type { Runtime } from '../context.js';
import { addCommands, defineCommand, examples, option } from './kit.js';
import { boundedDuration, checkedBy, livekitName } from '../flags.js';

const MAX_TTL_SECONDS = 30 * 86_400;

export function registerLivekitCommands(program: Command, runtime: Runtime): void {
  const livekit = program
    .command('livekit');
  examples(livekit, [
    'tavus-ten livekit token --room demo --open            # join your room in LiveKit Meet',
    'tavus-ten conversation start --transport livekit --room demo --persona pb87e71797da',
  ]);
  addCommands(livekit, runtime, [livekitToken]);
}

const livekitToken = defineCommand({
  names: ['token'],
  description: 'mint a token to join a LiveKit room, with a LiveKit Meet link (settings LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)',
  options: {
    // Checked once the settings are: no point asking for a room when no token can be minted.
    room: option('--room <name>', 'the room to join (prompted for when interactive)', z.optional(z.string())),
    identity: option(
      '--identity <id>',
      'participant identity, unique in the room (default: user-<random>)',
      checkedBy((value) => livekitName(value, '--identity', 'ID (unique in the room)')),
    ),
    name: option('--name <name>', 'display name (default: the identity)', checkedBy((value) => livekitName(value, '--name', '"Display name"'))),
    ttl: option(
      '--ttl <duration>',
      'how long the token can be used to join: 90s, 10m, 1h, 1d (at most 30d)',
      checkedBy((value) => boundedDuration(value, '--ttl', MAX_TTL_SECONDS, '30d')),
      { default: '1h' },
    ),
    open: option('--open', 'open the Meet link in a browser (BROWSER, or the system default)', z.optional(z.boolean())),
    livekitUrl: option('--livekit-url <url>', 'LiveKit server URL (env LIVEKIT_URL), e.g. wss://my-project.livekit.cloud', z.optional(z.string()), { setting: 'livekitUrl' }),
    livekitApiKey: option('--livekit-api-key <key>', 'LiveKit API key (env LIVEKIT_API_KEY)', z.optional(z.string()), { setting: 'livekitApiKey' }),
    livekitApiSecret: option(
      '--livekit-api-secret <secret>',
      'LiveKit API secret (env LIVEKIT_API_SECRET; prefer the env: flags end up in shell history)',
      z.optional(z.string()),
      { setting: 'livekitApiSecret' },
    ),
  },
  examples: [
    'tavus-ten livekit token --room demo --open            # join the room in LiveKit Meet',
    'tavus-ten livekit token --room demo --identity alice --name "Alice" --ttl 2h',
    'TOKEN=$(tavus-ten livekit token --room demo -q)',
    'tavus-ten livekit token --room demo --json | jq -r .join_url',
  ],
  handler: async (ctx, opts) => {
    const { resolveLivekitServer } = await import('../livekit/conversation.js');
    const { meetLink, mintJoinToken, newUserIdentity } = await import('../livekit/token.js');
    const server = resolveLivekitServer(ctx.settings, { allowLocal: true });
    // Doctor's rules, as warnings: a token a person can use at once beats a refusal here.
    const { checkLivekitUrl, isPrivateAddress, LOCAL_NAMES, SHORT_SECRET_FIX, shortSecretProblem } = await import('../livekit/url.js');
    const short = shortSecretProblem(server.credentials.apiSecret);
    if (short) ctx.output.warn(`The token is signed, but ${short}: the server may refuse it. ${SHORT_SECRET_FIX}`);
    const verdict = checkLivekitUrl(ctx.settings.livekitUrl.value, { allowLocal: true });
    const host = verdict.ok ? verdict.url.hostname.replace(/^\[|\]$/g, '') : '';
    if (verdict.ok && verdict.warning && !LOCAL_NAMES.test(host) && !isPrivateAddress(host)) {
      const given = ctx.settings.livekitUrl.value!.trim();
      const dialled = given === server.url ? '' : ` (dialled as ${server.url})`;
      ctx.output.warn(`${given}${dialled}: ${verdict.warning}`);
    }
    const ttlSeconds = opts.ttl!; // --ttl has a default
    const identity = opts.identity ?? newUserIdentity();
    const { name } = opts;
    const rawRoom = opts.room ?? (await ctx.prompter.text({ message: 'Room to join:', flag: '--room' }));
    const room = livekitName(rawRoom, '--room', 'NAME');

    const minted = await mintJoinToken(server.credentials, { room, identity, name, ttlSeconds, now: ctx.now() });
    const joinUrl = meetLink(server.url, minted.token);
    const { output } = ctx;
    output.debug(`Signed for LiveKit API key ${server.credentials.apiKey} (${ctx.settings.livekitApiKey.origin ?? 'unknown source'}).`);

    if (output.json) {
      // The token is this command's output (a person's way into the room), not a key to hide.
      output.printJson({ token: minted.token, url: server.url, room, identity, join_url: joinUrl, expires_at: minted.expiresAt }, { keep: ['token'] });
    } else if (output.quiet) {
      output.printIds([minted.token]);
    } else {
      output.printFields([
        ['room', room],
        ['identity', identity],
        ['name', name],
        ['url', server.url],
        ['expires', minted.expiresAt],
        ['token', minted.token],
        ['join', joinUrl],
      ]);
      output.info(output.chalk.dim(`Anyone with this token or link can join room ${room} as ${identity} until ${minted.expiresAt}.`));
    }
    if (opts.open === true) {
      const { openInBrowser } = await import('../io/browser.js');
      await openInBrowser(joinUrl, { env: ctx.env, output });
    }
  },
});
