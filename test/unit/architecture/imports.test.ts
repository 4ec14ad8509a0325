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

  // A command folder (persona/, sets/, apply/…) imports from common/ and the places above commands,
  // not from another command folder: what two of them need lives in common/.
  it('command folders do not import from each other, except the listed apply imports', () => {
    // apply creates and updates personas and objectives/guardrails sets: it checks and patches them as
    // those commands do, through their own code, so that a persona or set means one thing everywhere.
    const allowed = [
      ['commands/apply/file.ts', 'commands/persona/body.ts'], // a persona of the file is checked as `persona create` checks it
      ['commands/apply/plan.ts', 'commands/persona/patch.ts'], // the persona diff, which never patches read-only fields
      ['commands/apply/plan.ts', 'commands/persona/shared.ts'], // personas found by name as `persona apply` finds them
      ['commands/apply/plan.ts', 'commands/persona/update.ts'], // the persona patch sent as `persona update` sends it
      ['commands/apply/plan.ts', 'commands/sets/diff.ts'], // a set's items diffed as `objectives|guardrails update --file` diffs them
    ];
    const folder = (file: string) => /^commands\/([^/]+)\//.exec(file)?.[1];
    const crossing = edges().filter(([from, to]) => {
      const [a, b] = [folder(from), folder(to)];
      return a !== undefined && b !== undefined && a !== b && b !== 'common';
    });
    expect(crossing).toEqual(allowed);
  });

  it('src/api imports nothing from commands, io or the emulator', () => {
    expect(edges().filter(([from, to]) => from.startsWith('api/') && /^(commands|io|emulator)\//.test(to))).toEqual([]);
  });

  it('zod and src/zod.ts are imported as `import * as z` (a value import of `{ z }` makes the bundle keep all of zod, its 60 locales too)', () => {
    const named = Object.keys(graph.obj()).filter((file) =>
      /^import \{[^}]*\bz\b[^}]*\} from '(zod|zod\/mini|(\.\.?\/)+zod\.js)';$/m.test(readFileSync(`${SRC}${file}`, 'utf8')),
    );
    expect(named).toEqual([]);
  });

  // Product code uses zod's functional API through src/zod.ts (zod/mini with English messages: a
  // fraction of the start-up cost of the method API); the emulator keeps the method API on purpose.
  it("only src/zod.ts and the emulator import 'zod' or 'zod/…' directly", () => {
    const direct = Object.keys(graph.obj()).filter(
      (file) => file !== 'zod.ts' && !file.startsWith('emulator/') && /\bfrom ['"]zod(\/[^'"]*)?['"]|\bimport\(['"]zod(\/[^'"]*)?['"]\)/.test(readFileSync(`${SRC}${file}`, 'utf8')),
    );
    expect(direct.filter((file) => !STILL_ON_ZOD_METHOD_API.includes(file))).toEqual([]);
  });
});

/**
 * Files still importing zod's method API directly, while they move to src/zod.ts: removed when those
 * files move to src/zod.ts.
 */
const STILL_ON_ZOD_METHOD_API: readonly string[] = [
  'api/classify/body.ts',
  'api/client.ts',
  'api/item-sets.ts',
  'api/resources/documents.ts',
  'api/resources/guardrails.ts',
  'api/resources/objectives.ts',
  'api/resources/replicas.ts',
  'api/schemas.ts',
  'api/types.ts',
  'serve/livekit-routes.ts',
  'serve/protocol.ts',
  'serve/requests.ts',
  'settings/profile-keys.ts',
  'settings/profile-store.ts',
  'settings/timeout.ts',
  'webhook/payloads.ts',
];
