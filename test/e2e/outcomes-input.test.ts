// Issue 14 §3–§5 through the built CLI against the emulator: values Tavus documents as wrong are caught
// before sending, what is printed is what happened, and what users type (pipecat's empty echo prompt,
// a `persona get --json` clone, LIVEKIT_ROOM) is accepted.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { creates, useEmulator } from '../helpers/emulator.js';
import { startServe } from '../helpers/serve.js';

const LIVEKIT = { LIVEKIT_URL: '', LIVEKIT_API_KEY: 'APIkey123', LIVEKIT_API_SECRET: 'a-livekit-secret-of-at-least-32-chars!!' };
const { emulator, env } = useEmulator({ livekit: { apiKey: LIVEKIT.LIVEKIT_API_KEY, apiSecret: LIVEKIT.LIVEKIT_API_SECRET } });
beforeAll(() => {
  // The emulator answers LiveKit's RoomService too: it is the LiveKit server conversation start verifies against.
  LIVEKIT.LIVEKIT_URL = emulator.url.replace(/^http:/, 'ws:');
});

const sent = (method: string, path: string) => emulator.requests.filter((r) => r.method === method && r.path === path);

describe('§3 values Tavus documents as wrong are caught before sending', { timeout: 120_000 }, () => {
  it('--language en is exit 2 suggesting english, nothing sent (also under --dry-run)', async () => {
    for (const extra of [[], ['--dry-run']]) {
      const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--language', 'en', ...extra], { env });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain('--language english');
    }
    const pt = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--language', 'pt-BR'], { env });
    expect(pt.exitCode).toBe(2);
    expect(pt.stderr).toContain('portuguese');
    expect(emulator.requests).toHaveLength(0);
  });

  it("a bad URL's hint gives an example of that URL, and a duration of 0 is refused as 0s is; nothing sent", async () => {
    const before = emulator.requests.length;
    for (const [argv, message, hint] of [
      [['document', 'create', 'notaurl'], 'Invalid value "notaurl" for the document URL: expected an http(s) URL.', 'Pass a full URL such as https://example.com/handbook.pdf for the document URL.'],
      [['replica', 'create', '--name', 'x', '--train-video-url', 'ftp://x'], 'Invalid value "ftp://x" for --train-video-url: expected an http(s) URL.', 'Pass a full URL such as https://example.com/train.mp4 for --train-video-url.'],
      [['conversation', 'start', '--persona', 'pcb7a34da5fe', '--max-duration', '0'], 'The duration for --max-duration must be more than zero.', 'Use a duration such as 90s, 10m, 1h or 1h30m for --max-duration.'],
    ] as const) {
      const result = await runCli([...argv], { env });
      expect(result.exitCode, `${argv.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toBe(`Error: ${message}\nHint: ${hint}\n`);
    }
    expect(emulator.requests.length).toBe(before);
  });

  it('--language english and multilingual are sent as given', async () => {
    for (const language of ['english', 'multilingual']) {
      const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--language', language, '--test-mode', '-q'], { env });
      expect(result.exitCode, result.stderr).toBe(0);
      expect((creates(emulator).at(-1)!.body as { properties: { language: string } }).properties.language).toBe(language);
    }
  });

  it('--callback-url on localhost, a private address or .local warns (not against the emulator)', async () => {
    // A public API base (nothing listens there): --dry-run sends nothing, and the check is local.
    const publicApi = { TAVUS_API_BASE_URL: 'https://tavusapi.com', TAVUS_API_KEY: 'tvs_test_key_0000' };
    for (const url of ['http://localhost:3000/hook', 'http://192.168.1.20/hook', 'https://my-mac.local/hook', 'http://[::1]:8080/x']) {
      const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--callback-url', url, '--dry-run'], { env: publicApi });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/! --callback-url: .* cannot reach, .*public URL/);
    }
    const ok = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--callback-url', 'https://example.com/hook', '--dry-run'], { env: publicApi });
    expect(ok.stderr).not.toContain('--callback-url');
    // Against the emulator (itself local), a local callback is reachable: no warning, and it is sent.
    const local = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--callback-url', 'http://127.0.0.1:9/hook', '--test-mode', '-q'], { env });
    expect(local.exitCode).toBe(0);
    expect(local.stderr).not.toContain('--callback-url');
    expect((creates(emulator)[0]!.body as { callback_url: string }).callback_url).toBe('http://127.0.0.1:9/hook');
  });

  it('persona create/update --replica with a replica that failed or is still training warns', async () => {
    const training = await runCli(['persona', 'create', '--name', 'x', '--system-prompt', 'hi', '--replica', 'r3f427f41a5e', '-q'], { env });
    expect(training.exitCode).toBe(0);
    expect(training.stderr).toMatch(/! Replica r3f427f41a5e is still training/);
    const id = training.stdout.trim();
    const failed = await runCli(['persona', 'update', id, '--replica', 'rb17cf590e15'], { env });
    expect(failed.exitCode).toBe(0);
    expect(failed.stderr).toMatch(/! Replica rb17cf590e15 failed training/);
    const fine = await runCli(['persona', 'update', id, '--replica', 'r90bbd427f71'], { env });
    expect(fine.stderr).not.toContain('! Replica');
    expect(sent('GET', '/v2/replicas/rb17cf590e15')).toHaveLength(1);
  });
});

describe('§4 what is printed is what happened', { timeout: 120_000 }, () => {
  it('a browser that fails to start is a warning naming the URL', async () => {
    // No BROWSER: the `open` package's xdg-open finds no browser (no display, none on PATH) and exits non-zero.
    const bin = tempDir();
    const result = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--open'], {
      env: { ...env, PATH: `${bin.path}:/usr/bin:/bin`, DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
    });
    bin.cleanup();
    expect(result.exitCode, result.stderr).toBe(0);
    const id = [...emulator.state.conversations.keys()][0]!;
    expect(result.stderr).toMatch(new RegExp(`! Could not open a browser .*Open the URL yourself: \\S*${id}`));
  });

  it('conversation end/delete: exit 3 for a rejected key, 4 for an unknown id, as persona delete', async () => {
    const created = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--no-open', '-q'], { env });
    const id = created.stdout.trim();
    const badKey = { ...env, TAVUS_API_KEY: 'tvs_wrong_key' };
    for (const verb of [['end', id], ['delete', id, '--yes']]) {
      const rejected = await runCli(['conversation', ...verb], { env: badKey });
      expect(rejected.exitCode, `${verb[0]}: ${rejected.stderr}`).toBe(3);
      const unknown = await runCli(['conversation', verb[0]!, 'c000000000ff', ...verb.slice(2)], { env });
      expect(unknown.exitCode, `${verb[0]}: ${unknown.stderr}`).toBe(4);
      const json = await runCli(['conversation', verb[0]!, 'c000000000ff', ...verb.slice(2), '--json'], { env });
      expect(json.exitCode).toBe(4);
      expect(JSON.parse(json.stderr.trim().split('\n').at(-1)!).error.code).toBe('not_found');
    }
    const persona = await runCli(['persona', 'delete', 'p000000000ff', '--yes'], { env });
    expect(persona.exitCode).toBe(4);
  });

  it('--dry-run runs every local check: where the real run is exit 2, so is the dry run', async () => {
    const cases: string[][] = [
      ['conversation', 'start', '--persona', 'pcb7a34da5fe', '--language', 'de'],
      ['conversation', 'start', '--persona', 'pcb7a34da5fe', '--callback-url', 'ftp://x'],
      ['conversation', 'start', '--persona', 'pcb7a34da5fe', '--max-duration', '-5'],
      ['conversation', 'start', '--persona', 'pb87e71797da', '--transport', 'livekit'],
      ['conversation', 'start', '--persona', 'pb87e71797da', '--transport', 'livekit', '--room', 'r', '--agent-identity', 'tavus-avatar-agent'],
      ['persona', 'create', '--name', 'x'],
      ['persona', 'create', '--name', 'x', '--pipeline-mode', 'full', '--echo-livekit'],
    ];
    for (const args of cases) {
      const real = await runCli(args, { env: { ...env, ...LIVEKIT } });
      const dry = await runCli([...args, '--dry-run'], { env: { ...env, ...LIVEKIT } });
      expect(real.exitCode, `${args.join(' ')}: ${real.stderr}`).toBe(2);
      expect(dry.exitCode, `${args.join(' ')} --dry-run: ${dry.stderr}`).toBe(2);
    }
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('with --mock, no hint names a command that cannot reach the in-process emulator', async () => {
    const result = await runCli(['conversation', 'start', '--mock', '--no-open', '--no-wait'], { env: {} });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/tavus-ten conversation (end|get)/);
    expect(result.stderr).toContain('--wait');
  });
});

describe('§4 serve --mock', { timeout: 120_000 }, () => {
  it("the concurrency cap's hint does not send you to `conversation end --all-active`, which cannot reach serve's own emulator", async () => {
    const serve = await startServe(['--mock'], { env: { TAVUS_API_BASE_URL: '', TAVUS_API_KEY: '' } });
    try {
      const create = () =>
        fetch(`${serve.url}/api/tavus/conversation/create`, { method: 'POST', headers: { 'content-type': 'application/json', origin: serve.url }, body: '{}' });
      let answer: Response | undefined;
      // The emulator's cap is 3: the fourth create is refused.
      for (let index = 0; index < 4; index++) answer = await create();
      expect(answer!.status).toBe(429);
      const body = (await answer!.json()) as { data: { hint: string } };
      expect(body.data.hint).not.toMatch(/tavus-ten conversation end/);
      expect(body.data.hint).toMatch(/End one on the page/);
    } finally {
      await serve.stop();
    }
  });
});

describe('§5 things users type that we refuse or break', { timeout: 120_000 }, () => {
  it('an echo persona with "system_prompt": "" (pipecat) is created, with the unused-prompt warning; full mode is still refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'echo.json'), JSON.stringify({ persona_name: 'pipecat', pipeline_mode: 'echo', system_prompt: '' }));
    writeFileSync(join(dir.path, 'full.json'), JSON.stringify({ persona_name: 'full', system_prompt: '' }));
    const echo = await runCli(['persona', 'create', '--file', 'echo.json', '-q'], { env, cwd: dir.path });
    const full = await runCli(['persona', 'create', '--file', 'full.json', '-q'], { env, cwd: dir.path });
    dir.cleanup();
    expect(echo.exitCode, echo.stderr).toBe(0);
    expect(echo.stderr).toContain('does not use its system prompt');
    expect(sent('POST', '/v2/personas')).toHaveLength(1);
    expect(sent('POST', '/v2/personas')[0]!.body).toEqual({ persona_name: 'pipecat', pipeline_mode: 'echo' });
    expect(full.exitCode).toBe(2);
    expect(full.stderr).toContain('needs a system prompt');
  });

  it('persona get ID --json | persona create --file - --name copy works for every stock persona (null fields are not set)', async () => {
    const list = JSON.parse((await runCli(['persona', 'list', '--all', '--json'], { env })).stdout) as { persona_id: string }[];
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const { persona_id } of list) {
      const original = JSON.parse((await runCli(['persona', 'get', persona_id, '--json'], { env })).stdout) as Record<string, unknown>;
      const copy = await runCli(['persona', 'create', '--file', '-', '--name', 'copy', '-q'], { env, input: JSON.stringify(original) });
      expect(copy.exitCode, `${persona_id}: ${copy.stderr}`).toBe(0);
      const body = sent('POST', '/v2/personas').at(-1)!.body as Record<string, unknown>;
      expect(JSON.stringify(body)).not.toContain('null');
      expect(body.pipeline_mode ?? 'full').toBe(original.pipeline_mode ?? 'full');
      expect(body.layers ?? {}).toMatchObject(Object.fromEntries(Object.entries((original.layers as object) ?? {}).filter(([, v]) => v !== null)));
      const clone = JSON.parse((await runCli(['persona', 'get', copy.stdout.trim(), '--json'], { env })).stdout) as Record<string, unknown>;
      expect(clone.persona_name).toBe('copy');
      expect(clone.system_prompt ?? null).toBe(original.system_prompt ?? null);
    }
    // A persona whose optional fields are all null, as Tavus answers them.
    const nulls = { persona_name: 'n', pipeline_mode: 'echo', system_prompt: null, context: null, default_replica_id: null, document_ids: null, layers: { llm: null, transport: { transport_type: 'livekit' } } };
    const result = await runCli(['persona', 'create', '--file', '-', '-q'], { env, input: JSON.stringify(nulls) });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(sent('POST', '/v2/personas').at(-1)!.body).toEqual({ persona_name: 'n', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
  });

  it('conversation start --transport livekit honours LIVEKIT_ROOM (environment, .env, profile); --room wins', async () => {
    const dir = tempDir();
    const args = ['conversation', 'start', '--transport', 'livekit', '--persona', 'pb87e71797da', '--test-mode', '--no-open', '--json'];
    const roomSent = () => {
      const body = creates(emulator).at(-1)!.body as { properties: { livekit_room_token: string } };
      const payload = JSON.parse(Buffer.from(body.properties.livekit_room_token.split('.')[1]!, 'base64url').toString()) as { video: { room: string } };
      return payload.video.room;
    };
    const fromEnv = await runCli(args, { env: { ...env, ...LIVEKIT, LIVEKIT_ROOM: 'env-room' }, cwd: dir.path });
    expect(fromEnv.exitCode, fromEnv.stderr).toBe(0);
    expect(JSON.parse(fromEnv.stdout).livekit.room).toBe('env-room');
    expect(roomSent()).toBe('env-room');

    writeFileSync(join(dir.path, '.env'), 'LIVEKIT_ROOM=dotenv-room\n');
    const fromDotenv = await runCli(args, { env: { ...env, ...LIVEKIT }, cwd: dir.path });
    expect(fromDotenv.exitCode, fromDotenv.stderr).toBe(0);
    expect(roomSent()).toBe('dotenv-room');

    const flag = await runCli([...args, '--room', 'flag-room'], { env: { ...env, ...LIVEKIT }, cwd: dir.path });
    expect(roomSent()).toBe('flag-room');
    expect(flag.exitCode).toBe(0);

    const profileDir = tempDir();
    const set = await runCli(['config', 'set', 'livekit_room', 'profile-room'], { env, cwd: profileDir.path });
    expect(set.exitCode, set.stderr).toBe(0);
    const fromProfile = await runCli(args, { env: { ...env, ...LIVEKIT }, cwd: profileDir.path });
    expect(fromProfile.exitCode, fromProfile.stderr).toBe(0);
    expect(roomSent()).toBe('profile-room');

    const none = await runCli(args, { env: { ...env, ...LIVEKIT }, cwd: tempDir().path });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('LIVEKIT_ROOM');
    dir.cleanup();
    profileDir.cleanup();
  });

  it("ten init --mode livekit: the next steps run word for word, in order, against the emulator", async () => {
    const dir = tempDir();
    const bin = join(dir.path, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'tavus-ten'), `#!/bin/sh\nexec "${process.execPath}" "${join(import.meta.dirname, '../../bin/tavus-ten.js')}" "$@"\n`);
    chmodSync(join(bin, 'tavus-ten'), 0o755);
    // TEN's own tools are not on this machine: `git clone` lays out the files of TEN's checkout the steps
    // copy (voice-assistant's main control with its flush to agora_rtc, the Go entry point and scripts),
    // and `tman` records what it was asked. Every other step runs as it is.
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/sh\nset -e\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub(
      'git',
      [
        'for last; do :; done',
        'examples="$last/ai_agents/agents/examples"',
        'mkdir -p "$examples/voice-assistant/tenapp/ten_packages/extension/main_python" "$examples/voice-assistant-nodejs/tenapp/scripts"',
        'echo \'cmd = Cmd.create("flush", "agora_rtc")\' > "$examples/voice-assistant/tenapp/ten_packages/extension/main_python/extension.py"',
        'touch "$examples/voice-assistant-nodejs/tenapp/main.go" "$examples/voice-assistant-nodejs/tenapp/go.mod" "$examples/voice-assistant-nodejs/tenapp/go.sum"',
        'for script in install_deps build; do printf \'#!/bin/sh\\necho %s >> "$HOME/ten-calls"\\n\' "$script" > "$examples/voice-assistant-nodejs/tenapp/scripts/$script.sh"; chmod +x "$examples/voice-assistant-nodejs/tenapp/scripts/$script.sh"; done',
      ].join('\n'),
    );
    stub('tman', 'echo "tman $*" >> "$HOME/ten-calls"');
    const init = await runCli(['ten', 'init', 'app', '--mode', 'livekit', '--json'], { env, cwd: dir.path });
    expect(init.exitCode, init.stderr).toBe(0);
    const steps = (JSON.parse(init.stdout) as { next_steps: string[] }).next_steps;

    // The user fills in .env after copying it (step 1 says so): every value the graph needs.
    const fill = [
      `TAVUS_API_KEY=${emulator.apiKey}`, 'TAVUS_REPLICA_ID=r90bbd427f71', ...Object.entries(LIVEKIT).map(([k, v]) => `${k}=${v}`),
      'DEEPGRAM_API_KEY=dg', 'OPENAI_API_KEY=sk-test', 'ELEVENLABS_TTS_KEY=el',
    ];
    const script = [
      'set -e',
      steps[0]!,
      `grep -v -E '^(${fill.map((line) => line.split('=')[0]).join('|')})=' app/.env > app/.env.tmp; mv app/.env.tmp app/.env`,
      ...fill.map((line) => `echo '${line}' >> app/.env`),
      ...steps.slice(1).map((step, index) => `echo "::step ${index + 2}"; ${step.startsWith('tavus-ten doctor') ? `${step} --json > doctor.json || true` : step}`),
    ].join('\n');
    const { execa } = await import('execa');
    const result = await execa('sh', ['-c', script], {
      cwd: dir.path,
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir.path, CI: 'true', NO_COLOR: '1', TAVUS_API_BASE_URL: emulator.url, TAVUS_TEN_CONFIG_DIR: join(dir.path, 'cfg') },
      extendEnv: false,
      reject: false,
    });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    // Against the emulator (which is the LiveKit server here too) every check passes; the local LiveKit URL warns.
    const doctor = JSON.parse(readFileSync(join(dir.path, 'doctor.json'), 'utf8')) as { checks: { id: string; status: string }[] };
    expect(doctor.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
    expect(doctor.checks.find((c) => c.id === 'livekit.url')?.status).toBe('warn');
    // What the emulator received: the echo + livekit persona, then a conversation with it in LIVEKIT_ROOM.
    const persona = sent('POST', '/v2/personas')[0]!.body as Record<string, unknown>;
    expect(persona).toMatchObject({ persona_name: 'avatar', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
    const conversation = creates(emulator)[0]!.body as { persona_id: string; properties: { livekit_ws_url: string } };
    expect(conversation.persona_id).toMatch(/^p/);
    expect(conversation.properties.livekit_ws_url).toBe(LIVEKIT.LIVEKIT_URL);
    expect(result.stderr).toMatch(/Started conversation/);
    // TEN's side ran in the copied app: its main control now flushes livekit_rtc, and tman built and started it.
    const app = join(dir.path, 'ten-framework/ai_agents/agents/examples/tavus-livekit/tenapp');
    expect(readFileSync(join(app, 'ten_packages/extension/main_python/extension.py'), 'utf8')).toContain('"flush", "livekit_rtc"');
    expect(readFileSync(join(dir.path, 'ten-calls'), 'utf8').split('\n').filter(Boolean)).toEqual(['tman install', 'install_deps', 'build', 'tman run start']);
    dir.cleanup();
  });
});

describe('a refusal to ask says why nothing was asked', { timeout: 120_000 }, () => {
  it('names CI, --json or the missing terminal, whichever applies first, and sends nothing', async () => {
    emulator.state.personas.get('pcb7a34da5fe')!.persona_type = 'user'; // deletable, as one of ours
    const cases: [Record<string, string | undefined>, string[], RegExp][] = [
      [{ CI: 'true' }, [], /Nothing was asked because CI is set \(CI=true\)\./],
      [{ CI: undefined }, ['--json'], /Nothing was asked because --json was given\./],
      [{ CI: undefined }, [], /Nothing was asked because this is not an interactive terminal\./],
    ];
    for (const [extraEnv, flags, reason] of cases) {
      const result = await runCli(['persona', 'delete', 'pcb7a34da5fe', ...flags], { env: { ...env, ...extraEnv } });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(reason);
    }
    expect(sent('DELETE', '/v2/personas/pcb7a34da5fe')).toHaveLength(0);
  });
});
