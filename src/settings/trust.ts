// Which settings may meet: a key saved with `auth login` (the profile) is never sent, silently, to
// an API base URL that a project's .env chose (a cloned repository can carry one).
import type { Settings } from './resolve.js';
import { describeSource } from './sources.js';

export interface TrustProblem {
  message: string;
  hint: string;
}

/** Undefined when the key may go to the base URL; else what is wrong and how to say it is fine. */
export function keyTrustProblem(settings: Pick<Settings, 'apiKey' | 'baseUrl'>): TrustProblem | undefined {
  const { apiKey, baseUrl } = settings;
  if (apiKey.value === undefined || apiKey.source !== 'profile' || baseUrl.source !== 'dotenv') return undefined;
  return {
    message:
      `The API key comes from ${describeSource(apiKey)} but the API base URL ${baseUrl.value} comes from ${describeSource(baseUrl)}, ` +
      'a project file: tavus-ten does not send a saved key to an address a project file chose.',
    hint:
      'If you trust that address, pass --base-url, export TAVUS_API_BASE_URL, or save it with `tavus-ten config set base_url URL`; ' +
      'or put the key for it (TAVUS_API_KEY) in that .env too. Otherwise remove TAVUS_API_BASE_URL from the .env.',
  };
}
