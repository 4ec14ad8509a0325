// The import rules of the house (README "Layout"), checked on src/ by madge.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

let graph: Awaited<ReturnType<typeof madge>>;
beforeAll(async () => {
  graph = await madge(SRC, {
    fileExtensions: ['ts'],
    tsConfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)),
    detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } },
  });
}, 60_000);

/** Every import edge as [from, to], both relative to src/. */
function edges(): [string, string][] {
  return Object.entries(graph.obj()).flatMap(([from, tos]) => tos.map((to): [string, string] => [from, to]));
}

describe('imports in src/', () => {
  it('sees the whole tree (the walk itself works)', () => {
    const files = Object.keys(graph.obj());
    expect(files).toContain('main.ts');
    expect(files).toContain('commands/kit.ts');
    expect(edges()).toContainEqual(['main.ts', 'program.ts']);
  });

  it('has no circle', () => {
    expect(graph.circular()).toEqual([]);
  });

  it('nothing imports program.ts but main.ts', () => {
    expect(edges().filter(([from, to]) => to === 'program.ts' && from !== 'main.ts')).toEqual([]);
  });

  it('lower layers never import src/commands', () => {
    // The program layer: program.ts, and what the root help shares with it without loading it (the root
    // command, the command table's lazy imports of each group).
    const upper = /^(commands\/|program\.ts$|root-command\.ts$|command-table\.ts$|main\.ts$|index\.ts$)/;
    expect(edges().filter(([from, to]) => to.startsWith('commands/') && !upper.test(from))).toEqual([]);
  });

  // The emulator judges the code it tests: it keeps its own reading of every rule it shares with it.
  it('the emulator imports nothing from src/api, src/livekit, src/serve or src/commands, and the client nothing from the emulator', () => {
    const crossing = edges().filter(
      ([from, to]) =>
        (from.startsWith('emulator/') && /^(api|livekit|serve|commands)\//.test(to)) || (from.startsWith('api/') && to.startsWith('emulator/')),
    );
    expect(crossing).toEqual([]);
  });

  it('src/api imports nothing from commands, io or the emulator', () => {
    expect(edges().filter(([from, to]) => from.startsWith('api/') && /^(commands|io|emulator)\//.test(to))).toEqual([]);
  });

  it('zod is imported as `import * as z` (a value import of `{ z }` makes the bundle keep all of zod, its 60 locales too)', () => {
    const named = Object.keys(graph.obj()).filter((file) => /^import \{[^}]*\bz\b[^}]*\} from 'zod';$/m.test(readFileSync(`${SRC}${file}`, 'utf8')));
    expect(named).toEqual([]);
  });
});
