// The TEN app files of the design (TEN-framework's tavus-digital-human example): the app manifest,
// its property.json for each mode, the .env.example listing every variable that mode needs, and for
// LiveKit the livekit_rtc extension's source.
import { EXTENSION_NAME, extensionFiles } from './extension-files.js';
import { livekitDependencies, livekitGraph } from './livekit-app.js';

export const TEN_MODES = ['daily', 'livekit'] as const;
export type TenMode = (typeof TEN_MODES)[number];

export const APP_NAME = 'tavus_digital_human';

/** `tenapp/manifest.json`: a Go TEN app, as in the examples; for LiveKit also TEN's Node.js runtime and the graph's extensions. */
export function manifestJson(mode: TenMode = 'daily'): Record<string, unknown> {
  return {
    type: 'app',
    name: APP_NAME,
    version: '0.1.0',
    dependencies: mode === 'daily' ? [{ type: 'system', name: 'ten_runtime_go', version: '0.11' }] : livekitDependencies(),
    scripts: { start: 'scripts/start.sh' },
  };
}

/**
 * Daily (Tavus CVI): Tavus runs speech, the LLM and the video itself and the browser joins its Daily
 * room; the API server (`tavus-ten serve`) creates the conversation, so the auto-started graph is empty.
 */
function dailyProperty(): Record<string, unknown> {
  return {
    ten: {
      predefined_graphs: [
        {
          name: APP_NAME,
          auto_start: true,
          graph: { nodes: [], connections: [] },
        },
      ],
    },
  };
}

/** LiveKit (Tavus echo mode): the agent's own pipeline runs in TEN and the avatar joins the LiveKit room. */
function livekitProperty(): Record<string, unknown> {
  return { ten: { predefined_graphs: [livekitGraph()] } };
}

export function propertyJson(mode: TenMode): Record<string, unknown> {
  return mode === 'daily' ? dailyProperty() : livekitProperty();
}

interface EnvEntry {
  name: string;
  /** Shown after `=`: the default the placeholder falls back to, or an example. */
  value?: string;
  comment: string;
}

const TAVUS_ENTRIES: EnvEntry[] = [
  { name: 'TAVUS_API_KEY', comment: 'Your Tavus API key (https://platform.tavus.io → API keys). Stays on the server.' },
];

const DAILY_ENTRIES: EnvEntry[] = [
  ...TAVUS_ENTRIES,
  {
    name: 'TAVUS_PERSONA_ID',
    comment: 'The persona `tavus-ten serve` starts conversations with (a request may name another with persona_id).',
  },
  {
    name: 'TAVUS_REPLICA_ID',
    comment: 'The replica, needed when the persona has no default_replica_id (r90bbd427f71 is the stock "Anna").',
  },
];

const LIVEKIT_ENTRIES: EnvEntry[] = [
  ...TAVUS_ENTRIES,
  {
    name: 'TAVUS_PERSONA_ID',
    comment: 'An echo-mode LiveKit persona: `tavus-ten persona create --name avatar --echo-livekit -q` prints one.',
  },
  { name: 'TAVUS_REPLICA_ID', comment: 'The replica (face) of the avatar; r90bbd427f71 is the stock "Anna".' },
  { name: 'LIVEKIT_URL', comment: "Your LiveKit server, reachable from Tavus's cloud: wss://… (never localhost or a private address)." },
  { name: 'LIVEKIT_API_KEY', comment: 'LiveKit API key (project settings → Keys).' },
  { name: 'LIVEKIT_API_SECRET', comment: 'LiveKit API secret. Never commit it.' },
  { name: 'LIVEKIT_ROOM', value: 'tavus-ten', comment: 'The room the agent and the avatar join (optional; default tavus-ten).' },
  { name: 'LIVEKIT_AGENT_IDENTITY', value: 'ten-agent', comment: "The agent's identity in the room (optional; `conversation start --agent-identity` defaults to the same)." },
  { name: 'DEEPGRAM_API_KEY', comment: 'Speech-to-text (deepgram_asr).' },
  { name: 'DEEPGRAM_LANGUAGE', value: 'en-US', comment: 'Language the user speaks (optional; default en-US).' },
  { name: 'OPENAI_API_KEY', comment: 'The LLM that writes the replies (openai_llm).' },
  { name: 'OPENAI_MODEL', value: 'gpt-4o-mini', comment: 'Model name (optional; default gpt-4o-mini).' },
  { name: 'OPENAI_BASE_URL', value: 'https://api.openai.com/v1', comment: 'Any OpenAI-compatible endpoint (optional).' },
  { name: 'ELEVENLABS_TTS_KEY', comment: "Text-to-speech, the agent's voice (elevenlabs_tts)." },
  { name: 'ELEVENLABS_VOICE_ID', value: 'pNInz6obpgDQGcFmaJgB', comment: 'ElevenLabs voice (optional).' },
];

export function envEntries(mode: TenMode): EnvEntry[] {
  return mode === 'daily' ? DAILY_ENTRIES : LIVEKIT_ENTRIES;
}

export function envExample(mode: TenMode): string {
  const title =
    mode === 'daily'
      ? '# Tavus over Daily (CVI): `tavus-ten serve` creates conversations, the browser joins the Daily room.'
      : "# Tavus over LiveKit (echo mode): the TEN graph is the agent, the Tavus avatar joins your LiveKit room.";
  const lines = [
    `# Written by \`tavus-ten ten init --mode ${mode}\`. Copy it to .env, fill it in, and never commit .env.`,
    title,
    '# Check it with `tavus-ten doctor --tenapp tenapp`.',
    '',
  ];
  for (const entry of envEntries(mode)) lines.push(`# ${entry.comment}`, `${entry.name}=${entry.value ?? ''}`);
  return `${lines.join('\n')}\n`;
}

/** Files relative to the target directory, with their contents. */
export function tenAppFiles(mode: TenMode): { path: string; content: string }[] {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files = [
    { path: 'tenapp/manifest.json', content: json(manifestJson(mode)) },
    { path: 'tenapp/property.json', content: json(propertyJson(mode)) },
    { path: '.env.example', content: envExample(mode) },
  ];
  if (mode === 'livekit') {
    for (const file of extensionFiles()) files.push({ path: `tenapp/ten_packages/extension/${EXTENSION_NAME}/${file.path}`, content: file.content });
  }
  return files;
}
