// The bad-input corpus (fixtures/bad/cases.json): every case a command line that must be refused
// with exit 2, a message naming the field, and nothing sent. Loads the manifest, writes the generated
// files (too big to commit), and expands the placeholders of argv and env.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BAD_DIR = resolve(import.meta.dirname, '../../fixtures/bad');

export interface BadCase {
  id: string;
  argv: string[];
  /** Added to (or, with null, removed from) the environment that points at the emulator. */
  env?: Record<string, string | null>;
  /** Piped on stdin. */
  stdin?: string;
  /** A file copied to `.env` in the working directory. */
  dotenv?: string;
  /** Default 2. */
  exit?: number;
  /** Each must appear in stderr: the field or flag the user has to fix. */
  names: string[];
}

interface Generated {
  bytes: number;
  fill?: string;
  json_persona?: boolean;
  /** File mode, e.g. 0 for a file nobody may read (root still can: then its content is what is refused). */
  mode?: number;
}

interface Manifest {
  generated: Record<string, Generated>;
  cases: BadCase[];
}

export function loadManifest(): Manifest {
  return JSON.parse(readFileSync(join(BAD_DIR, 'cases.json'), 'utf8')) as Manifest;
}

/** The corpus with its generated files written to a temporary directory; call cleanup() when done. */
export function loadCorpus(): { cases: BadCase[]; expand: (text: string) => string; cleanup: () => void } {
  const manifest = loadManifest();
  const gen = mkdtempSync(join(tmpdir(), 'tavus-ten-bad-'));
  for (const [name, spec] of Object.entries(manifest.generated)) {
    writeFileSync(join(gen, name), generate(spec));
    if (spec.mode !== undefined) chmodSync(join(gen, name), spec.mode);
  }
  const expand = (text: string): string =>
    text
      .replace(/^@x\*(\d+)$/, (_, n: string) => 'x'.repeat(Number(n)))
      .replace(/@bad(?=\/|$)/g, BAD_DIR)
      .replace(/@gen(?=\/|$)/g, gen);
  return { cases: manifest.cases, expand, cleanup: () => rmSync(gen, { recursive: true, force: true }) };
}

function generate(spec: Generated): string {
  const fill = spec.fill ?? 'x';
  const text = fill === '' ? '' : fill.repeat(Math.ceil(spec.bytes / fill.length)).slice(0, spec.bytes);
  if (!spec.json_persona) return text;
  return JSON.stringify({ persona_name: 'Huge', pipeline_mode: 'full', system_prompt: text });
}
