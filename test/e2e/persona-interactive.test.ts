// Interactive `persona create` in a real pseudo-terminal (util-linux `script`): the questions, the
// answers typed as keys, and the persona the emulator receives. Each key is sent once the prompt it
// answers is on screen (no sleeps). Skipped with a notice where `script` is missing.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { stockReplicas } from '../../src/emulator/seed.js';
import { BIN, cliEnv, tempDir } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { recordRun } from '../helpers/secrets.js';
import { visibleScreen } from '../helpers/screen.js';
import { tierAvailable } from '../helpers/tier.js';

const hasScript = tierAvailable('pseudo-terminal', spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0 ? undefined : '`script` (util-linux) is missing');

const { emulator, env } = useEmulator();
const dir = tempDir('tavus-ten-persona-tty-');
afterAll(() => dir.cleanup());

const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';

/** The CLI in a pseudo-terminal: `until(text)` resolves when the screen shows it, `type(keys)` sends keys. */
function startInTerminal(args: string[], extraEnv: Record<string, string> = {}) {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(cliEnv({ TAVUS_TEN_CONFIG_DIR: `${dir.path}/cfg`, ...extraEnv }))) {
    if (value !== undefined && name !== 'CI') childEnv[name] = value;
  }
  const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${quoted}`, '/dev/null'], { cwd: dir.path, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let raw = '';
  const waiters: { text: string; from: number; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    raw += chunk.toString();
    // Strip colours and cursor moves so tests match the words people see.
    screen += chunk.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (const waiter of [...waiters]) {
      if (screen.includes(waiter.text, waiter.from)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      // The suite-wide secret check (secrets.ts) sees terminal sessions too.
      recordRun({ argv: args, env: childEnv, cwd: dir.path, stdout: screen, stderr: '', before: new Map() });
      resolve(code);
    }),
  );
  return {
    screen: () => screen,
    /** What the terminal shows now: the output with its cursor moves and erases applied. */
    visible: () => visibleScreen(raw),
    exited,
    /** Resolves once `text` is on screen at or after character `from` (a prompt's frame can arrive in several chunks). */
    until(text: string, from = 0): Promise<void> {
      if (screen.includes(text, from)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ text, from, resolve });
        void exited.then(() => {
          if (!screen.includes(text, from)) reject(new Error(`exited before showing ${JSON.stringify(text)}; screen:\n${screen}`));
        });
      });
    },
    type(keys: string): void {
      child.stdin.write(keys);
    },
  };
}

describe.skipIf(!hasScript)('interactive persona create (pseudo-terminal)', () => {
  it('asks for name, mode, replica (completed ones) and prompt, then creates exactly that', async () => {
    const cli = startInTerminal(['persona', 'create'], { ...env, TAVUS_REPLICA_ID: 'rf4e9d9790f0' });
    await cli.until('Persona name');
    cli.type(`Meeting coach${ENTER}`);
    await cli.until('Pipeline mode');
    cli.type(ENTER); // full, the first choice
    await cli.until('Default replica');
    // The list is complete once the prompt's key hint, drawn below the choices, follows the question.
    await cli.until('navigate', cli.screen().lastIndexOf('Default replica'));
    expect(cli.screen()).toContain('Anna (r90bbd427f71)');
    expect(cli.screen()).not.toContain('My replica (training)');
    cli.type(ENTER); // TAVUS_REPLICA_ID is preselected
    await cli.until('System prompt');
    cli.type(`Keep meetings short.${ENTER}`);
    expect(await cli.exited).toBe(0);
    expect(cli.screen()).toMatch(/Created persona p[0-9a-f]{11}/);
    const post = emulator.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ persona_name: 'Meeting coach', pipeline_mode: 'full', default_replica_id: 'rf4e9d9790f0', system_prompt: 'Keep meetings short.' });
  });

  it('an echo persona asks for the transport and no prompt', async () => {
    const cli = startInTerminal(['persona', 'create', '--name', 'Avatar', '--pipeline-mode', 'echo', '--transport', 'livekit', '--mock']);
    // Everything required was given: no question at all.
    expect(await cli.exited).toBe(0);
    expect(cli.screen()).not.toContain('?');

    const asked = startInTerminal(['persona', 'create', '--name', 'Avatar', '--mock']);
    await asked.until('Pipeline mode');
    asked.type(`${DOWN}${ENTER}`); // echo
    await asked.until('Transport');
    asked.type(ENTER); // livekit
    await asked.until('Default replica');
    asked.type(`${DOWN.repeat(stockReplicas().filter((r) => r.status === 'completed').length)}${ENTER}`); // None, after the completed replicas
    expect(await asked.exited).toBe(0);
    expect(asked.screen()).not.toContain('System prompt');
    expect(asked.screen()).toMatch(/transport:\s+livekit/);
    expect(asked.screen()).not.toMatch(/default replica:/);
  });

  it('Ctrl-C at a question is exit 130 and creates nothing', async () => {
    const cli = startInTerminal(['persona', 'create'], env);
    await cli.until('Persona name');
    cli.type(CTRL_C);
    expect(await cli.exited).toBe(130);
    expect(emulator.requests).toHaveLength(0);
  });

  it('Ctrl-C at a menu leaves a clean screen: the answered question and "Interrupted.", no half-drawn menu', async () => {
    const cli = startInTerminal(['persona', 'create', '--mock']);
    await cli.until('Persona name');
    cli.type(`Coach${ENTER}`);
    await cli.until('Pipeline mode');
    await cli.until('navigate'); // the menu's key hint: the whole menu is drawn
    cli.type(CTRL_C);
    expect(await cli.exited).toBe(130);
    const visible = cli.visible();
    expect(visible.some((line) => line.includes('Persona name') && line.includes('Coach'))).toBe(true);
    expect(visible.join('\n')).not.toMatch(/Pipeline mode|full|echo|navigate/);
    expect(visible[visible.length - 1]).toBe('Interrupted.');
  });

  it('--no-input in a terminal: the refusal names --no-input as the reason nothing was asked', async () => {
    const cli = startInTerminal(['persona', 'delete', 'pcb7a34da5fe', '--no-input', '--mock']);
    expect(await cli.exited).toBe(2);
    expect(cli.screen()).toContain('Deleting persona pcb7a34da5fe needs confirmation: pass --yes.');
    expect(cli.screen()).toContain('Nothing was sent. Nothing was asked because --no-input was given.');
    expect(cli.screen()).not.toMatch(/not an interactive terminal/);
  });

  it('delete asks first: Enter (default No) sends nothing, y deletes', async () => {
    emulator.state.personas.get('pcb7a34da5fe')!.persona_type = 'user'; // a stock persona cannot be deleted: act as if it were ours
    const declined = startInTerminal(['persona', 'delete', 'pcb7a34da5fe'], env);
    await declined.until('(y/N)');
    declined.type(ENTER);
    expect(await declined.exited).toBe(0);
    expect(declined.screen()).toContain('Nothing deleted.');
    expect(emulator.requests).toHaveLength(0);

    const accepted = startInTerminal(['persona', 'delete', 'pcb7a34da5fe'], env);
    await accepted.until('(y/N)');
    accepted.type(`y${ENTER}`);
    expect(await accepted.exited).toBe(0);
    expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['DELETE /v2/personas/pcb7a34da5fe 204']);
  });
});
