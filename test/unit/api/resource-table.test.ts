// Every resource in src/api/resources/index.ts is whole: the emulator serves each of its paths, the
// client exposes its calls, and the CLI has a command group named after its noun. A resource added
// to the table without its emulator routes or its command fails here.
import { describe, expect, it } from 'vitest';
import { createTavusClient } from '../../../src/api/client.js';
import { describeTarget, mayExistHint } from '../../../src/api/classify/index.js';
import { RESOURCES } from '../../../src/api/resources/index.js';
import { buildProgram } from '../../../src/program.js';
import { captureIO } from '../../helpers/capture.js';
import { useEmulator } from '../../helpers/emulator.js';

const { emulator } = useEmulator();
const entries = Object.entries(RESOURCES);

describe.each(entries)('resource %s', (key, resource) => {
  it.each(resource.paths)('the emulator answers GET /v2/%s', async (path) => {
    const response = await fetch(`${emulator.url}/v2/${path}`, { headers: { 'x-api-key': emulator.apiKey } });
    expect(response.status).toBe(200);
  });

  it('the client exposes its calls under the same key', () => {
    const client = createTavusClient({ apiKey: 'k', baseUrl: emulator.url }) as unknown as Record<string, unknown>;
    expect(typeof client[key]).toBe('object');
  });

  it('error messages name it by its noun, from every path', () => {
    for (const path of resource.paths) expect(describeTarget(`/${path}/x1`)).toEqual({ noun: resource.noun, id: 'x1' });
    if (resource.mayExist.create) expect(mayExistHint('POST', `/${resource.paths[0]}`)).toBe(resource.mayExist.create);
  });

  it('has a command group named after its noun', async () => {
    const { io } = captureIO();
    const program = await buildProgram({ io, env: {}, cwd: process.cwd(), signal: new AbortController().signal, cleanups: new Set() }, 'all');
    expect(program.commands.map((command) => command.name())).toContain(resource.noun);
  });
});
