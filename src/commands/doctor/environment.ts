// Environment checks: Node against `engines`, the config file and its mode, the active profile, where
// each setting came from, and the proxy variables the API client will honour.
import { statSync } from 'node:fs';
import { platform } from 'node:os';
import { ConfigError } from '../../errors.js';
import { mask } from '../../io/mask.js';
import { readConfigFile } from '../../settings/profile-store.js';
import type { Settings } from '../../settings/resolve.js';
import { describeSource, type Setting } from '../../settings/sources.js';
import { keyTrustProblem } from '../../settings/trust.js';
import { nodeVersion, requiredNodeRange } from '../../version.js';
import { fail, pass, warn, type Outcome } from './checks.js';
import { satisfies } from './node-range.js';
import { hideCredentials, isProxyUrl, proxyUrlFix } from '../../net/proxy.js';

export function checkNodeVersion(version = nodeVersion(), range = requiredNodeRange()): Outcome {
  if (!range) return pass(`Node ${version} (package.json names no engines.node range).`);
  const ok = satisfies(version, range);
  if (ok === undefined) return warn(`Cannot compare Node ${version} with the range ${JSON.stringify(range)}.`, 'Use Node 20.19 or newer.');
  if (!ok) {
    return fail(
      `Node ${version} does not satisfy tavus-ten's engines.node ${range}.`,
      `Install a Node that satisfies ${range} (e.g. \`nvm install 20\`), then run tavus-ten again.`,
    );
  }
  return pass(`Node ${version} satisfies ${range}.`);
}

/** The config file: readable, valid, and not readable by other users (it may hold the API key). */
export function checkConfigFile(path: string, os = platform()): Outcome {
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return fail(`${path} is not a file.`, `Move it away; \`tavus-ten auth login\` writes a new one.`);
    mode = stat.mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return pass(`No config file at ${path} (nothing saved with \`auth login\`); settings come from flags, the environment and .env.`);
    }
    return fail(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`, `Fix the permissions: \`chmod 600 ${path}\`.`);
  }
  let profiles: string[];
  try {
    profiles = Object.keys(readConfigFile(path).profiles).sort();
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message, error.hint ?? `Fix ${path} by hand, or move it away.`);
    throw error;
  }
  const saved = profiles.length === 0 ? 'no profiles' : `profiles: ${profiles.join(', ')}`;
  if (os !== 'win32' && (mode & 0o077) !== 0) {
    return warn(
      `${path} (${saved}) has mode ${octal(mode)}: other users on this machine can read it, and it may hold your API key.`,
      `chmod 600 ${path}`,
    );
  }
  return pass(`${path} (${saved}; mode ${os === 'win32' ? 'not checked on Windows' : octal(mode)}).`);
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

export function checkProfile(settings: Settings): Outcome {
  const name = settings.profile.value ?? 'default';
  const from = settings.profile.source === 'default' ? 'the default' : `from ${describeSource(settings.profile)}`;
  const saved = settings.profiles.includes(name) ? 'saved in the config file' : 'nothing saved under it';
  const others = settings.profiles.filter((profile) => profile !== name);
  return pass(`Profile "${name}" (${from}; ${saved})${others.length > 0 ? `; other profiles: ${others.join(', ')}` : ''}.`);
}

/** Where each setting came from: flag > environment > .env > profile > default. Secrets masked. */
export function checkSettingSources(settings: Settings): Outcome {
  const show = (label: string, setting: Setting<unknown>, secret = false) => {
    if (setting.value === undefined) return `${label} not set`;
    const value = secret ? mask(String(setting.value)) : String(setting.value);
    return `${label} ${value} (${describeSource(setting)})`;
  };
  const parts = [
    show('API key', settings.apiKey, true),
    show('base URL', settings.baseUrl),
    show('replica', settings.replicaId),
    show('persona', settings.personaId),
    show('LiveKit URL', settings.livekitUrl),
    show('LiveKit key', settings.livekitApiKey, true),
    show('LiveKit secret', settings.livekitApiSecret, true),
    show('timeout', { ...settings.timeout, value: `${settings.timeout.value} s` }),
  ];
  const untrusted = keyTrustProblem(settings);
  if (untrusted) return fail(`${parts.join(' · ')}. ${untrusted.message}`, untrusted.hint);
  return pass(`${parts.join(' · ')}.`);
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/** The proxy variables the Tavus client honours (undici's EnvHttpProxyAgent), credentials masked. */
export function checkProxy(env: Record<string, string | undefined>): Outcome {
  const set = PROXY_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  if (set.length === 0) return pass('No proxy variables set: requests go straight to the servers.');
  const bad = set.filter((name) => /^https?_proxy$/i.test(name) && !isProxyUrl(env[name]!));
  // A value that is not a URL is not shown at all: `user:pass@proxy:3128` has no scheme to mask after.
  const shown = set
    .map((name) => `${name}=${/NO_PROXY/i.test(name) ? env[name] : bad.includes(name) || !env[name]!.includes('//') ? '(not shown)' : hideCredentials(env[name]!)}`)
    .join(', ');
  if (bad.length > 0) {
    return fail(
      `${shown}: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an http(s) URL with a scheme, so every API call would fail.`,
      proxyUrlFix(bad[0]!),
    );
  }
  const used = set.filter((name) => /^(https?)_proxy$/i.test(name));
  if (used.length === 0) {
    return warn(`${shown}: only ALL_PROXY/NO_PROXY are set, and tavus-ten does not use ALL_PROXY.`, 'Set HTTPS_PROXY (and HTTP_PROXY) to your proxy to send API calls through it.');
  }
  return pass(`${shown}: Tavus API calls go through the proxy (the LiveKit server check connects directly).`);
}
