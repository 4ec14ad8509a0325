// livekit_rtc with bad properties: it stops at start with one error line naming the property, stays
// loaded (no crash, so no restart loop), drops text-to-speech audio with one warning, and stops cleanly.
import { beforeAll, describe, expect, it } from 'vitest';
import { ExtensionHost } from '../../ten-runtime/host.js';
import { Cmd, LogLevel, StatusCode } from '../../ten-runtime/index.js';
import { EXTENSION_DIR, pcmFrame } from '../../helpers/livekit-rtc.js';

const GOOD = { room_url: 'wss://example.livekit.cloud', api_key: 'APIkey', api_secret: 'a'.repeat(32), room_name: 'tavus-ten' };

beforeAll(async () => {
  await import(`${EXTENSION_DIR}/src/index.ts`);
});

async function started(property: Record<string, unknown>): Promise<ExtensionHost> {
  const host = await ExtensionHost.create({ addon: 'livekit_rtc', propertyFile: `${EXTENSION_DIR}/property.json`, property, env: {} });
  await host.start();
  return host;
}

describe('livekit_rtc: bad properties stop it at start, naming the property', () => {
  it.each([
    ['room_url', { ...GOOD, room_url: '' }, /property room_url is missing/],
    ['room_url', { ...GOOD, room_url: 'livekit.example.com' }, /property room_url is not a URL/],
    ['room_url', { ...GOOD, room_url: 'ws://livekit.example.com:7880' }, /property room_url uses ws:\/\/ to a remote host \(livekit\.example\.com\)/],
    ['room_url', { ...GOOD, room_url: 'ftp://livekit.example.com' }, /property room_url has scheme ftp:/],
    ['api_key', { ...GOOD, api_key: undefined }, /property api_key is missing/],
    ['api_secret', { ...GOOD, api_secret: 'short-secret' }, /property api_secret is 12 characters; LiveKit needs at least 32/],
    ['room_name', { ...GOOD, room_name: '' }, /property room_name is missing/],
    ['identity', { ...GOOD, identity: 'tavus-avatar-agent' }, /property identity must differ from the avatar's identity/],
    ['input_sample_rate', { ...GOOD, input_sample_rate: 12345 }, /property input_sample_rate is 12345/],
  ])('%s: %j', async (_property, property, message) => {
    const host = await started(property);
    const errors = host.logs.filter((line) => line.level === LogLevel.ERROR);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.message).toContain('Not joining the room');
    // The secret is never in a log line.
    expect(host.logText()).not.toContain('a'.repeat(32));

    // Still answering: flush is OK, audio is dropped with a single warning.
    expect((await host.sendCmd(Cmd.Create('flush'))).getStatusCode()).toBe(StatusCode.OK);
    for (let i = 0; i < 3; i++) await host.sendAudioFrame(pcmFrame(new Int16Array(240), 24000));
    expect(host.logs.filter((line) => line.level === LogLevel.WARN)).toHaveLength(1);
    await host.stop();
    expect(host.stages).toEqual(['configure', 'init', 'start', 'stop', 'deinit']);
  });

  it('an unknown command gets an ERROR result saying so', async () => {
    const host = await started({ ...GOOD, room_url: '' });
    const result = await host.sendCmd(Cmd.Create('make_coffee'));
    expect(result.getStatusCode()).toBe(StatusCode.ERROR);
    expect(result.getPropertyString('detail')[0]).toContain('make_coffee');
    await host.stop();
  });
});
