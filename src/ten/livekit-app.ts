// The LiveKit (echo mode) TEN app: TEN's voice-assistant example (main control, speech-to-text, LLM,
// text-to-speech, the transport) with this package's livekit_rtc in place of agora_rtc, wired with the
// connections TEN 0.11 uses. The app lives in a TEN checkout at ai_agents/agents/examples/<name>/, so
// its manifest reaches TEN's extensions by path, as TEN's own examples do.

/** TEN extensions the graph uses, from ai_agents/agents/ten_packages/extension/ of a TEN checkout. */
const TEN_EXTENSIONS = ['streamid_adapter', 'deepgram_asr_python', 'openai_llm2_python', 'elevenlabs_tts2_python'];

/** The app manifest's dependencies (voice-assistant-nodejs's runtime set, plus the extensions used). */
export function livekitDependencies(): Record<string, unknown>[] {
  return [
    { type: 'system', name: 'ten_runtime_go', version: '0.11' },
    { type: 'system', name: 'ten_runtime_nodejs', version: '0.11' },
    { type: 'addon_loader', name: 'nodejs_addon_loader', version: '0.11' },
    { type: 'system', name: 'ten_ai_base', version: '0.7' },
    ...TEN_EXTENSIONS.map((name) => ({ path: `../../../ten_packages/extension/${name}` })),
  ];
}

export const LIVEKIT_GRAPH = 'tavus_livekit';

/** The graph: room audio → streamid_adapter → stt → main_control → llm → tts → livekit_rtc → room. */
export function livekitGraph(): Record<string, unknown> {
  const from = (extension: string) => [{ extension }];
  return {
    name: LIVEKIT_GRAPH,
    auto_start: true,
    graph: {
      nodes: [
        {
          type: 'extension',
          name: 'livekit_rtc',
          addon: 'livekit_rtc',
          extension_group: 'default',
          property: {
            room_url: '${env:LIVEKIT_URL}',
            api_key: '${env:LIVEKIT_API_KEY}',
            api_secret: '${env:LIVEKIT_API_SECRET}',
            room_name: '${env:LIVEKIT_ROOM|tavus-ten}',
            identity: '${env:LIVEKIT_AGENT_IDENTITY|ten-agent}',
            // Numbers, not placeholders: TEN checks them against the manifest's int32 before the extension runs.
            input_sample_rate: 16000,
            output_sample_rate: 48000,
          },
        },
        {
          type: 'extension',
          name: 'stt',
          addon: 'deepgram_asr_python',
          extension_group: 'stt',
          property: { params: { api_key: '${env:DEEPGRAM_API_KEY}', language: '${env:DEEPGRAM_LANGUAGE|en-US}', model: 'nova-3' } },
        },
        {
          type: 'extension',
          name: 'llm',
          addon: 'openai_llm2_python',
          extension_group: 'chatgpt',
          property: {
            base_url: '${env:OPENAI_BASE_URL|https://api.openai.com/v1}',
            api_key: '${env:OPENAI_API_KEY}',
            model: '${env:OPENAI_MODEL|gpt-4o-mini}',
            max_tokens: 512,
            prompt: 'You are a friendly assistant with a face. Keep your answers short and conversational.',
            max_memory_length: 10,
          },
        },
        {
          type: 'extension',
          name: 'tts',
          addon: 'elevenlabs_tts2_python',
          extension_group: 'tts',
          property: {
            params: {
              key: '${env:ELEVENLABS_TTS_KEY}',
              model_id: 'eleven_multilingual_v2',
              voice_id: '${env:ELEVENLABS_VOICE_ID|pNInz6obpgDQGcFmaJgB}',
              output_format: 'pcm_16000',
            },
          },
        },
        {
          type: 'extension',
          name: 'main_control',
          addon: 'main_python',
          extension_group: 'control',
          property: { greeting: 'Hello! How can I help you today?' },
        },
        { type: 'extension', name: 'streamid_adapter', addon: 'streamid_adapter', property: {} },
      ],
      connections: [
        {
          extension: 'main_control',
          cmd: [{ names: ['on_user_joined', 'on_user_left'], source: from('livekit_rtc') }],
          data: [
            { name: 'asr_result', source: from('stt') },
            { name: 'tts_audio_start', source: from('tts') },
            { name: 'tts_audio_end', source: from('tts') },
          ],
        },
        {
          extension: 'livekit_rtc',
          audio_frame: [
            { name: 'pcm_frame', dest: [{ extension: 'streamid_adapter' }] },
            { name: 'pcm_frame', source: from('tts') },
          ],
        },
        { extension: 'streamid_adapter', audio_frame: [{ name: 'pcm_frame', dest: [{ extension: 'stt' }] }] },
      ],
    },
  };
}
