// Tavus's official CLI (tavus-cli, the `tavus` command), unmodified, against `tavus-ten mock`, pointed at it
// with its own TAVUS_PUBLIC_API_BASE_URL: list faces and PALs, create a PAL, read it, create and end a
// conversation with it.
import { describe, expect, it } from 'vitest';
import { conformancePython, PYTHON_TIMEOUT_MS, useMock } from '../helpers/conformance.js';
import { runPython } from '../helpers/python-clients.js';

const python = conformancePython();

describe.skipIf(!python)('tavus-cli 0.11.0 against tavus-ten mock', () => {
  const { mock, dir } = useMock();
  const tavus = async (...args: string[]) => {
    const run = await runPython(python!, 'tavus', args, { TAVUS_PUBLIC_API_BASE_URL: `${mock.baseUrl}/v2`, TAVUS_API_KEY: mock.apiKey }, dir.path);
    expect(run.exitCode, `tavus ${args.join(' ')}\n${run.stderr}`).toBe(0);
    return run;
  };
  const last = async () => (await mock.requests()).at(-1)!;

  it('face list --stock --json: the stock faces under their Face names', async () => {
    const run = await tavus('face', 'list', '--stock', '--json');
    expect(run.result.data.map((f: { face_id: string }) => f.face_id)).toEqual(expect.arrayContaining(['r90bbd427f71', 'rf4703150052', 'r4067604db72']));
    expect(await last()).toMatchObject({ method: 'GET', path: '/v2/faces', query: { limit: '25', face_type: 'system' }, status: 200 });
    expect((await last()).headers['user-agent']).toMatch(/^tavus-cli\/0\.11\.0$/);
  }, PYTHON_TIMEOUT_MS);

  it('pal list --json: its default page=0 is served as the first page', async () => {
    const run = await tavus('pal', 'list', '--json');
    expect(run.result.data.find((p: { pal_id: string }) => p.pal_id === 'pb87e71797da')).toMatchObject({ pal_name: expect.any(String), default_face_id: 'r4067604db72' });
    expect(await last()).toMatchObject({ method: 'GET', path: '/v2/pals', query: { limit: '25', page: '0' }, status: 200 });
  }, PYTHON_TIMEOUT_MS);

  it('pal create, pal get, conversation create and end', async () => {
    const created = await tavus('pal', 'create', '--name', 'Conformance PAL', '--pipeline-mode', 'echo', '--face-id', 'rf4703150052');
    const palId = created.result.pal_id as string;
    expect(palId).toMatch(/^p[0-9a-f]{11}$/);
    expect(await last()).toMatchObject({ method: 'POST', path: '/v2/pals', body: { pal_name: 'Conformance PAL', pipeline_mode: 'echo', default_face_id: 'rf4703150052' }, status: 200 });

    const got = await tavus('pal', 'get', palId);
    expect(got.result).toMatchObject({ pal_id: palId, pal_name: 'Conformance PAL', pipeline_mode: 'echo' });

    const conversation = await tavus('conversation', 'create', '--pal-id', palId, '--face-id', 'rf4703150052', '--name', 'conformance');
    const id = conversation.result.conversation_id as string;
    expect(conversation.result).toMatchObject({ status: 'active', conversation_name: 'conformance' });
    expect(await last()).toMatchObject({ method: 'POST', path: '/v2/conversations', body: { persona_id: palId, replica_id: 'rf4703150052', conversation_name: 'conformance' }, status: 200 });

    await tavus('conversation', 'end', id);
    expect(await last()).toMatchObject({ method: 'POST', path: `/v2/conversations/${id}/end`, status: 200 });
    expect((await mock.api('GET', `/conversations/${id}`)).json.status).toBe('ended');
  }, PYTHON_TIMEOUT_MS);
});
