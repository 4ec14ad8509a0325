// The build's edits to bundled dependencies (scripts/slim-deps.mjs) must not change what they do:
// string-width measures the same, and zod still validates (without its locales).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';

const root = resolve(import.meta.dirname, '../../..');
const { slimDependencies } = (await import(pathToFileURL(resolve(root, 'scripts/slim-deps.mjs')).href)) as { slimDependencies: Plugin };

/** Bundles `source` with the edits and imports the result. */
async function bundled(source: string): Promise<Record<string, unknown>> {
  const result = await build({ stdin: { contents: source, resolveDir: root, loader: 'js' }, bundle: true, format: 'esm', platform: 'node', write: false, plugins: [slimDependencies], logLevel: 'silent' });
  return (await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString('base64')}`)) as Record<string, unknown>;
}

describe('the build-time edits to dependencies', () => {
  it('leave string-width measuring as the package does', async () => {
    const slim = (await bundled("export { default } from 'string-width';")).default as (text: string) => number;
    const samples = ['abc', '', '日本語', '👍🏽x', 'a\u0301', '\u001b[31mred\u001b[0m', '한글', 'ｶﾞ', '1\u20E3', '👨‍👩‍👧', 'é', '\t', 'x\u200By'];
    expect(samples.map(slim)).toEqual(samples.map((text) => stringWidth(text)));
  });

  it('leave zod validating, in English, without its locales', async () => {
    const { z } = (await bundled("export { z } from 'zod';")) as { z: typeof import('zod').z };
    const result = z.looseObject({ id: z.string(), kind: z.enum(['a', 'b']) }).safeParse({ id: 1, kind: 'c' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Invalid input: expected string, received number', 'Invalid option: expected one of "a"|"b"']);
    expect('locales' in z).toBe(false);
  });
});
