// The emulated avatar's picture: a synthetic face whose mouth opens with the level of the agent's
// audio, so a test (or a person in the room) can see it lip-sync. Pure functions, no LiveKit.

/** Frame size and rate the avatar publishes (small: it is a test double, not a render). */
export const FACE_WIDTH = 320;
export const FACE_HEIGHT = 240;
export const FACE_FPS = 15;

/** The mouth: centre and half-width in pixels; its half-height goes from MOUTH_CLOSED to MOUTH_CLOSED + MOUTH_TRAVEL. */
export const MOUTH = { x: 160, y: 172, halfWidth: 36 } as const;
const MOUTH_CLOSED = 3;
const MOUTH_TRAVEL = 30;

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [38, 44, 58];
const SKIN: Rgb = [224, 172, 120];
const EYES: Rgb = [30, 30, 40];
const MOUTH_COLOUR: Rgb = [70, 10, 20];

/** Fills the ellipse centred on (cx, cy) with radii (rx, ry) in an RGBA buffer of FACE_WIDTH × FACE_HEIGHT. */
function fillEllipse(rgba: Uint8Array, cx: number, cy: number, rx: number, ry: number, [r, g, b]: Rgb): void {
  const top = Math.max(0, Math.floor(cy - ry));
  const bottom = Math.min(FACE_HEIGHT - 1, Math.ceil(cy + ry));
  for (let y = top; y <= bottom; y++) {
    const dy = (y - cy) / ry;
    if (dy * dy > 1) continue;
    const half = rx * Math.sqrt(1 - dy * dy);
    const left = Math.max(0, Math.ceil(cx - half));
    const right = Math.min(FACE_WIDTH - 1, Math.floor(cx + half));
    for (let x = left; x <= right; x++) {
      const i = (y * FACE_WIDTH + x) * 4;
      rgba[i] = r;
      rgba[i + 1] = g;
      rgba[i + 2] = b;
      rgba[i + 3] = 255;
    }
  }
}

/** The face without its mouth, drawn once (RGBA, FACE_WIDTH × FACE_HEIGHT). */
export function drawFaceBase(): Uint8Array {
  const rgba = new Uint8Array(FACE_WIDTH * FACE_HEIGHT * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = BACKGROUND[0];
    rgba[i + 1] = BACKGROUND[1];
    rgba[i + 2] = BACKGROUND[2];
    rgba[i + 3] = 255;
  }
  fillEllipse(rgba, 160, 125, 95, 110, SKIN);
  fillEllipse(rgba, 124, 100, 11, 11, EYES);
  fillEllipse(rgba, 196, 100, 11, 11, EYES);
  return rgba;
}

/** One frame: a copy of `base` with the mouth open by `openness` (0 closed … 1 wide open). */
export function drawFace(base: Uint8Array, openness: number): Uint8Array {
  const frame = new Uint8Array(base);
  const open = Math.min(1, Math.max(0, openness));
  fillEllipse(frame, MOUTH.x, MOUTH.y, MOUTH.halfWidth, MOUTH_CLOSED + open * MOUTH_TRAVEL, MOUTH_COLOUR);
  return frame;
}

/**
 * How far the mouth opens for 16-bit PCM samples: their RMS level (0…1 of full scale), scaled so
 * ordinary speech (about -20 dBFS, 0.1) opens it fully; below -50 dBFS it stays shut.
 */
export function mouthOpenness(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length) / 32768;
  return rms < 0.003 ? 0 : Math.min(1, rms * 10);
}
