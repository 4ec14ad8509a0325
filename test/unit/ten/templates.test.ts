// The TEN app templates: the shapes of the design, and every ${env:VAR} of property.json listed in .env.example.
import { describe, expect, it } from 'vitest';
import { envExample, manifestJson, propertyJson, TEN_MODES, tenAppFiles } from '../../../src/ten/templates.js';

/** Every `${env:NAME}` / `${env:NAME|default}` in a JSON document, with its default. */
function placeholders(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const match of text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?:\|([^}]*))?\}/g)) found.set(match[1]!, match[2]);
  return found;
}

/** `NAME=value` lines of an .env file. */
function envLines(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.set(match[1]!, match[2]!);
  }
  return entries;
}

describe('TEN app templates', () => {
  it('the manifest is the Go app tavus_digital_human on ten_runtime_go 0.11', () => {
    const manifest = manifestJson();
    expect(manifest).toMatchObject({ type: 'app', name: 'tavus_digital_human' });
    expect(manifest.dependencies).toContainEqual({ type: 'system', name: 'ten_runtime_go', version: '0.11' });
  });

  it('Daily: the auto-started tavus_digital_human graph with no nodes', () => {
    const graphs = (propertyJson('daily') as any).ten.predefined_graphs;
    expect(graphs).toEqual([{ name: 'tavus_digital_human', auto_start: true, graph: { nodes: [], connections: [] } }]);
  });

  it("LiveKit: TEN's voice-assistant graph with livekit_rtc in place of agora_rtc, and TEN 0.11's connections", () => {
    const [graph] = (propertyJson('livekit') as any).ten.predefined_graphs;
    expect(graph.name).toBe('tavus_livekit');
    expect(graph.graph.nodes.map((n: any) => `${n.name}:${n.addon}`)).toEqual([
      'livekit_rtc:livekit_rtc',
      'stt:deepgram_asr_python',
      'llm:openai_llm2_python',
      'tts:elevenlabs_tts2_python',
      'main_control:main_python',
      'streamid_adapter:streamid_adapter',
    ]);
    // Each flow as `from → to kind name`, whichever side the connection is written on.
    const flows = graph.graph.connections.flatMap((c: any) =>
      (['cmd', 'data', 'audio_frame'] as const).flatMap((kind) =>
        (c[kind] ?? []).flatMap((flow: any) =>
          (flow.names ?? [flow.name]).flatMap((name: string) => [
            ...(flow.dest ?? []).map((d: any) => `${c.extension} → ${d.extension} ${kind} ${name}`),
            ...(flow.source ?? []).map((s: any) => `${s.extension} → ${c.extension} ${kind} ${name}`),
          ]),
        ),
      ),
    );
    expect(flows.sort()).toEqual(
      [
        'livekit_rtc → main_control cmd on_user_joined',
        'livekit_rtc → main_control cmd on_user_left',
        'stt → main_control data asr_result',
        'tts → main_control data tts_audio_start',
        'tts → main_control data tts_audio_end',
        'livekit_rtc → streamid_adapter audio_frame pcm_frame',
        'tts → livekit_rtc audio_frame pcm_frame',
        'streamid_adapter → stt audio_frame pcm_frame',
      ].sort(),
    );
    const rtc = graph.graph.nodes[0].property;
    expect(rtc).toEqual({
      room_url: '${env:LIVEKIT_URL}',
      api_key: '${env:LIVEKIT_API_KEY}',
      api_secret: '${env:LIVEKIT_API_SECRET}',
      room_name: '${env:LIVEKIT_ROOM|tavus-ten}',
      identity: '${env:LIVEKIT_AGENT_IDENTITY|ten-agent}',
      input_sample_rate: 16000,
      output_sample_rate: 48000,
    });
    const text = JSON.stringify(graph);
    for (const expected of ['${env:DEEPGRAM_API_KEY}', '${env:OPENAI_API_KEY}', '${env:OPENAI_MODEL|gpt-4o-mini}', '${env:ELEVENLABS_TTS_KEY}']) {
      expect(text).toContain(expected);
    }
  });

  it('LiveKit: the manifest adds TEN\'s Node.js runtime and loader and reaches TEN\'s extensions by path; the extension\'s source is written beside', () => {
    expect((manifestJson('livekit') as any).dependencies).toEqual(
      expect.arrayContaining([
        { type: 'system', name: 'ten_runtime_nodejs', version: '0.11' },
        { type: 'addon_loader', name: 'nodejs_addon_loader', version: '0.11' },
        { path: '../../../ten_packages/extension/deepgram_asr_python' },
      ]),
    );
    const paths = tenAppFiles('livekit').map((file) => file.path);
    for (const file of ['manifest.json', 'property.json', 'package.json', 'tsconfig.json', 'README.md', 'src/index.ts', 'src/config.ts', 'src/listener.ts', 'src/speaker.ts']) {
      expect(paths).toContain(`tenapp/ten_packages/extension/livekit_rtc/${file}`);
    }
    expect(tenAppFiles('daily').map((file) => file.path)).toEqual(['tenapp/manifest.json', 'tenapp/property.json', '.env.example']);
  });

  it.each(TEN_MODES)('%s: every ${env:VAR} in property.json is in .env.example, with its default', (mode) => {
    const files = Object.fromEntries(tenAppFiles(mode).map((file) => [file.path, file.content]));
    const used = placeholders(files['tenapp/property.json']!);
    const listed = envLines(files['.env.example']!);
    for (const [name, fallback] of used) {
      expect(listed.has(name), `${name} missing from .env.example`).toBe(true);
      // Required variables are left empty to fill in; optional ones show the default they fall back to.
      expect(listed.get(name), name).toBe(fallback ?? '');
    }
    expect(listed.has('TAVUS_API_KEY')).toBe(true);
    expect(listed.has('TAVUS_PERSONA_ID')).toBe(true);
    if (mode === 'livekit') expect(used.size).toBeGreaterThanOrEqual(7);
  });

  it('.env.example has a comment for every variable and no values for secrets', () => {
    for (const mode of TEN_MODES) {
      const lines = envExample(mode).split('\n');
      lines.forEach((line, index) => {
        if (/^[A-Z_]+=/.test(line)) expect(lines[index - 1], line).toMatch(/^# \S/);
        if (/(KEY|SECRET)=/.test(line)) expect(line, line).toMatch(/=$/);
      });
    }
  });

  it('writes parseable JSON files ending with a newline', () => {
    for (const mode of TEN_MODES) {
      for (const file of tenAppFiles(mode).filter((f) => f.path.endsWith('.json'))) {
        expect(() => JSON.parse(file.content)).not.toThrow();
        expect(file.content.endsWith('}\n')).toBe(true);
      }
    }
  });
});
