// The test-wide secret check. Every CLI run of the suite — the built bin through cli.ts, in-process runs
// through capture.ts — is recorded here: its stdout and stderr, and the files it wrote, are searched for
// the secrets it was given (the Tavus key, the LiveKit secret, a key piped to `auth login`, keys saved
// in its config or .env) and for the avatar's LiveKit token; and, from then on in the same test file, for
// keys a run stored inside a Tavus object (`--set /layers/llm/api_key="…"`, a `--file` body), which
// later runs print back (`persona list --json`) unless asked to with `--show-secrets`. Only the deliberate outputs are exempt:
// `mock` printing the key it serves, help text quoting the public mock key, person join tokens. The
// only file that may hold a key is config.json with mode 0600.
// test/helpers/secrets-setup.ts (a vitest setup file) fails the test during which a leak happened.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';

export interface RunRecord {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  cwd: string;
  input?: string;
  stdout: string;
  stderr: string;
  /** Files (path → mtime) present before the run: only what the run wrote is checked. */
  before: Map<string, number>;
}

/** The emulator's default key: public (it is in the README and in `mock --help`). */
const PUBLIC_MOCK_KEY = 'tvs_mock_0000000000000000';
const AVATAR_IDENTITY = 'tavus-avatar-agent';
const MIN_SECRET_LENGTH = 8;
const MAX_FILES = 400;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const leaks: string[] = [];
let runsChecked = 0;

/** Leaks found since the last call (each a sentence saying what leaked where). */
export function takeLeaks(): string[] {
  return leaks.splice(0);
}

export function checkedRuns(): number {
  return runsChecked;
}

// ---------------------------------------------------------------- what is secret in a run

const SECRET_VARIABLES = ['TAVUS_API_KEY', 'LIVEKIT_API_SECRET'];
const SECRET_FLAGS = ['--api-key', '--livekit-api-secret'];

/** The secrets a run was given, from every place a user can give them. */
export function secretsOf(run: Pick<RunRecord, 'argv' | 'env' | 'cwd' | 'input'>): string[] {
  const found: Array<string | undefined> = SECRET_VARIABLES.map((name) => run.env[name]);
  run.argv.forEach((arg, index) => {
    for (const flag of SECRET_FLAGS) {
      if (arg === flag) found.push(run.argv[index + 1]);
      else if (arg.startsWith(`${flag}=`)) found.push(arg.slice(flag.length + 1));
    }
  });
  const secretKeyOnStdin = run.argv.includes('--stdin') && run.argv.some((arg) => /^(livekit[_-]api[_-]secret|api[_-]key|LIVEKIT_API_SECRET|TAVUS_API_KEY)$/.test(arg));
  if (run.input !== undefined && (run.argv.includes('--with-key') || secretKeyOnStdin)) found.push(run.input.trim());
  // Keys the run could load without being handed them: a .env file, the saved profiles.
  const envFileAt = run.argv.indexOf('--env-file');
  for (const file of [join(run.cwd, '.env'), envFileAt >= 0 ? resolve(run.cwd, run.argv[envFileAt + 1] ?? '') : undefined]) {
    if (file) found.push(...secretsInDotenv(file));
  }
  found.push(...secretsInConfig(configDirOf(run)));
  return [...new Set(found.filter((s): s is string => typeof s === 'string' && s.trim().length >= MIN_SECRET_LENGTH).map((s) => s.trim()))];
}

function configDirOf(run: Pick<RunRecord, 'env' | 'cwd'>): string | undefined {
  return run.env.TAVUS_TEN_CONFIG_DIR;
}

function secretsInDotenv(file: string): string[] {
  const text = readSmall(file);
  if (text === undefined) return [];
  return [...text.matchAll(/^\s*(?:export\s+)?(?:TAVUS_API_KEY|LIVEKIT_API_SECRET)\s*=\s*["']?([^"'\s#]+)/gm)].map((m) => m[1]!);
}

function secretsInConfig(dir: string | undefined): string[] {
  const text = dir ? readSmall(join(dir, 'config.json')) : undefined;
  if (text === undefined) return [];
  try {
    const config = JSON.parse(text) as { profiles?: Record<string, { api_key?: unknown; livekit_api_secret?: unknown }> };
    return Object.values(config.profiles ?? {}).flatMap((p) => [p.api_key, p.livekit_api_secret].filter((v): v is string => typeof v === 'string'));
  } catch {
    return [];
  }
}

function readSmall(file: string): string | undefined {
  try {
    const info = statSync(file);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- keys stored inside objects

/** Field names the CLI masks inside objects (src/io/secret-fields.ts keeps its own copy: this is the check). */
const SECRET_FIELD = /(^|_)(api_key|secret|token)$/i;
/** Printed on purpose: the join credential of a require_auth conversation, which its URL carries. */
const PRINTED_FIELDS = new Set(['meeting_token']);
const isSecretField = (name: string) => SECRET_FIELD.test(name) && !PRINTED_FIELDS.has(name);
const isMask = (value: string) => value.includes('…') || value.includes('••••');

/** Keys stored by earlier runs of this test file (vitest gives each file its own module). */
const storedSecrets = new Set<string>();

/** Keys a run stores inside an object: `--set POINTER=JSON`, and JSON bodies given as `--file`, `--patch-file` or a `.json` argument. */
export function secretsStoredBy(run: Pick<RunRecord, 'argv' | 'cwd' | 'input'>): string[] {
  const found: string[] = [];
  run.argv.forEach((arg, index) => {
    const next = run.argv[index + 1];
    if (arg === '--set' && next !== undefined) {
      const at = next.indexOf('=');
      if (at > 0 && isSecretField(next.slice(0, at).split('/').pop() ?? '')) found.push(...stringsIn(parseJson(next.slice(at + 1))));
    }
    if ((arg === '--file' || arg === '--patch-file') && next !== undefined) {
      found.push(...secretFieldsIn(parseJson(next === '-' ? run.input : readSmall(resolve(run.cwd, next)))));
    }
    if (arg.endsWith('.json') && !arg.startsWith('-')) found.push(...secretFieldsIn(parseJson(readSmall(resolve(run.cwd, arg)))));
  });
  return [...new Set(found.filter((s) => s.length >= MIN_SECRET_LENGTH && !isMask(s)))];
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function stringsIn(value: unknown): string[] {
  return typeof value === 'string' ? [value] : [];
}

/** Strings under secret-named keys, and the value of a JSON Patch operation on such a path. */
function secretFieldsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretFieldsIn);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const patch = typeof record.path === 'string' && isSecretField(record.path.split('/').pop() ?? '') ? stringsIn(record.value) : [];
  return [...patch, ...Object.entries(record).flatMap(([key, inner]) => (isSecretField(key) ? stringsIn(inner) : secretFieldsIn(inner)))];
}

// ---------------------------------------------------------------- what a run printed

/** The command a run names (the first word that is not a flag or a flag's value is good enough here). */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

function isHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h') || commandOf(argv) === 'help';
}

/** LiveKit tokens (JWTs) in a text whose identity is the avatar's: never a deliberate output. */
export function avatarTokensIn(text: string): string[] {
  return [...text.matchAll(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g)]
    .map((m) => m[0])
    .filter((token) => {
      try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub?: unknown };
        return payload.sub === AVATAR_IDENTITY;
      } catch {
        return false;
      }
    });
}

/** Every leak in one run's output and files, as sentences. Pure but for reading the files it wrote. */
export function leaksIn(run: RunRecord, files: Array<{ path: string; mode: number; dirMode: number; text: string }> = writtenFiles(run)): string[] {
  const found: string[] = [];
  const label = `\`tavus-ten ${run.argv.join(' ').slice(0, 120)}\``;
  const secrets = secretsOf(run);
  // Keys inside objects: this run's and earlier runs' (not in the files it wrote: a TEN app's property.json holds placeholders).
  const stored = run.argv.includes('--show-secrets') ? [] : [...new Set([...storedSecrets, ...secretsStoredBy(run)])].filter((s) => !secrets.includes(s));
  const mock = commandOf(run.argv) === 'mock';
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    for (const secret of secrets) {
      if (!text.includes(secret)) continue;
      // `mock` prints the key of the emulator it runs: that is its output. Help quotes the public mock key.
      if (stream === 'stdout' && mock) continue;
      if (secret === PUBLIC_MOCK_KEY && isHelp(run.argv)) continue;
      found.push(`${label} printed a secret (${secret.slice(0, 4)}…, ${secret.length} characters) on ${stream}`);
    }
    for (const secret of stored) {
      if (text.includes(secret) && !(stream === 'stdout' && mock)) {
        found.push(`${label} printed a key stored inside a Tavus object (${secret.slice(0, 4)}…, ${secret.length} characters) on ${stream}: mask it, or print it only under --show-secrets`);
      }
    }
    for (const token of avatarTokensIn(text)) found.push(`${label} printed the avatar's LiveKit token (${token.slice(0, 12)}…) on ${stream}`);
  }
  for (const file of files) {
    const held = secrets.filter((secret) => file.text.includes(secret)).length + avatarTokensIn(file.text).length;
    if (held === 0) continue;
    // The file itself is what protects the key (a directory the user made may well be 0755).
    const privateConfig = basename(file.path) === 'config.json' && (file.mode & 0o077) === 0;
    if (!privateConfig) {
      found.push(`${label} wrote a secret to ${file.path} (mode ${(file.mode & 0o777).toString(8)}, directory ${(file.dirMode & 0o777).toString(8)})`);
    }
  }
  return found;
}

// ---------------------------------------------------------------- what a run wrote

/** Only temporary directories are watched (a run in the repository is not the suite's to police). */
function watchedDirs(run: Pick<RunRecord, 'env' | 'cwd'>): string[] {
  const tmp = resolve(tmpdir()) + sep;
  return [run.cwd, configDirOf(run)].filter((dir): dir is string => dir !== undefined && resolve(dir).startsWith(tmp));
}

function walk(dir: string, into: Map<string, { mtime: number; mode: number }>, depth = 0): void {
  if (depth > 4 || into.size >= MAX_FILES) return;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') walk(path, into, depth + 1);
    } else if (entry.isFile()) {
      try {
        const info = statSync(path);
        into.set(path, { mtime: info.mtimeMs, mode: info.mode });
      } catch {
        // gone meanwhile
      }
    }
  }
}

/** The files under a run's directories now, with their modification times. */
export function snapshotFiles(run: Pick<RunRecord, 'env' | 'cwd'>): Map<string, number> {
  const files = new Map<string, { mtime: number; mode: number }>();
  for (const dir of watchedDirs(run)) walk(dir, files);
  return new Map([...files].map(([path, { mtime }]) => [path, mtime]));
}

function writtenFiles(run: RunRecord): Array<{ path: string; mode: number; dirMode: number; text: string }> {
  const files = new Map<string, { mtime: number; mode: number }>();
  for (const dir of watchedDirs(run)) walk(dir, files);
  const written: Array<{ path: string; mode: number; dirMode: number; text: string }> = [];
  for (const [path, { mtime, mode }] of files) {
    if (run.before.get(path) === mtime) continue;
    const text = readSmall(path);
    if (text === undefined) continue;
    let dirMode = 0o700;
    try {
      dirMode = statSync(dirname(path)).mode;
    } catch {
      // gone meanwhile
    }
    written.push({ path, mode, dirMode, text });
  }
  return written;
}

/** Records a finished run; its leaks are reported by takeLeaks(). Never throws (a check must not break a run). */
export function recordRun(run: RunRecord): void {
  runsChecked++;
  try {
    leaks.push(...leaksIn(run));
    for (const secret of secretsStoredBy(run)) storedSecrets.add(secret);
  } catch (error) {
    leaks.push(`the secret check itself failed on \`tavus-ten ${run.argv.join(' ')}\`: ${(error as Error).message}`);
  }
}
