// Every environment variable tavus-ten reads, with its meaning: the one list behind
// `help environment`, `config` help and the README. Settings come from SETTING_DEFINITIONS
// (so a new setting cannot be forgotten: the descriptions below must cover every one).
import { SETTING_DEFINITIONS, type SettingName } from './resolve.js';

/** One line per setting, for `help environment`, `config --help` and `config list`. */
export const SETTING_DESCRIPTIONS = {
  apiKey: 'Tavus API key. Prefer `tavus-ten auth login` (saved with mode 0600) over --api-key (shell history).',
  baseUrl: 'Tavus API base URL, without /v2. Default https://tavusapi.com; `tavus-ten mock` prints a local one.',
  replicaId: 'Default replica (Tavus "face") for conversations, e.g. r90bbd427f71.',
  personaId: 'Default persona (Tavus "PAL") for conversations, smoke and serve.',
  livekitUrl: "Your LiveKit server's wss:// URL; it must be reachable from Tavus's cloud (not localhost).",
  livekitApiKey: 'LiveKit API key, used with the secret to mint room tokens.',
  livekitApiSecret: 'LiveKit API secret, used to sign room tokens. Never printed.',
  livekitRoom: 'LiveKit room the avatar joins (`conversation start --transport livekit`, as --room); `ten init --mode livekit` writes it.',
  livekitAgentIdentity:
    "Your agent's identity in the LiveKit room, which the avatar publishes on behalf of (as --agent-identity; default ten-agent); `ten init --mode livekit`'s app joins as it.",
  timeout: 'Per-request timeout: a number of seconds above 0 and at most 3600 (e.g. 30, or 0.5). Default 30.',
} as const satisfies Record<SettingName, string>;

export type VariableGroup = 'settings' | 'tool' | 'output' | 'network';

export interface EnvironmentVariable {
  name: string;
  description: string;
  group: VariableGroup;
  /** The flag that overrides it, if any. */
  flag: string | null;
  /** The saved-profile key (`config set KEY`), if any. */
  config_key: string | null;
  /** For a deprecated alias: the main name, which wins when both are set. */
  alias_of: string | null;
  secret: boolean;
}

/** The variables that are not profile settings. */
const OTHER_VARIABLES: ReadonlyArray<Omit<EnvironmentVariable, 'alias_of' | 'secret' | 'config_key'> & { config_key?: string }> = [
  {
    name: 'TAVUS_TEN_PROFILE',
    group: 'tool',
    flag: '--profile',
    description: 'Saved profile to use (default "default"). `tavus-ten config list --profiles` lists them.',
  },
  {
    name: 'TAVUS_TEN_CONFIG_DIR',
    group: 'tool',
    flag: null,
    description: "Directory of config.json, the saved profiles (default: the OS config dir, ~/.config/tavus-ten-nodejs on Linux).",
  },
  { name: 'TAVUS_TEN_DEBUG', group: 'tool', flag: null, description: 'Set to 1 to print a stack trace on an unexpected error (secrets masked).' },
  {
    name: 'BROWSER',
    group: 'tool',
    flag: null,
    description: 'A command run with a URL as its one argument instead of the default browser (e.g. "firefox").',
  },
  {
    name: 'CI',
    group: 'tool',
    flag: '--no-input',
    description: 'When set (and not "false"/"0"), never prompt: a missing value is exit 2 naming the flag.',
  },
  { name: 'SHELL', group: 'tool', flag: null, description: 'Your login shell: `tavus-ten completion` without an argument suggests the matching script.' },
  { name: 'NO_COLOR', group: 'output', flag: '--no-color', description: 'Any non-empty value turns colour off.' },
  { name: 'FORCE_COLOR', group: 'output', flag: null, description: 'Turns colour on even when not on a terminal ("0" or "false" do not).' },
  { name: 'TERM', group: 'output', flag: null, description: '"dumb" turns colour off.' },
  { name: 'HTTPS_PROXY', group: 'network', flag: null, description: 'Proxy for API calls over https (lower case https_proxy too).' },
  { name: 'HTTP_PROXY', group: 'network', flag: null, description: 'Proxy for API calls over http (lower case http_proxy too).' },
  { name: 'NO_PROXY', group: 'network', flag: null, description: 'Hosts reached without the proxy, comma-separated (lower case no_proxy too); loopback never goes through a proxy.' },
  {
    name: 'TAVUS_TEN_ALLOW_HTTP',
    group: 'network',
    flag: null,
    description: '"1" allows a plain http:// API base URL on another machine (the key then travels unencrypted); only from the real environment, never a .env.',
  },
];

/** Every variable tavus-ten reads, settings first (in SETTING_DEFINITIONS order, aliases after their main name). */
export function environmentVariables(): EnvironmentVariable[] {
  const variables: EnvironmentVariable[] = [];
  for (const [name, definition] of Object.entries(SETTING_DEFINITIONS) as Array<[SettingName, (typeof SETTING_DEFINITIONS)[SettingName]]>) {
    const [main, ...aliases] = definition.env;
    const secret = 'secret' in definition && definition.secret === true;
    variables.push({
      name: main,
      description: SETTING_DESCRIPTIONS[name],
      group: 'settings',
      flag: definition.flag,
      config_key: definition.profileKey,
      alias_of: null,
      secret,
    });
    for (const alias of aliases) {
      variables.push({
        name: alias,
        description: `Deprecated alias of ${main} (Tavus's new name); ${main} wins when both are set.`,
        group: 'settings',
        flag: definition.flag,
        config_key: definition.profileKey,
        alias_of: main,
        secret,
      });
    }
  }
  for (const variable of OTHER_VARIABLES) {
    variables.push({ ...variable, config_key: variable.config_key ?? null, alias_of: null, secret: false });
  }
  return variables;
}
