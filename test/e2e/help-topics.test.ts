// `help environment`, `help exit-codes`, `help <command>`, and examples in every command's help.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { allCommands, buildProgram } from '../../src/program.js';
import { SETTING_DEFINITIONS } from '../../src/settings/resolve.js';
import { captureIO, runInProcess } from '../helpers/capture.js';
import { runCli, tempDir } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every `env.NAME` / `env['NAME']` read in src (the emulator aside: it reads none of the user's). */
function variablesReadBySource(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'emulator') walk(path);
      } else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)\b|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)) names.add(match[1] ?? match[2]!);
      }
    }
  };
  walk(join(ROOT, 'src'));
  for (const definition of Object.values(SETTING_DEFINITIONS)) for (const name of definition.env) names.add(name);
  return names;
}

describe('help environment', () => {
  it('lists every variable the tool reads, with a meaning', async () => {
    const result = await runCli(['help', 'environment', '--json']);
    expect(result.exitCode).toBe(0);
    const listed = JSON.parse(result.stdout) as Array<{ name: string; description: string }>;
    const names = listed.map((v) => v.name);
    const read = variablesReadBySource();
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect(names, name).toContain(name);
    // undici reads the proxy variables itself.
    for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) expect(names).toContain(name);
    for (const variable of listed) expect(variable.description.length, variable.name).toBeGreaterThan(10);
  });

  it('covers .env.example (apart from the TEN app variables, which it names)', async () => {
    const text = (await runCli(['help', 'environment'])).stdout;
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const match of example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)) expect(text, match[1]).toContain(match[1]!);
    expect(text).toMatch(/^ {2}TAVUS_API_KEY +Tavus API key\./m);
    expect(text).toMatch(/flag --api-key, config key api_key/);
    expect(text).toMatch(/TAVUS_PAL_ID +Deprecated alias of TAVUS_PERSONA_ID/);
  });

  it('works with a broken .env and config file (it reads neither)', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, '.env'), 'garbage line\n');
      writeFileSync(join(dir.path, 'config.json'), '{');
      const result = await runCli(['help', 'env'], { cwd: dir.path, env: { TAVUS_TEN_CONFIG_DIR: dir.path } });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/TAVUS_TEN_CONFIG_DIR/);
    } finally {
      dir.cleanup();
    }
  });
});

describe('help exit-codes', () => {
  it('lists every exit code and every --json error code', async () => {
    const text = await runCli(['help', 'exit-codes']);
    expect(text.exitCode).toBe(0);
    for (const code of Object.values(ExitCode)) expect(text.stdout).toMatch(new RegExp(`^ +${code}  \\S`, 'm'));
    const json = JSON.parse((await runCli(['help', 'exit-codes', '--json'])).stdout) as {
      exit_codes: Array<{ code: number }>;
      error_codes: Array<{ code: string; exit_code: number }>;
    };
    expect(json.exit_codes.map((row) => row.code).sort((a, b) => a - b)).toEqual(Object.values(ExitCode).sort((a, b) => a - b));
    expect(json.error_codes).toContainEqual(expect.objectContaining({ code: 'auth_error', exit_code: 3 }));
    // The README documents the same codes.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const row of json.error_codes) expect(readme, row.code).toContain(`\`${row.code}\``);
  });
});

describe('help for commands', () => {
  it('`help <command...>` prints the same help as `<command...> --help`', async () => {
    const viaHelp = await runInProcess(['help', 'replica', 'list'], {});
    const viaFlag = await runInProcess(['replica', 'list', '--help'], {});
    expect(viaHelp.exitCode).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    const alias = await runInProcess(['help', 'face', 'ls'], {});
    expect(alias.stdout).toBe(viaFlag.stdout);
    const root = await runInProcess(['help'], {});
    expect(root.stdout).toMatch(/Help topics:[\s\S]*tavus-ten help environment[\s\S]*tavus-ten help exit-codes/);
  });

  it('an unknown topic is exit 2 listing the topics and commands', async () => {
    const result = await runInProcess(['help', 'enviroment'], {});
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/No help topic or command "enviroment"/);
    expect(result.stderr).toMatch(/Topics: environment, exit-codes\. Commands: .*replica.*auth, config/);
  });

  it('defaults are shown as typed, never quoted: (default: 3), not (default: "3")', async () => {
    const { io } = captureIO();
    const program = await buildProgram({ io, env: {}, cwd: ROOT, signal: new AbortController().signal, cleanups: new Set() }, 'all');
    const quoted = [program, ...allCommands(program)].flatMap((command) =>
      [...command.helpInformation().matchAll(/\(default: "[^)]*\)/g)].map((match) => `${command.name()}: ${match[0]}`),
    );
    expect(quoted).toEqual([]);
    const mock = await runCli(['mock', '--help']);
    expect(mock.stdout.replace(/\s+/g, ' ')).toContain('(default: 3)');
  });

  // The first may have its comment on a line above it (one too long for 80 columns: examples.ts).
  it("every command's help has examples", async () => {
    const { io } = captureIO();
    const program = await buildProgram({ io, env: {}, cwd: ROOT, signal: new AbortController().signal, cleanups: new Set() }, 'all');
    const pathOf = (command: Command): string[] => (command.parent ? [...pathOf(command.parent), command.name()] : []);
    const knownWithout = new Set<string>();
    const missing: string[] = [];
    for (const command of [program, ...allCommands(program)]) {
      const path = pathOf(command);
      const help = await runInProcess([...path, '--help'], {});
      expect(help.exitCode, path.join(' ')).toBe(0);
      if (!/\nExamples:\n( {2}# .*\n)* {2}\$ tavus-ten /.test(help.stdout) && !knownWithout.has(path.join(' '))) missing.push(path.join(' ') || '(root)');
    }
    expect(missing).toEqual([]);
  });
});
