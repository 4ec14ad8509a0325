// pipecat-ai's own Tavus code (TavusApi, TavusTransportClient), unmodified, against `tavus-ten mock`:
// it creates a conversation with its default persona, reads the persona's name, and ends it.
import { describe, expect, it } from 'vitest';
import { conformancePython, PYTHON_TIMEOUT_MS, useMock } from '../helpers/conformance.js';
import { runPython } from '../helpers/python-clients.js';

const python = conformancePython();

describe.skipIf(!python)('pipecat-ai 1.14.0 against tavus-ten mock', () => {
  const { mock, dir } = useMock();

  it('creates a conversation with its default persona pipecat0, reads the persona name (flat GET), ends it', async () => {
    const run = await runPython(python!, 'pipecat_driver.py', [], { TAVUS_MOCK_URL: mock.baseUrl, TAVUS_API_KEY: mock.apiKey, TAVUS_REPLICA_ID: 'rf4703150052' }, dir.path);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result).toMatchObject({ default_persona: 'pipecat0', persona_name: 'Ari', conversation_id: expect.stringMatching(/^c[0-9a-f]{11}$/) });
    const id = run.result.conversation_id as string;

    // What the emulator received, in order, each answered with success.
    const seen = (await mock.requests()).map((r) => ({ call: `${r.method} ${r.path}`, status: r.status, body: r.body, key: r.headers['x-api-key'] }));
    expect(seen).toEqual([
      { call: 'POST /v2/conversations', status: 200, body: { replica_id: 'rf4703150052', persona_id: 'pipecat0' }, key: mock.apiKey },
      { call: 'GET /v2/personas/pipecat0', status: 200, body: undefined, key: mock.apiKey },
      { call: `POST /v2/conversations/${id}/end`, status: 200, body: undefined, key: mock.apiKey },
    ]);
    const ended = await mock.api('GET', `/conversations/${id}?verbose=true`);
    expect(ended.json).toMatchObject({ status: 'ended', persona_id: 'pipecat0', replica_id: 'rf4703150052' });
    expect(ended.json.events.at(-1).properties.shutdown_reason).toBe('end_conversation_endpoint_hit');
  }, PYTHON_TIMEOUT_MS);
});
