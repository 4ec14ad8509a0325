// The TEN property.json reader: placeholders as the TEN runtime parses them, locations, JSON errors, .env discovery.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineAndColumn, locatePropertyJson, parseJsonWithPosition, readTenApp, tenDotenvFiles } from '../../../src/ten/app.js';
import { findEnvPlaceholders, groupByVariable, parseEnvPlaceholder, toPointer } from '../../../src/ten/placeholders.js';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/tenapps');

describe('parseEnvPlaceholder', () => {
  it('reads required, defaulted and empty-default placeholders', () => {
    expect(parseEnvPlaceholder('${env:LIVEKIT_URL}')).toEqual({ variable: 'LIVEKIT_URL', defaultValue: undefined });
    expect(parseEnvPlaceholder('${env:MODEL|gpt-4o}')).toEqual({ variable: 'MODEL', defaultValue: 'gpt-4o' });
    expect(parseEnvPlaceholder('${env:PERSONA|}')).toEqual({ variable: 'PERSONA', defaultValue: '' });
    // The default runs to the end: a second | belongs to it.
    expect(parseEnvPlaceholder('${env:A|b|c}')).toEqual({ variable: 'A', defaultValue: 'b|c' });
  });

  it('is only a placeholder when it is the whole value and its scope is env', () => {
    expect(parseEnvPlaceholder('wss://${env:HOST}')).toBeUndefined();
    expect(parseEnvPlaceholder('${env:HOST}/path')).toBeUndefined();
    expect(parseEnvPlaceholder('${HOME}')).toBeUndefined();
    expect(parseEnvPlaceholder('${other:X}')).toBeUndefined();
    expect(parseEnvPlaceholder('plain')).toBeUndefined();
  });
});

describe('findEnvPlaceholders', () => {
  it('finds them in graphs with readable locations and JSON pointers', () => {
    const app = readTenApp(join(FIXTURES, 'livekit', 'property.json'));
    if (!app.ok) throw new Error(app.problem);
    const url = app.placeholders.filter((p) => p.variable === 'LIVEKIT_URL');
    expect(url.map((p) => p.location)).toEqual(['graph "tavus_livekit" › node "livekit_rtc" › url', 'graph "tavus_livekit" › node "avatar" › livekit_url']);
    expect(url[0]!.pointer).toBe('/ten/predefined_graphs/0/graph/nodes/0/property/url');
    expect(url.every((p) => p.required)).toBe(true);
    const model = app.placeholders.find((p) => p.variable === 'OPENAI_MODEL')!;
    expect(model).toMatchObject({ required: false, defaultValue: 'gpt-4o-mini' });
    expect(app.placeholders.find((p) => p.variable === 'TEN_LOG_LEVEL')!.location).toBe('ten.log.level');
    expect(app.graphs).toEqual(['tavus_livekit']);
    expect([...groupByVariable(app.placeholders).keys()].slice(0, 3)).toEqual(['TEN_LOG_LEVEL', 'LIVEKIT_URL', 'LIVEKIT_API_KEY']);
  });

  it('flags an embedded placeholder and one without a name', () => {
    const found = findEnvPlaceholders({ a: 'wss://${env:HOST}:7880', b: '${env:}', list: ['${env:X|1}'] });
    expect(found.map((p) => [p.variable, p.problem !== undefined, p.pointer])).toEqual([
      ['HOST', true, '/a'],
      ['', true, '/b'],
      ['X', false, '/list/0'],
    ]);
    expect(found[0]!.problem).toMatch(/whole value/);
  });

  it('escapes JSON pointer segments', () => {
    expect(toPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});

describe('parseJsonWithPosition', () => {
  it('locates the error by line and column', () => {
    const parsed = parseJsonWithPosition('{\n  "a": 1,\n}\n');
    expect(parsed).toMatchObject({ ok: false, line: 3, column: 1 });
    const truncated = parseJsonWithPosition('{\n  "a": ');
    expect(truncated).toMatchObject({ ok: false, line: 2 });
    expect(parseJsonWithPosition('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('names the malformed fixture with its position', () => {
    const app = readTenApp(join(FIXTURES, 'malformed', 'property.json'));
    expect(app.ok).toBe(false);
    if (!app.ok) expect(app.problem).toMatch(/malformed[/\\]property\.json:10:9: invalid JSON/);
  });
});

describe('locating the app and its .env files', () => {
  const root = mkdtempSync(join(tmpdir(), 'tt-tenapp-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('accepts the app dir, its parent holding tenapp/, or the file itself', () => {
    const app = join(root, 'example', 'tenapp');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'property.json'), '{}');
    expect(locatePropertyJson(app, root)).toMatchObject({ ok: true, appDir: app });
    expect(locatePropertyJson('example', root)).toMatchObject({ ok: true, propertyPath: join(app, 'property.json') });
    expect(locatePropertyJson(join(app, 'property.json'), root)).toMatchObject({ ok: true, appDir: app });
    expect(locatePropertyJson('missing', root)).toMatchObject({ ok: false });
  });

  it('finds .env files from the app up to the repository root, nearest first', () => {
    const repo = join(root, 'repo');
    const app = join(repo, 'ai_agents', 'agents', 'examples', 'x', 'tenapp');
    mkdirSync(app, { recursive: true });
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, 'ai_agents', '.env'), 'A=1\n');
    writeFileSync(join(app, '.env'), 'B=2\n');
    writeFileSync(join(root, '.env'), 'OUTSIDE=1\n');
    expect(tenDotenvFiles(app)).toEqual([join(app, '.env'), join(repo, 'ai_agents', '.env')]);
  });
});
