// LiveKit checks: a URL Tavus's cloud can reach, a key and secret that sign a token, and a server
// that accepts them (RoomService.ListRooms through livekit-server-sdk, against the URL's https origin).
import { mask } from '../../io/mask.js';
import { apiOrigin, checkLivekitCredentials, CREDENTIALS_HINT } from '../../livekit/server.js';
import { livekitUrlRules } from '../../livekit/conversation.js';
import { checkLivekitUrl, SHORT_SECRET_FIX, shortSecretProblem } from '../../livekit/url.js';
import { isLoopbackUrl } from '../../net/loopback.js';
import { mintJoinToken } from '../../livekit/token.js';
import type { Settings } from '../../settings/resolve.js';
import { describeSource } from '../../settings/sources.js';
import { fail, pass, skip, warn, type CheckList, type Outcome } from './checks.js';
import { withoutFinalPeriod } from '../../io/sentence.js';


export interface LivekitCheckInput {
  list: CheckList;
  settings: Settings;
  offline: boolean;
  /** Aborts the server call on Ctrl-C. */
  signal: AbortSignal;
}

export async function runLivekitChecks(input: LivekitCheckInput): Promise<void> {
  const { list, settings, offline } = input;
  const urlSetting = settings.livekitUrl;
  const apiKey = settings.livekitApiKey.value;
  const apiSecret = settings.livekitApiSecret.value;

  await list.run('LiveKit', 'livekit.url', () => {
    const verdict = checkLivekitUrl(urlSetting.value);
    // The messages name LIVEKIT_URL; say so when the value came from somewhere else.
    const origin = urlSetting.value === undefined || urlSetting.origin === 'LIVEKIT_URL' ? '' : ` (from ${describeSource(urlSetting)})`;
    // The loopback rule of `conversation start`: the Tavus emulator runs on this machine and can reach a
    // local LiveKit server, which Tavus's cloud never could: a warning, not a failure.
    const local = livekitUrlRules(urlSetting.value, isLoopbackUrl(settings.baseUrl.value)).allowLocal === true;
    if (!verdict.ok && local) {
      return warn(
        `${urlSetting.value}${origin} is local: fine with the Tavus emulator (${settings.baseUrl.value}), which runs on this machine; Tavus's cloud could never reach it.`,
        'For real Tavus, use the public wss:// URL of your LiveKit server.',
      );
    }
    if (!verdict.ok) return fail(`${withoutFinalPeriod(verdict.problem)}${origin}.`, verdict.fix);
    if (verdict.warning) return warn(`${urlSetting.value}${origin}: ${verdict.warning}`, 'Use the wss:// URL of your LiveKit server.');
    return pass(`${urlSetting.value}${origin} is a public address Tavus's cloud can reach.`);
  });

  const credentials = await list.run('LiveKit', 'livekit.credentials', async (): Promise<Outcome> => {
    const missing = [apiKey ? undefined : 'LIVEKIT_API_KEY', apiSecret ? undefined : 'LIVEKIT_API_SECRET'].filter(Boolean);
    if (missing.length > 0) return fail(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`, CREDENTIALS_HINT);
    const shown = `key ${mask(apiKey)} (${describeSource(settings.livekitApiKey)}), secret ${mask(apiSecret)} (${describeSource(settings.livekitApiSecret)})`;
    try {
      await mintJoinToken({ apiKey: apiKey!, apiSecret: apiSecret! }, { room: 'tavus-ten-doctor', identity: 'tavus-ten-doctor', ttlSeconds: 60 });
    } catch (error) {
      return fail(`A token cannot be signed with ${shown}: ${(error as Error).message}`, CREDENTIALS_HINT);
    }
    const short = shortSecretProblem(apiSecret!);
    if (short) return warn(`${shown}: a token signs, but ${short}.`, SHORT_SECRET_FIX);
    return pass(`${shown}; a join token signs.`);
  });

  await list.run('LiveKit', 'livekit.server', async (): Promise<Outcome> => {
    if (offline) return skip('Not checked (--offline).');
    const origin = urlSetting.value === undefined ? undefined : apiOrigin(urlSetting.value);
    if (!origin) return skip('Not checked: LIVEKIT_URL is missing or not a URL (see livekit.url).');
    if (credentials.status === 'fail') return skip('Not checked: no usable key and secret (see livekit.credentials).');
    const verdict = await checkLivekitCredentials({
      origin,
      credentials: { apiKey: apiKey!, apiSecret: apiSecret! },
      timeoutSeconds: settings.timeout.value,
      signal: input.signal,
    });
    return verdict.ok ? pass(verdict.message) : fail(verdict.message, verdict.hint);
  });
}
