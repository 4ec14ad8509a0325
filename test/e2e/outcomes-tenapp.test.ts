// doctor --tenapp reads a TEN app as the TEN runtime does (issue 14 §6): each used addon's own
// property.json counts (TEN's ElevenLabs extension ships "${env:ELEVENLABS_TTS_KEY|}"), an empty
// default on a key or URL warns, a placeholder in a number or boolean property fails, and a variable
// only this shell has warns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { runDoctorJson } from '../helpers/doctor.js';

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir();
  mkdirSync(join(dir.path, '.git')); // the repository root: .env files are looked for up to here
});
afterEach(() => dir.cleanup());

const json = (path: string, value: unknown) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
};

/** A TEN app whose graph uses TEN's ElevenLabs extension, as shipped (property.json and manifest.json). */
function writeApp(nodeProperty: Record<string, unknown>, extraNodes: unknown[] = []): string {
  const app = join(dir.path, 'tenapp');
  json(join(app, 'property.json'), {
    ten: {
      predefined_graphs: [
        {
          name: 'voice',
          auto_start: true,
          graph: { nodes: [{ type: 'extension', name: 'tts', addon: 'elevenlabs_tts2_python', property: nodeProperty }, ...extraNodes] },
        },
      ],
    },
  });
  const ext = join(app, 'ten_packages/extension/elevenlabs_tts2_python');
  json(join(ext, 'property.json'), {
    dump: false,
    params: { base_url: 'wss://api.elevenlabs.io/v1', key: '${env:ELEVENLABS_TTS_KEY|}', model_id: 'eleven_multilingual_v2' },
  });
  json(join(ext, 'manifest.json'), {
    type: 'extension',
    name: 'elevenlabs_tts2_python',
    version: '0.1.5',
    api: {
      property: {
        properties: {
          params: { type: 'object', properties: { api_key: { type: 'string' }, key: { type: 'string' }, request_timeout_seconds: { type: 'int64' }, speaker_boost: { type: 'bool' } } },
          dump: { type: 'bool' },
        },
      },
    },
  });
  return app;
}

const doctor = (app: string, env: Record<string, string | undefined> = {}) => runDoctorJson(['--offline', '--tenapp', app], { TAVUS_API_KEY: 'tvs_test_0000000000' }, { cwd: dir.path, env });

describe('doctor --tenapp reads the addons as TEN does', { timeout: 60_000 }, () => {
  it("an addon's own property.json placeholder counts: ${env:ELEVENLABS_TTS_KEY|} unset on a key warns, naming the addon file", async () => {
    const app = writeApp({ voice_id: 'v1' });
    const result = await doctor(app);
    expect(result.check('tenapp.property_json').message).toMatch(/and 1 in the addons' own property\.json/);
    expect(result.check('tenapp.env.ELEVENLABS_TTS_KEY')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/ELEVENLABS_TTS_KEY is not set, so TEN passes its empty default "" to addon elevenlabs_tts2_python \(tenapp[/\\]ten_packages[/\\]extension[/\\]elevenlabs_tts2_python[/\\]property\.json\) › params\.key, which holds a key/),
    });
    // Set in the .env the app loads: fine.
    writeFileSync(join(app, '.env'), 'ELEVENLABS_TTS_KEY=el-0123456789abcdef\n');
    expect((await doctor(app)).check('tenapp.env.ELEVENLABS_TTS_KEY').status).toBe('pass');
  });

  it('a graph node that sets the property overrides the addon default: it says so, and the variable is not needed', async () => {
    const app = writeApp({ params: { key: 'el-literal' } });
    const result = await doctor(app);
    expect(result.check('tenapp.env.ELEVENLABS_TTS_KEY')).toMatchObject({ status: 'pass', message: expect.stringMatching(/Not read: .*graph "voice" › node "tts" sets that property/) });
    // One node overrides, another does not: it still counts, and the override is named.
    const mixed = writeApp({ params: { key: 'el-literal' } }, [{ type: 'extension', name: 'tts2', addon: 'elevenlabs_tts2_python', property: {} }]);
    expect((await doctor(mixed)).check('tenapp.env.ELEVENLABS_TTS_KEY')).toMatchObject({ status: 'warn', message: expect.stringMatching(/overridden in graph "voice" › node "tts"/) });
  });

  it('${env:VAR|} on a property holding a URL or token warns like set-but-empty', async () => {
    const app = writeApp({ params: { base_url: '${env:TTS_BASE_URL|}', key: 'k', model_id: '${env:TTS_MODEL|}' } });
    const result = await doctor(app);
    expect(result.check('tenapp.env.TTS_BASE_URL')).toMatchObject({ status: 'warn', message: expect.stringMatching(/empty default ""/) });
    // A plain setting with an empty default is TEN's normal optional value.
    expect(result.check('tenapp.env.TTS_MODEL').status).toBe('pass');
  });

  it("a placeholder in a property the addon's manifest types as a number or boolean fails (TEN substitutes strings only)", async () => {
    const app = writeApp({ dump: '${env:TTS_DUMP|false}', params: { key: 'k', request_timeout_seconds: '${env:TTS_TIMEOUT}' } });
    writeFileSync(join(app, '.env'), 'TTS_TIMEOUT=30\n');
    const result = await doctor(app);
    expect(result.exitCode).toBe(1);
    expect(result.check('tenapp.env.TTS_DUMP')).toMatchObject({ status: 'fail', message: expect.stringMatching(/types this property as bool, and TEN substitutes env placeholders as strings only/) });
    expect(result.check('tenapp.env.TTS_TIMEOUT')).toMatchObject({ status: 'fail', message: expect.stringMatching(/as int64/) });
  });

  it('a required variable set only in this shell, in no .env the app loads, warns; in the .env it passes', async () => {
    const app = writeApp({ params: { key: '${env:ELEVENLABS_TTS_KEY}' } });
    const shellOnly = await doctor(app, { ELEVENLABS_TTS_KEY: 'el-0123456789abcdef' });
    expect(shellOnly.exitCode).toBe(0);
    expect(shellOnly.check('tenapp.env.ELEVENLABS_TTS_KEY')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/set only in this shell's environment/),
      hint: expect.stringMatching(/tman designer or a service manager does not inherit this shell/),
    });
    writeFileSync(join(app, '.env'), 'ELEVENLABS_TTS_KEY=el-0123456789abcdef\n');
    expect((await doctor(app, { ELEVENLABS_TTS_KEY: 'el-0123456789abcdef' })).check('tenapp.env.ELEVENLABS_TTS_KEY').status).toBe('pass');
  });
});
