// The LiveKit Agents Tavus plugin's own API class (livekit-plugins-tavus TavusAPI), unmodified, against
// `tavus-ten mock`: its echo + LiveKit PAL, a conversation in a LiveKit room with its room token (checked
// against the LiveKit key pair the mock was given), and its stock PAL with its stock face.
import { describe, expect, it } from 'vitest';
import { conformancePython, PYTHON_TIMEOUT_MS, useMock } from '../helpers/conformance.js';
import { runPython } from '../helpers/python-clients.js';

const python = conformancePython();

const LIVEKIT = { LIVEKIT_URL: 'wss://conformance.livekit.cloud', LIVEKIT_API_KEY: 'APIconformance', LIVEKIT_API_SECRET: 'conformance-secret-of-at-least-32-characters' };

describe.skipIf(!python)('livekit-plugins-tavus 1.8.9 against tavus-ten mock', () => {
  const { mock, dir } = useMock({ LIVEKIT_API_KEY: LIVEKIT.LIVEKIT_API_KEY, LIVEKIT_API_SECRET: LIVEKIT.LIVEKIT_API_SECRET });

  it('creates its PAL and its LiveKit conversations; the avatar is admitted with a signature-checked token', async () => {
    const run = await runPython(python!, 'livekit_driver.py', [], { TAVUS_MOCK_URL: mock.baseUrl, TAVUS_API_KEY: mock.apiKey, ...LIVEKIT }, dir.path);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result).toMatchObject({
      pal_id: expect.stringMatching(/^p[0-9a-f]{11}$/),
      conversation_id: expect.stringMatching(/^c[0-9a-f]{11}$/),
      stock_conversation_id: expect.stringMatching(/^c[0-9a-f]{11}$/),
    });

    const requests = await mock.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v2/pals 200', 'POST /v2/conversations 200', 'POST /v2/conversations 200']);
    expect(requests[0]!.body).toEqual({ pal_name: 'conformance PAL', default_face_id: 'r4067604db72', pipeline_mode: 'echo', layers: { transport: { transport_type: 'livekit' } } });
    expect(requests[1]!.body).toMatchObject({ pal_id: run.result.pal_id, conversation_name: expect.stringMatching(/^lk_conversation_/), properties: { livekit_ws_url: LIVEKIT.LIVEKIT_URL } });
    expect(requests[1]!.body.face_id).toBeUndefined(); // its own PAL carries the face
    expect(requests[2]!.body).toMatchObject({ pal_id: 'pb87e71797da', face_id: 'r4067604db72' });

    for (const id of [run.result.conversation_id, run.result.stock_conversation_id] as string[]) {
      const conversation = await mock.api('GET', `/conversations/${id}?verbose=true`);
      expect(conversation.json.status).toBe('active');
      expect(conversation.json.events[0]).toMatchObject({
        event_type: 'system.replica_joined',
        properties: { transport: 'livekit', room: 'conformance-room', identity: 'tavus-avatar-agent', token_signature_checked: true },
      });
    }
    const pal = await mock.api('GET', `/pals/${run.result.pal_id}`);
    expect(pal.json).toMatchObject({ pal_id: run.result.pal_id, pal_name: 'conformance PAL', pipeline_mode: 'echo', default_face_id: 'r4067604db72' });
  }, PYTHON_TIMEOUT_MS);
});
