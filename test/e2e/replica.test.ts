// replica list / get through the built CLI against the emulator: output and what the emulator saw.
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';

const { emulator, env } = useEmulator();

describe('replica list', () => {
  it('prints a tab-separated table when piped, with the stock replica', async () => {
    const result = await runCli(['replica', 'list'], { env });
    expect(result.exitCode).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.find((row) => row[0] === 'r90bbd427f71')?.slice(0, 3)).toEqual(['r90bbd427f71', 'Anna', 'completed']);
    const sent = emulator.requests.at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/v2/replicas');
    expect(sent.headers['x-api-key']).toBe(emulator.apiKey);
    expect(sent.headers['user-agent']).toMatch(/^tavus-ten\/\d+\.\d+\.\d+ node\/v\d+/);
  });

  it('--json prints one array of Tavus objects; --all walks every page', async () => {
    const one = await runCli(['replica', 'list', '--json', '--limit', '2'], { env });
    expect(one.exitCode).toBe(0);
    expect(JSON.parse(one.stdout)).toHaveLength(2);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ limit: '2' });

    const all = await runCli(['replicas', 'list', '--all', '--json'], { env });
    const items = JSON.parse(all.stdout) as Array<{ replica_id: string }>;
    const total = (await (await fetch(`${emulator.url}/v2/replicas`, { headers: { 'x-api-key': emulator.apiKey } })).json()) as {
      total_count: number;
    };
    expect(items).toHaveLength(total.total_count);
    expect(new Set(items.map((r) => r.replica_id)).size).toBe(items.length);
  });

  it('-q prints ids only, and --type is sent as replica_type', async () => {
    const result = await runCli(['face', 'list', '-q', '--type', 'system'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toContain('r90bbd427f71');
    expect(result.stdout).not.toMatch(/\t/);
    expect(emulator.requests.at(-1)!.query).toMatchObject({ replica_type: 'system' });
  });

  it('rejects bad paging flags with exit 2 and sends nothing', async () => {
    for (const args of [['--limit', 'ten'], ['--limit', '0'], ['--page', '-1'], ['--type', 'robot'], ['--all', '--page', '2']]) {
      const result = await runCli(['replica', 'list', ...args], { env });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/--(limit|page|type|all)/);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('replica get', () => {
  it('shows one replica, and --json prints the Tavus object', async () => {
    const human = await runCli(['replica', 'get', 'r90bbd427f71'], { env });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/name:\s+Anna/);
    const json = await runCli(['replica', 'get', 'r90bbd427f71', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ replica_id: 'r90bbd427f71', replica_name: 'Anna', status: 'completed' });
    expect(emulator.requests.at(-1)!.path).toBe('/v2/replicas/r90bbd427f71');
  });

  it('in colour, a field shows its colour, not the escape code as text; a name from the server stays escaped', async () => {
    emulator.state.replicas.get('r90bbd427f71')!.replica_name = 'Anna\x1b]0;pwned\x07';
    const human = await runCli(['replica', 'get', 'r90bbd427f71'], { env: { ...env, NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain('\x1b[32mcompleted\x1b[39m');
    expect(human.stdout).not.toContain('\\u001b[32m');
    expect(human.stdout).toContain('Anna\\u001b]0;pwned\\u0007');
  });

  it('an unknown id is exit 4 naming it', async () => {
    const result = await runCli(['replica', 'get', 'rdoesnotexist'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/replica/i);
  });

  it('an unknown id under --json is a JSON error on stderr and nothing on stdout', async () => {
    const result = await runCli(['replica', 'get', 'rdoesnotexist', '--json'], { env });
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'not_found', status: 400 } });
  });

  it('warns when the replica cannot talk', async () => {
    const list = JSON.parse((await runCli(['replica', 'list', '--all', '--json'], { env })).stdout) as Array<{ replica_id: string; status: string }>;
    const broken = list.find((r) => r.status === 'error')!;
    const result = await runCli(['replica', 'get', broken.replica_id], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/failed training/);
  });

  it('a replica still training is said as conversation start says it: "still training (status started, 40/100)"', async () => {
    const result = await runCli(['replica', 'get', 'r3f427f41a5e'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('! This replica is still training (status started, 40/100): only completed replicas can join a conversation.\n');
    expect(result.stderr).not.toContain('is still started');
    const start = await runCli(['conversation', 'start', '--persona', 'pcb7a34da5fe', '--replica', 'r3f427f41a5e'], { env });
    expect(start.stderr).toContain('is still training (status started, 40/100)');
  });
});
