// The build's edits to bundled dependencies (scripts/slim-deps.mjs) must not change what they do:
// string-width measures the same, zod still validates (without its locales), commander starts without child_process.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { build, type BuildOptions, type BuildResult } from 'esbuild';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';

const root = resolve(import.meta.dirname, '../../..');
const { bundleOptions } = (await import(pathToFileURL(resolve(root, 'scripts/bundle-options.mjs')).href)) as { bundleOptions: BuildOptions };

/**
 * Bundles `source` as the build bundles src/ (scripts/bundle-options.mjs), in memory, and neither minified
 * nor with keepNames' `__name(…)` wrappers, so that the edited text reads as the edit wrote it.
 */
function bundle(source: string, options: BuildOptions = {}) {
  return build({
    ...bundleOptions,
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    minify: false,
    keepNames: false,
    write: false,
    logLevel: 'silent',
    ...options,
  }) as Promise<BuildResult<{ write: false }>>;
}

/** The dependency files esbuild kept for `source`: it reads every file it may need, so each output's inputs with bytes in it. */
async function keptInputs(source: string): Promise<string[]> {
  const built = await bundle(source, { metafile: true });
  return Object.values(built.metafile!.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
}

/** What the zod tests' bundles export: a safeParse of one schema. */
type Check = (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } };

/** zod's locales other than English. */
const OTHER_LOCALES = /zod\/v4\/locales\/(?!en\.js)/;

/** Bundles `source` with the edits and imports the result. */
async function bundled(source: string): Promise<Record<string, unknown>> {
  const result = await bundle(source);
  return (await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString('base64')}`)) as Record<string, unknown>;
}

describe('the build-time edits to dependencies', () => {
  it('leave string-width measuring as the package does', async () => {
    const slim = (await bundled("export { default } from 'string-width';")).default as (text: string) => number;
    const samples = ['abc', '', '日本語', '👍🏽x', 'a\u0301', '\u001b[31mred\u001b[0m', '한글', 'ｶﾞ', '1\u20E3', '👨‍👩‍👧', 'é', '\t', 'x\u200By'];
    expect(samples.map(slim)).toEqual(samples.map((text) => stringWidth(text)));
  });

  // zod's 60 locales (about 270 KB) stay out because the emulator imports it as `import * as z`, which lets
  // esbuild drop what is unused (the import rule is checked in test/unit/architecture/imports.test.ts).
  it('bundle zod, imported as the emulator does, validating in English without its locales', async () => {
    const source = "import * as z from 'zod'; export const check = (value) => z.looseObject({ id: z.string(), kind: z.enum(['a', 'b']) }).safeParse(value);";
    const { check } = (await bundled(source)) as { check: Check };
    const result = check({ id: 1, kind: 'c' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Invalid input: expected string, received number', 'Invalid option: expected one of "a"|"b"']);
    const kept = await keptInputs(source);
    expect(kept.some((input) => input.includes('zod/v4/core/'))).toBe(true);
    expect(kept.filter((input) => OTHER_LOCALES.test(input))).toEqual([]);
  });

  // The same for zod/mini as product code uses it (`import * as z`, English set by src/zod-english.ts, as
  // each entry does): it keeps only the English messages, not zod/mini's other locales.
  it('bundle zod/mini, imported as src/ does, validating in English with no other locale', async () => {
    const source =
      "import './src/zod-english.ts'; import * as z from 'zod/mini'; export const check = (value) => z.looseObject({ id: z.string(), name: z.optional(z.string().check(z.minLength(1))) }).safeParse(value);";
    const { check } = (await bundled(source)) as { check: Check };
    const result = check({ id: 1, name: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Invalid input: expected string, received number', 'Too small: expected string to have >=1 characters']);
    const kept = await keptInputs(source);
    expect(kept.some((input) => input.includes('zod/v4/mini/'))).toBe(true);
    expect(kept.filter((input) => OTHER_LOCALES.test(input))).toEqual([]);
  });

  it('keep node:child_process out of commander\'s start-up (only an executable subcommand, never defined here, spawns)', async () => {
    const result = await bundle("export { Command } from 'commander';");
    const source = result.outputFiles[0]!.text;
    expect(source).toContain('childProcess = { spawn: (...args) => __require("node:child_process").spawn(...args) }');
    expect(source).not.toMatch(/=\s*__require\("node:child_process"\);/);
  });
});
