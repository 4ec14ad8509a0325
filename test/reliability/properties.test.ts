// Property-based tests (fast-check) for the parsers every command relies on: durations, `--set`
// pointers and values, .env files, and the settings precedence. Each property holds for every input
// fast-check can think of, and every failure mode is a UsageError naming where the problem is, never
// a crash or a silently wrong value.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { boundedDuration, durationSeconds } from '../../src/flags.js';
import { pointerOf, pointerTokens, setOperation } from '../../src/commands/common/json-patch.js';
import { parseSetFlag } from '../../src/commands/common/set-flag.js';
import { applyPatch, type PatchOperation } from '../../src/emulator/json-patch.js';
import { parseDotenv } from '../../src/settings/dotenv.js';
import { resolveSettings, type SettingSource } from '../../src/settings/resolve.js';

const RUNS = { numRuns: 300 };

/** Runs fn; returns its value, or the UsageError it threw. Anything else thrown fails the property. */
function outcome<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: UsageError } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error };
    throw error;
  }
}

// ---------------------------------------------------------------- durations

const UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
const part = fc.tuple(fc.nat({ max: 100_000 }), fc.constantFrom(...(Object.keys(UNITS) as Array<keyof typeof UNITS>)));

describe('durations (--max-duration, --older-than, --ttl…)', () => {
  it('any sum of parts such as 1h30m reads as its number of seconds', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.boolean(), (parts, spaced) => {
        const seconds = parts.reduce((sum, [n, unit]) => sum + n * UNITS[unit], 0);
        const text = parts.map(([n, unit]) => `${n}${unit}`).join(spaced ? ' ' : '');
        const result = outcome(() => durationSeconds(text, '--max-duration'));
        if (seconds === 0) expect(result.ok).toBe(false);
        else expect(result).toEqual({ ok: true, value: seconds });
      }),
      RUNS,
    );
  });

  it('a plain number is seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(durationSeconds(String(n), '--older-than')).toBe(n);
      }),
      RUNS,
    );
  });

  it('any text is either a whole, safe, positive number of seconds or a UsageError naming the flag', () => {
    const nearMiss = fc.stringMatching(/^-?[0-9]{0,25}(\.[0-9]{1,3})?[smhdxy ]?([0-9]{0,25}[smhd])?$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), nearMiss, fc.string({ unit: 'grapheme', maxLength: 12 })), (text) => {
        const result = outcome(() => durationSeconds(text, '--left-timeout'));
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThan(0);
        } else {
          expect(result.error.message).toContain('--left-timeout');
          expect(result.error.exitCode).toBe(2);
        }
      }),
      RUNS,
    );
  });

  it('a bounded duration never exceeds its bound', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(part, { minLength: 1, maxLength: 3 }).map((ps) => ps.map(([n, u]) => `${n}${u}`).join(''))), (text) => {
        const result = outcome(() => boundedDuration(text, '--ttl', 30 * 86_400, '30d'));
        if (result.ok) expect(result.value === undefined || (result.value > 0 && result.value <= 30 * 86_400)).toBe(true);
        else expect(result.error.message).toContain('--ttl');
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- --set /pointer=JSON

const token = fc.oneof(fc.stringMatching(/^[a-z_]{1,12}$/), fc.string({ maxLength: 6 }).filter((t) => !t.includes('=')));
const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('--set /json/pointer=JSONVALUE', () => {
  it('pointers round-trip through escaping (~0 for ~, ~1 for /)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 5 }), (tokens) => {
        expect(pointerTokens(pointerOf(tokens))).toEqual(tokens);
      }),
      RUNS,
    );
  });

  it('any pointer and any JSON value come back exactly as written', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 4 }), jsonValue, (tokens, value) => {
        const pointer = pointerOf(tokens);
        // The shell hands over what the user typed; trailing spaces of a token are not something one types.
        fc.pre(pointer.trim() === pointer);
        const parsed = parseSetFlag(`${pointer}=${JSON.stringify(value)}`);
        expect(parsed.pointer).toBe(pointer);
        expect(parsed.value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      RUNS,
    );
  });

  it('anything else is a UsageError naming --set, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `/a=${s}`)), (raw) => {
        const result = outcome(() => parseSetFlag(raw));
        if (!result.ok) expect(result.error.message).toContain('--set');
        else expect(raw.startsWith('/') || raw.trimStart().startsWith('/')).toBe(true);
      }),
      RUNS,
    );
  });

  it('the operation chosen for a value is one a JSON Patch server accepts, and puts the value there', () => {
    const leafObject = fc.dictionary(fc.stringMatching(/^[a-c]$/), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null)), { maxKeys: 3 });
    const document = fc.dictionary(fc.stringMatching(/^[a-c]$/), fc.oneof(leafObject, fc.integer(), fc.constant(null)), { maxKeys: 3 });
    const path = fc.array(fc.stringMatching(/^[a-d]$/), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(document, path, jsonValue, (doc, tokens, value) => {
        const pointer = pointerOf(tokens);
        const operation = setOperation(doc, pointer, value) as PatchOperation;
        // The emulator's own RFC 6902 implementation is the judge.
        const patched = applyPatch(structuredClone(doc), [operation]) as Record<string, unknown>;
        let node: unknown = patched;
        for (const t of tokens) node = (node as Record<string, unknown>)[t];
        expect(node).toEqual(value);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- .env

const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);
const anyValue = fc.string({ maxLength: 30 });

function doubleQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

describe('.env files', () => {
  it('double-quoted values round-trip, whatever they hold (quotes, backslashes, #, new lines)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, anyValue, { maxKeys: 6 }), fc.boolean(), (values, exported) => {
        const text = Object.entries(values)
          .map(([k, v]) => `${exported ? 'export ' : ''}${k}=${doubleQuoted(v)}`)
          .join('\n');
        expect(parseDotenv(text)).toEqual(values);
      }),
      RUNS,
    );
  });

  it('single-quoted values are taken literally', () => {
    fc.assert(
      fc.property(fc.dictionary(key, anyValue.filter((v) => !v.includes("'") && !/[\r\n]/.test(v)), { maxKeys: 6 }), (values) => {
        const text = Object.entries(values).map(([k, v]) => `${k}='${v}'`).join('\r\n');
        expect(parseDotenv(text)).toEqual(values);
      }),
      RUNS,
    );
  });

  it('comments, blank lines and surrounding spaces change nothing', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9_./:@-]{0,20}$/);
    fc.assert(
      fc.property(fc.dictionary(key, plain, { maxKeys: 6 }), fc.array(fc.constantFrom('', '   ', '# a comment', '#KEY=nope', '\t'), { maxLength: 4 }), (values, noise) => {
        const lines: string[] = [];
        for (const [k, v] of Object.entries(values)) {
          lines.push(noise[lines.length % Math.max(1, noise.length)] ?? '');
          lines.push(`  ${k} = ${v}   # trailing comment`);
        }
        expect(parseDotenv(lines.join('\n'))).toEqual(values);
      }),
      RUNS,
    );
  });

  it('any text is either read or refused naming the file and the line, never a crash', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), key.map((k) => `${k}=`), key.map((k) => `${k}="open`)), { maxLength: 6 }), (lines) => {
        const result = outcome(() => parseDotenv(lines.join('\n'), 'fuzz.env'));
        if (result.ok) {
          for (const value of Object.values(result.value)) expect(typeof value).toBe('string');
          return;
        }
        const line = Number(/^fuzz\.env:(\d+): /.exec(result.error.message)?.[1]);
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(Math.max(1, lines.join('\n').split(/\r?\n/).length));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- settings precedence

const scratch = mkdtempSync(join(tmpdir(), 'tavus-ten-precedence-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let run = 0;

describe('settings precedence: flag > environment > .env > profile > default', () => {
  it('the persona id comes from the highest layer that sets it (aliases and empty values included)', () => {
    const maybe = fc.option(fc.stringMatching(/^p[0-9a-f]{4}$/), { nil: undefined });
    const layer = fc.record({ main: maybe, alias: maybe, emptyMain: fc.boolean() });
    fc.assert(
      fc.property(maybe, layer, layer, maybe, (flag, env, dotenv, profile) => {
        const dir = join(scratch, `run-${run++}`);
        const config = join(dir, 'config');
        const toVars = (l: { main?: string; alias?: string; emptyMain: boolean }) => ({
          ...(l.main !== undefined ? { TAVUS_PERSONA_ID: l.main } : l.emptyMain ? { TAVUS_PERSONA_ID: '' } : {}),
          ...(l.alias !== undefined ? { TAVUS_PAL_ID: l.alias } : {}),
        });
        const envVars = { ...toVars(env), TAVUS_TEN_CONFIG_DIR: config };
        const dotenvVars = toVars(dotenv);
        mkdirSync(config, { recursive: true });
        writeFileSync(join(dir, '.env'), Object.entries(dotenvVars).map(([k, v]) => `${k}=${v}`).join('\n'));
        writeFileSync(join(config, 'config.json'), JSON.stringify({ profiles: profile ? { default: { persona_id: profile } } : {} }));

        const settings = resolveSettings({ flags: { personaId: flag }, env: envVars, cwd: dir });
        const expected: [string | undefined, SettingSource | undefined] =
          flag !== undefined
            ? [flag, 'flag']
            : (env.main ?? env.alias) !== undefined
              ? [(env.main ?? env.alias)!, 'env']
              : (dotenv.main ?? dotenv.alias) !== undefined
                ? [(dotenv.main ?? dotenv.alias)!, 'dotenv']
                : profile !== undefined
                  ? [profile, 'profile']
                  : [undefined, undefined];
        expect([settings.personaId.value, settings.personaId.source]).toEqual(expected);
        // Both names set and different: the main name won, and the user is told.
        const warned = settings.warnings.some((w) => w.includes('TAVUS_PAL_ID'));
        const conflict = (l: typeof env) => l.main !== undefined && l.alias !== undefined && l.main !== l.alias;
        if (flag === undefined && (env.main ?? env.alias) !== undefined) expect(warned).toBe(conflict(env));
      }),
      { numRuns: 150 },
    );
  });

  it('the timeout is a number of seconds in (0, 3600] from whichever layer, or exit 2 naming where it came from', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 8 }), fc.double({ noNaN: false }).map(String), fc.integer().map(String)), fc.boolean(), (value, asFlag) => {
        const dir = join(scratch, `run-${run++}`);
        const env = { TAVUS_TEN_CONFIG_DIR: join(dir, 'config'), ...(asFlag ? {} : { TAVUS_TEN_TIMEOUT: value }) };
        const result = outcome(() => resolveSettings({ flags: asFlag ? { timeout: value } : {}, env, cwd: dir }));
        if (result.ok) {
          const seconds = result.value.timeout.value!;
          expect(seconds > 0 && seconds <= 3600).toBe(true);
          // An empty variable is unset: the default applies.
          if (!asFlag && value === '') expect(result.value.timeout.source).toBe('default');
        } else {
          expect(result.error.message).toContain(asFlag ? '--timeout' : 'TAVUS_TEN_TIMEOUT');
        }
      }),
      RUNS,
    );
  });
});
