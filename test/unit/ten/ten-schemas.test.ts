// What `ten init` writes is valid against TEN's own schemas for manifest.json and property.json (our
// zod reading of them, test/helpers/ten-schema.ts): the app's files for both modes and the livekit_rtc
// extension's manifest and property.json. The checks themselves reject what TEN's schemas reject.
import { describe, expect, it } from 'vitest';
import { TEN_MODES, tenAppFiles } from '../../../src/ten/templates.js';
import { schemaProblems, tenManifest, tenProperty } from '../../helpers/ten-schema.js';

describe("ten init's files against TEN's schemas", () => {
  for (const mode of TEN_MODES) {
    const files = tenAppFiles(mode).filter((file) => /(^|\/)(manifest|property)\.json$/.test(file.path));
    it.each(files.map((file) => [file.path, file.content]))(`${mode}: %s`, (path, content) => {
      const schema = path.endsWith('manifest.json') ? tenManifest : tenProperty;
      expect(schemaProblems(schema, JSON.parse(content))).toEqual([]);
    });
  }
});

describe('the checks reject what TEN rejects', () => {
  const extension = JSON.parse(tenAppFiles('livekit').find((f) => f.path.endsWith('livekit_rtc/manifest.json'))!.content);
  const property = JSON.parse(tenAppFiles('livekit').find((f) => f.path === 'tenapp/property.json')!.content);

  it.each([
    ['a name with a dash', { ...extension, name: 'livekit-rtc' }, /^name: must match/],
    ['a version that is not semver', { ...extension, version: '1.0' }, /^version: must be a semver/],
    ['an unknown top-level field', { ...extension, homepage: 'x' }, /Unrecognized key/],
    ['an object property without properties', { ...extension, api: { property: { properties: { x: { type: 'object' } } } } }, /needs properties/],
    ['an unknown value type', { ...extension, api: { property: { properties: { x: { type: 'integer' } } } } }, /api\.property\.properties\.x\.type/],
    ['an app declaring cmd_in', { type: 'app', name: 'a', version: '0.1.0', api: { cmd_in: [{ name: 'x' }] } }, /^api: an app's api may only hold property/],
  ])('manifest: %s', (_what, document, problem) => {
    expect(schemaProblems(tenManifest, document).join('\n')).toMatch(problem);
  });

  it.each([
    ['a node without addon', (p: any) => delete p.ten.predefined_graphs[0].graph.nodes[0].addon, /nodes\.0/],
    ['a null property value', (p: any) => (p.ten.predefined_graphs[0].graph.nodes[0].property.room_url = null), /nodes\.0/],
    ['a flow with both dest and source', (p: any) => (p.ten.predefined_graphs[0].graph.connections[1].audio_frame[0].source = [{ extension: 'tts' }]), /exactly one of dest and source/],
    ['a connection to a node that is not in the graph', (p: any) => (p.ten.predefined_graphs[0].graph.connections[1].extension = 'agora_rtc'), /names no node: agora_rtc/],
  ])('property.json: %s', (_what, mutate, problem) => {
    const copy = structuredClone(property);
    mutate(copy);
    expect(schemaProblems(tenProperty, copy).join('\n')).toMatch(problem);
  });
});
