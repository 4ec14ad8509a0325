// The emulated avatar's picture and its refusal text: pure pieces, no LiveKit.
import { describe, expect, it } from 'vitest';
import { drawFace, drawFaceBase, FACE_HEIGHT, FACE_WIDTH, MOUTH, mouthOpenness } from '../../../src/emulator/avatar-face.js';
import { withoutToken } from '../../../src/emulator/livekit-avatar.js';

const pixel = (rgba: Uint8Array, x: number, y: number) => [...rgba.subarray((y * FACE_WIDTH + x) * 4, (y * FACE_WIDTH + x) * 4 + 3)];

describe('the avatar face', () => {
  it('opens its mouth with the level and shuts it in silence', () => {
    const base = drawFaceBase();
    expect(base.length).toBe(FACE_WIDTH * FACE_HEIGHT * 4);
    const below = MOUTH.y + 20; // inside the open mouth, on the chin when shut
    expect(pixel(drawFace(base, 0), MOUTH.x, below)).toEqual(pixel(base, MOUTH.x, below));
    expect(pixel(drawFace(base, 1), MOUTH.x, below)).not.toEqual(pixel(base, MOUTH.x, below));
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(drawFace(base, 0), drawFace(base, 0))).toBe(true); // silence: identical frames
    expect(same(drawFace(base, 0.5), drawFace(base, 0))).toBe(false);
    expect(same(drawFace(base, 2), drawFace(base, 1))).toBe(true); // clamped
  });

  it('reads the level of 16-bit PCM: silence 0, speech fully open, quiet hiss shut', () => {
    const tone = (amplitude: number) => Int16Array.from({ length: 480 }, (_, i) => Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 440 * i) / 48_000)));
    expect(mouthOpenness(new Int16Array(480))).toBe(0);
    expect(mouthOpenness(tone(0.002))).toBe(0);
    expect(mouthOpenness(tone(0.05))).toBeCloseTo(0.35, 1);
    expect(mouthOpenness(tone(0.5))).toBe(1);
    expect(mouthOpenness(new Int16Array(0))).toBe(0);
  });
});

describe("the server's refusal", () => {
  it('loses the token LiveKit quotes back, and any other JWT', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const said = `engine: signal failure: client error: 401 Unauthorized - invalid token: ${token}, error: go-jose/go-jose: error in cryptographic primitive`;
    expect(withoutToken(said, token)).toBe('engine: signal failure: client error: 401 Unauthorized - invalid token: <token>, error: go-jose/go-jose: error in cryptographic primitive');
    expect(withoutToken('other eyJa.eyJb.c', 'unrelated')).toBe('other <token>');
  });
});
