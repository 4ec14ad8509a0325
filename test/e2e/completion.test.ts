// `completion bash|zsh|fish`: the scripts are generated from the command tree, and the bash one
// really completes when bash loads it (the completion function is called with COMP_WORDS set).
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionScript } from '../../src/completion/scripts.js';
import { completionTree } from '../../src/completion/tree.js';
import { buildProgram } from '../../src/program.js';
import { captureIO } from '../helpers/capture.js';
import { tierAvailable } from '../helpers/tier.js';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('tt-completion-');
let bashScript: string;

beforeAll(async () => {
  const result = await runCli(['completion', 'bash']);
  expect(result.exitCode).toBe(0);
  bashScript = join(dir.path, 'tavus-ten.bash');
  writeFileSync(bashScript, result.stdout);
});
afterAll(() => dir.cleanup());

const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/** Loads the script in bash, "types" the words (the last one is being completed), returns COMPREPLY. */
function complete(script: string, words: string[], fn = '_tavus_ten', env: Record<string, string> = {}): string[] {
  const program = [
    'source "$1"; shift',
    'COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}',
    `${fn}`,
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', script, ...words], {
    encoding: 'utf8',
    cwd: dir.path,
    env: { PATH: process.env.PATH ?? '', HOME: dir.path, ...env },
  });
  return out.split('\n').filter((line) => line !== '');
}

describe('bash completion of the real command tree', () => {
  // Data-driven: [words typed (the last is being completed), what must be offered, what must not].
  const cases: Array<[string[], string[], string[]?]> = [
    [['tavus-ten', 'per'], ['persona'], ['personas']],
    [['tavus-ten', 'conv'], ['conversation']],
    [['tavus-ten', 'doc'], ['doctor']],
    [['tavus-ten', 'persona', 'create', '--echo'], ['--echo-livekit']],
    [['tavus-ten', 'conversation', 'start', '--tr'], ['--transport']],
    [['tavus-ten', 'rep'], ['replica'], ['replicas']],
    [['tavus-ten', ''], ['replica', 'auth', 'config', 'completion', 'help', 'mock']],
    [['tavus-ten', 'fa'], ['face']], // an alias, offered when no name matches
    [['tavus-ten', 'replica', ''], ['list', 'get']],
    [['tavus-ten', 'face', 'l'], ['list']], // subcommands through an alias
    [['tavus-ten', 'replica', 'list', '--l'], ['--limit']],
    [['tavus-ten', 'replica', 'list', '--'], ['--all', '--json', '--profile', '--help'], ['--version', '--with-key']],
    [['tavus-ten', '--profile', 'staging', 'replica', 'list', '--p'], ['--page', '--profile']], // a flag's value is skipped
    [['tavus-ten', '--json', 'au'], ['auth']],
    [['tavus-ten', 'auth', ''], ['login', 'status', 'logout']],
    [['tavus-ten', 'auth', 'login', '--'], ['--with-key', '--no-verify']],
    [['tavus-ten', 'config', 'get', 'live'], ['livekit_url', 'livekit_api_key', 'livekit_api_secret']],
    [['tavus-ten', 'config', 'set', ''], ['base_url', 'persona_id', 'timeout'], ['api_key']],
    [['tavus-ten', 'config', 'set', 'base_url', ''], []],
    [['tavus-ten', 'completion', ''], ['bash', 'zsh', 'fish']],
    [['tavus-ten', 'help', 'e'], ['environment', 'exit-codes']],
    [['tavus-ten', 'help', 'rep'], ['replica']],
    [['tavus-ten', 'replica', 'help', ''], ['list', 'get']],
    [['tavus-ten', '-'], ['--version', '--json', '--help']],
  ];
  it.each(cases)('%j offers %j', (words, offered, notOffered = []) => {
    const reply = complete(bashScript, words);
    if (offered.length === 0) expect(reply).toEqual([]);
    for (const word of offered) expect(reply).toContain(word);
    for (const word of notOffered) expect(reply).not.toContain(word);
    // Everything offered starts with what was typed.
    for (const word of reply) expect(word.startsWith(words.at(-1)!)).toBe(true);
  });

  it('completes file names for --env-file, and saved profile names for --profile', () => {
    writeFileSync(join(dir.path, 'staging.env'), '');
    expect(complete(bashScript, ['tavus-ten', 'replica', 'list', '--env-file', 'stag'])).toEqual(['staging.env']);
    expect(complete(bashScript, ['tavus-ten', '--env-file', '=', 'stag'])).toEqual(['staging.env']); // bash splits --env-file=stag
    // --profile asks `tavus-ten config list --profiles -q`: put a fake tavus-ten first on PATH.
    const bin = join(dir.path, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'tavus-ten'), '#!/bin/sh\n[ "$*" = "config list --profiles -q" ] && printf "production\\nstaging\\n"\n', { mode: 0o755 });
    expect(complete(bashScript, ['tavus-ten', '--profile', 'st'], '_tavus_ten', { PATH: `${bin}:${process.env.PATH}` })).toEqual(['staging']);
  });

  it('covers commands added to the program without touching the completion code', async () => {
    const { io } = captureIO();
    const program = await buildProgram({ io, env: {}, cwd: dir.path, signal: new AbortController().signal, cleanups: new Set() }, 'all');
    const widget = program.command('widget').aliases(['widgets', 'wdg']).description('a command added later');
    widget
      .command('create')
      .addOption(new Option('--shape <shape>', 'round or square').choices(['round', 'square']))
      .option('--spec-file <path>', 'a file');
    const script = join(dir.path, 'with-widget.bash');
    writeFileSync(script, completionScript('bash', completionTree(program), '0.0.0'));
    expect(complete(script, ['tavus-ten', 'wid'])).toEqual(['widget']);
    expect(complete(script, ['tavus-ten', 'wdg', 'cr'])).toEqual(['create']);
    expect(complete(script, ['tavus-ten', 'widget', 'create', '--shape', ''])).toEqual(['round', 'square']);
    expect(complete(script, ['tavus-ten', 'widget', 'create', '--sh'])).toEqual(['--shape']);
  });
});

describe('zsh and fish scripts', () => {
  it('zsh: a #compdef script with descriptions, loadable by zsh', async () => {
    const result = await runCli(['completion', 'zsh']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('#compdef tavus-ten\n')).toBe(true);
    expect(result.stdout).toContain("'auth:log in with a Tavus API key");
    expect(result.stdout).toContain("'--with-key:read the key from stdin");
    expect(result.stdout).toContain("'config get') if (( $2 == 0 )); then REPLY='api_key base_url");
    expect(result.stdout).toMatch(/compdef _tavus-ten tavus-ten/);
    if (!hasShell('zsh')) return console.log('zsh is not installed: skipping the zsh syntax check.');
    const file = join(dir.path, '_tavus-ten');
    writeFileSync(file, result.stdout);
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
  });

  it('fish: complete lines for commands, options and values, loadable by fish', async () => {
    const result = await runCli(['completion', 'fish']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("complete -c tavus-ten -n '__tavus_ten_at \\'\\'' -a 'replica' -d");
    expect(result.stdout).toContain("complete -c tavus-ten -n '__tavus_ten_in \\'auth login\\'' -l with-key -d");
    expect(result.stdout).toContain("complete -c tavus-ten -n '__tavus_ten_arg \\'completion\\' 0' -xa 'bash zsh fish'");
    expect(result.stdout).toContain("complete -c tavus-ten -l env-file -rF");
    if (!hasShell('fish')) return console.log('fish is not installed: skipping the fish syntax check.');
    const file = join(dir.path, 'tavus-ten.fish');
    writeFileSync(file, result.stdout);
    expect(spawnSync('fish', ['--no-execute', file]).status).toBe(0);
  });
});

describe('the completion command', () => {
  it('without a shell, or with an unknown one, is exit 2 naming the choices', async () => {
    const none = await runCli(['completion'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/pass one of bash, zsh, fish/);
    expect(none.stderr).toMatch(/tavus-ten completion zsh/);
    const bad = await runCli(['completion', 'powershell', '--json']);
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toMatch(/Unsupported shell "powershell": use one of bash, zsh, fish/);
  });

  it('--help explains how to install it, with examples', async () => {
    const result = await runCli(['completion', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Install[\s\S]*bash-completion\/completions\/tavus-ten[\s\S]*_tavus-ten[\s\S]*fish\/completions/);
    expect(result.stdout).toMatch(/Examples:/);
  });

  it('works even when the config file is broken', async () => {
    const broken = tempDir();
    try {
      writeFileSync(join(broken.path, 'config.json'), '{');
      const result = await runCli(['completion', 'bash'], { env: { TAVUS_TEN_CONFIG_DIR: broken.path } });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('complete -F _tavus_ten tavus-ten');
    } finally {
      broken.cleanup();
    }
  });
});

// Enumerated options, each with the values its own definition checks (one list, not a second copy).
const ENUMERATED: Array<[string[], string[]]> = [
  [['persona', 'create', '--pipeline-mode'], ['full', 'echo']],
  [['persona', 'create', '--transport'], ['daily', 'livekit']],
  [['persona', 'list', '--type'], ['user', 'system']],
  [['replica', 'list', '--type'], ['user', 'system']],
  [['conversation', 'start', '--transport'], ['daily', 'livekit']],
  [['conversation', 'list', '--status'], ['active', 'ended']],
  [['doctor', '--mode'], ['daily', 'livekit', 'all']],
  [['ten', 'init', '--mode'], ['daily', 'livekit']],
];

describe('enumerated option values', () => {
  it.each(ENUMERATED)('bash: %j offers %j', (words, values) => {
    expect(complete(bashScript, ['tavus-ten', ...words, '']).sort()).toEqual([...values].sort());
  });
});

const shells = tierAvailable('shells', ['zsh', 'fish'].filter((shell) => !hasShell(shell)).map((shell) => `${shell} is missing (apt-get install ${shell})`).join('; ') || undefined);

describe.skipIf(!shells)('enumerated option values in real zsh and fish', () => {
  let zshScript: string;
  let fishScript: string;
  beforeAll(async () => {
    zshScript = join(dir.path, '_tavus-ten');
    writeFileSync(zshScript, (await runCli(['completion', 'zsh'])).stdout);
    fishScript = join(dir.path, 'tavus-ten.fish');
    writeFileSync(fishScript, (await runCli(['completion', 'fish'])).stdout);
  });

  it.each(ENUMERATED)('zsh: %j offers %j', (words, values) => {
    // The script loaded as zsh loads it; compadd (a completion-widget builtin) prints what it is given.
    const program = [
      'compdef() { :; }',
      'source "$1"; shift',
      'compadd() { [[ $1 == -a ]] && print -l -- ${(P)2}; }',
      'words=("$@"); CURRENT=${#words}',
      '_tavus-ten',
    ].join('\n');
    const out = execFileSync('zsh', ['-f', '-c', program, 'zsh', zshScript, 'tavus-ten', ...words, ''], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir.path } });
    expect(out.split('\n').filter(Boolean).sort()).toEqual([...values].sort());
  });

  it.each(ENUMERATED)('fish: %j offers %j', (words, values) => {
    const line = ['tavus-ten', ...words, ''].join(' ');
    const out = execFileSync('fish', ['--no-config', '-c', `source ${fishScript}; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir.path } });
    expect(out.split('\n').filter(Boolean).map((candidate) => candidate.split('\t')[0]).sort()).toEqual([...values].sort());
  });
});
