// Masking hides secrets and nothing else: with LiveKit's dev-server secret (`secret`), room names,
// setting names and doctor's sentences that contain the word are printed as they are.
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/io/mask.js';
import { runCli } from '../helpers/cli.js';

const DEV = { LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: 'secret', LIVEKIT_URL: 'wss://project.livekit.cloud' };

describe('masking hides secrets and nothing else', () => {
  it('livekit token --room secret-room --json keeps the room name', async () => {
    const result = await runCli(['livekit', 'token', '--room', 'secret-room', '--json'], { env: DEV });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ room: 'secret-room' });
    expect(result.stdout).not.toContain('•');
  });

  it('config list --json keeps the setting names', async () => {
    const result = await runCli(['config', 'list', '--json'], { env: DEV });
    expect(result.exitCode, result.stderr).toBe(0);
    const keys = (JSON.parse(result.stdout) as { key: string }[]).map((row) => row.key);
    expect(keys).toContain('livekit_api_secret');
    expect(result.stdout).not.toMatch(/livekit_api_•/);
  });

  it("doctor's sentences are not garbled", async () => {
    const result = await runCli(['doctor', '--mode', 'livekit', '--offline', '--json'], { env: DEV });
    const text = JSON.stringify(JSON.parse(result.stdout));
    expect(text).toContain('LIVEKIT_API_SECRET');
    expect(text).toMatch(/the secret has 6 characters/);
  });

  it('a long secret is still masked wherever it stands alone', () => {
    const secret = 'Zx9kLmN0pQrStUvWxYz0123456789abc';
    expect(redact(`echoed "${secret}" and ${secret}.`, [secret])).not.toContain(secret);
    expect(redact(`room-${secret}x stays`, [secret])).toContain(secret);
  });
});
