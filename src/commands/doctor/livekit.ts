// LiveKit checks: a URL Tavus's cloud can reach, a key and secret that sign a token, and a server
// that accepts them (RoomService.ListRooms through livekit-server-sdk, against the URL's https origin).
import { findErrorCode } from '../../api/classify/index.js';
import { InterruptedError, interruptionOf } from '../../errors.js';
import { mask } from '../../io/mask.js';
import { checkLivekitUrl } from '../../livekit/url.js';
import { mintJoinToken } from '../../livekit/token.js';
import { describeOrigin, type Settings } from '../../settings/resolve.js';
import { fail, pass, skip, warn, type CheckList, type Outcome } from './checks.js';

const CREDENTIALS_HINT =
  "Set LIVEKIT_API_KEY and LIVEKIT_API_SECRET to a key pair of the LiveKit project at LIVEKIT_URL (LiveKit Cloud: the project's Settings › API keys).";
/** LiveKit servers warn about (and newer ones refuse) secrets shorter than this. */
const MIN_SECRET_LENGTH = 32;

export interface LivekitCheckInput {
  list: CheckList;
  settings: Settings;
  offline: boolean;
  /** Aborts the server call on Ctrl-C. */
  signal: AbortSignal;
}

/** `wss://host/path` → `https://host`, `ws://…` → `http://…`: where LiveKit's server API lives. */
export function apiOrigin(livekitUrl: string): string | undefined {
  try {
    const url = new URL(livekitUrl.trim());
    const protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
    if (protocol !== 'https:' && protocol !== 'http:') return undefined;
    return `${protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}

export async function runLivekitChecks(input: LivekitCheckInput): Promise<void> {
  const { list, settings, offline } = input;
  const urlSetting = settings.livekitUrl;
  const apiKey = settings.livekitApiKey.value;
  const apiSecret = settings.livekitApiSecret.value;

  await list.run('LiveKit', 'livekit.url', () => {
    const verdict = checkLivekitUrl(urlSetting.value);
    // The messages name LIVEKIT_URL; say so when the value came from somewhere else.
    const origin = urlSetting.value === undefined || urlSetting.origin === 'LIVEKIT_URL' ? '' : ` (from ${describeOrigin(urlSetting)})`;
    if (!verdict.ok) return fail(`${verdict.problem.replace(/\.$/, '')}${origin}.`, verdict.fix);
    if (verdict.warning) return warn(`${urlSetting.value}${origin}: ${verdict.warning}`, 'Use the wss:// URL of your LiveKit server.');
    return pass(`${urlSetting.value}${origin} is a public address Tavus's cloud can reach.`);
  });

  const credentials = await list.run('LiveKit', 'livekit.credentials', async (): Promise<Outcome> => {
    const missing = [apiKey ? undefined : 'LIVEKIT_API_KEY', apiSecret ? undefined : 'LIVEKIT_API_SECRET'].filter(Boolean);
    if (missing.length > 0) return fail(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`, CREDENTIALS_HINT);
    const shown = `key ${mask(apiKey)} (${describeOrigin(settings.livekitApiKey)}), secret ${mask(apiSecret)} (${describeOrigin(settings.livekitApiSecret)})`;
    try {
      await mintJoinToken({ apiKey: apiKey!, apiSecret: apiSecret! }, { room: 'tavus-ten-doctor', identity: 'tavus-ten-doctor', ttlSeconds: 60 });
    } catch (error) {
      return fail(`A token cannot be signed with ${shown}: ${(error as Error).message}`, CREDENTIALS_HINT);
    }
    if (apiSecret!.length < MIN_SECRET_LENGTH) {
      return warn(
        `${shown}: a token signs, but the secret has ${apiSecret!.length} characters and LiveKit servers expect at least ${MIN_SECRET_LENGTH}.`,
        'Use the full secret of your LiveKit project (copy it again; it may have been cut).',
      );
    }
    return pass(`${shown}; a join token signs.`);
  });

  await list.run('LiveKit', 'livekit.server', async (): Promise<Outcome> => {
    if (offline) return skip('Not checked (--offline).');
    const origin = urlSetting.value === undefined ? undefined : apiOrigin(urlSetting.value);
    if (!origin) return skip('Not checked: LIVEKIT_URL is missing or not a URL (see livekit.url).');
    if (credentials.status === 'fail') return skip('Not checked: no usable key and secret (see livekit.credentials).');
    const timeoutSeconds = settings.timeout.value ?? 30;
    const { RoomServiceClient } = await import('livekit-server-sdk');
    const rooms = new RoomServiceClient(origin, apiKey, apiSecret, { requestTimeout: timeoutSeconds, failover: false });
    try {
      const found = await abortable(rooms.listRooms(), input.signal);
      return pass(`${origin} accepted the key and secret (ListRooms: ${found.length} active room${found.length === 1 ? '' : 's'}).`);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      return serverFailure(origin, error, timeoutSeconds);
    }
  });
}

function serverFailure(origin: string, error: unknown, timeoutSeconds: number): Outcome {
  const status = (error as { status?: unknown }).status;
  const said = error instanceof Error ? error.message.trim() : String(error);
  if (status === 401 || status === 403) {
    return fail(`${origin} rejected the key and secret (${status}${said ? `: ${said}` : ''}).`, CREDENTIALS_HINT);
  }
  if (typeof status === 'number') {
    return fail(
      `${origin} answered ListRooms with HTTP ${status}${said ? ` (${said.slice(0, 120)})` : ''}.`,
      'Check that LIVEKIT_URL points at your LiveKit server itself, not at a web page or a proxy in front of it.',
    );
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return fail(`No answer from ${origin} within ${timeoutSeconds} s.`, 'Check that the LiveKit server is up and reachable from here (firewall, VPN).');
  }
  const code = findErrorCode(error);
  return fail(
    `Cannot reach ${origin}${code ? ` (${code})` : said ? ` (${said})` : ''}.`,
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'Check the host name in LIVEKIT_URL.' : 'Check LIVEKIT_URL and that the LiveKit server is up and reachable from here.',
  );
}

/** Rejects with the signal's InterruptedError when Ctrl-C comes first. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(interruptionOf(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interruptionOf(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

