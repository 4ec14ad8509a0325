// `tavus-ten ten init`: scaffolds the TEN app files of the Tavus example (manifest, property.json with
// the Daily or LiveKit graph, .env.example) and says what to run next.
import type { Command } from 'commander';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as z from '../zod.js';
import type { Context, Runtime } from '../context.js';
import { addCommands, defineCommand, examples, option } from './kit.js';
import { TEN_MODES, type TenMode } from '../ten/templates.js';

export function registerTenCommands(program: Command, runtime: Runtime): void {
  const ten = examples(program.command('ten'), [
    'tavus-ten ten init my-agent',
    'tavus-ten ten init my-agent --mode livekit',
  ]);
  addCommands(ten, runtime, [tenInit]);
}

const tenInit = defineCommand({
  names: ['init'],
  description: 'write the TEN app files: tenapp/manifest.json, tenapp/property.json and .env.example (LiveKit: also the livekit_rtc extension)',
  args: [{ name: '[dir]', description: 'where to write tenapp/ and .env.example (default: the current directory)' }],
  options: {
    mode: option('--mode <mode>', 'daily (Tavus CVI, the default) or livekit (echo-mode avatar in your LiveKit room)', z.optional(z.enum(TEN_MODES)), {
      fix: `Use one of: ${TEN_MODES.join(', ')}.`,
    }),
    force: option('--force', 'overwrite files that already exist', z.optional(z.boolean())),
  },
  examples: [
    'tavus-ten ten init my-agent                    # Daily: Tavus runs the whole conversation',
    'tavus-ten ten init my-agent --mode livekit     # LiveKit: livekit_rtc → stt → main_control → llm → tts → livekit_rtc',
    'tavus-ten ten init . --force --json',
  ],
  handler: (ctx, opts, [dir]) => init(ctx, opts.mode, opts.force === true, dir),
});

async function init(ctx: Context, flagMode: TenMode | undefined, force: boolean, dir: string | undefined): Promise<void> {
  let mode: TenMode | undefined = flagMode;
  mode ??= ctx.prompter.canPrompt
    ? await ctx.prompter.select<TenMode>({
        message: 'Which transport?',
        flag: '--mode',
        default: 'daily',
        choices: [
          { name: 'Daily', value: 'daily', description: 'Tavus CVI: Tavus runs speech, the LLM and the video; the page embeds its room' },
          { name: 'LiveKit', value: 'livekit', description: 'echo mode: your TEN graph is the agent, the avatar joins your LiveKit room' },
        ],
      })
    : 'daily';
  const target = resolve(ctx.cwd, dir ?? '.');
  const { initTenApp } = await import('../ten/init.js');
  const written = initTenApp({ dir: target, mode, force });

  const shown = (path: string) => {
    const rel = relative(ctx.cwd, path);
    return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  };
  const shownDir = shown(target);
  const steps = nextSteps(mode, shownDir);
  const { output } = ctx;
  if (output.json) {
    output.printJson({
      dir: target,
      mode,
      files: written.map((file) => ({ path: file.path, name: file.name, action: file.action })),
      next_steps: steps,
    });
    return;
  }
  output.out(written.map((file) => `${shown(file.path)}\n`).join(''));
  const overwritten = written.filter((file) => file.action === 'overwritten').length;
  output.success(
    `Wrote the TEN app for ${mode === 'daily' ? 'Daily (Tavus CVI)' : 'LiveKit (echo mode)'} in ${shownDir === '.' ? 'the current directory' : shownDir}` +
      (overwritten > 0 ? ` (${overwritten} file${overwritten === 1 ? '' : 's'} overwritten).` : '.'),
  );
  output.info(`\nNext steps:\n${steps.map((step, index) => `  ${index + 1}. ${step}`).join('\n')}`);
}

function nextSteps(mode: TenMode, dir: string): string[] {
  const at = (path: string) => (dir === '.' ? path : join(dir, path));
  const envFile = at('.env');
  const common = [`cp ${at('.env.example')} ${envFile}   # then fill it in; never commit .env`];
  if (mode === 'daily') {
    return [
      ...common,
      `tavus-ten doctor --tenapp ${at('tenapp')} --env-file ${envFile}`,
      `tavus-ten serve --env-file ${envFile}   # the playground's API on :8080 and a page to try it`,
      "The Go entry point (main.go, go.mod, scripts/start.sh) comes from TEN's tavus-digital-human example.",
    ];
  }
  // Each step runs as printed, in order, in one shell (a test runs them all against the emulator, with
  // TEN's own tools stubbed). The app runs inside a TEN checkout (its manifest reaches TEN's extensions by
  // relative path), from TEN's main control and Go entry point. The persona id goes into the .env, so a
  // second terminal has it too.
  const app = '~/ten-framework/ai_agents/agents/examples/tavus-livekit';
  return [
    ...common,
    `echo "TAVUS_PERSONA_ID=$(tavus-ten persona create --name avatar --echo-livekit --if-missing -q --env-file ${envFile})" >> ${envFile}`,
    `tavus-ten doctor --mode livekit --tenapp ${at('tenapp')} --env-file ${envFile}`,
    'git clone --depth 1 https://github.com/TEN-framework/ten-framework ~/ten-framework   # TEN itself (tman, Go, Node.js and Python: see its README)',
    `cp -r ${dir} ${app} && cd ${app}/tenapp`,
    'cp -r ../../voice-assistant/tenapp/ten_packages/extension/main_python ten_packages/extension/ && sed -i \'s/"flush", "agora_rtc"/"flush", "livekit_rtc"/\' ten_packages/extension/main_python/extension.py   # TEN\'s main control, sending flush to livekit_rtc',
    'cp -r ../../voice-assistant-nodejs/tenapp/main.go ../../voice-assistant-nodejs/tenapp/go.mod ../../voice-assistant-nodejs/tenapp/go.sum ../../voice-assistant-nodejs/tenapp/scripts .   # TEN\'s Go entry point and build scripts',
    'tman install && ./scripts/install_deps.sh && ./scripts/build.sh   # builds livekit_rtc too',
    'set -a && . ../.env && set +a && tman run start   # the agent joins the LiveKit room',
    'tavus-ten conversation start --transport livekit --env-file ../.env   # in a second terminal, in the same directory: the avatar joins LIVEKIT_ROOM',
  ];
}
