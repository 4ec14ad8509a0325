// livekit_rtc's properties: read from TEN (each getter answers `[value, err]`), defaulted, and checked
// before anything connects. A bad value is reported naming the property, so the app logs one clear
// line and stays up instead of crashing or retrying.
import type { TenEnv } from "ten-runtime-nodejs";

/** The identity Tavus's avatar joins LiveKit rooms with (its audio is never fed back to the graph). */
export const AVATAR_IDENTITY = "tavus-avatar-agent";

/** LiveKit refuses API secrets shorter than this (livekit-server's key check). */
export const MIN_SECRET_LENGTH = 32;

const SAMPLE_RATES = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

export interface LivekitRtcConfig {
  /** LiveKit server URL: wss:// (or https://); ws:// only to this machine. */
  room_url: string;
  api_key: string;
  /** Never logged. */
  api_secret: string;
  room_name: string;
  /** This extension's identity in the room (`conversation start --agent-identity` assumes ten-agent). */
  identity: string;
  /** Whose audio is never forwarded (the avatar repeats the agent's own speech). */
  avatar_identity: string;
  /** Hz of the `pcm_frame`s sent into the graph (what speech-to-text expects), mono 16-bit. */
  input_sample_rate: number;
  /** Hz of the audio track published to the room; text-to-speech frames are resampled to it. */
  output_sample_rate: number;
}

export type ConfigResult = { ok: true; config: LivekitRtcConfig } | { ok: false; property: keyof LivekitRtcConfig; problem: string };

/** Reads and checks every property; the first bad one is returned by name. */
export async function readConfig(tenEnv: TenEnv): Promise<ConfigResult> {
  const text = async (name: keyof LivekitRtcConfig, fallback?: string): Promise<string | undefined> => {
    const [value, err] = await tenEnv.getPropertyString(name);
    return err || value === "" ? fallback : value.trim();
  };
  const number = async (name: keyof LivekitRtcConfig, fallback: number): Promise<number> => {
    const [value, err] = await tenEnv.getPropertyNumber(name);
    if (!err) return value;
    // `${env:…}` values arrive as strings.
    const [raw, stringErr] = await tenEnv.getPropertyString(name);
    return stringErr || raw.trim() === "" ? fallback : Number(raw);
  };
  const raw = {
    room_url: await text("room_url"),
    api_key: await text("api_key"),
    api_secret: await text("api_secret"),
    room_name: await text("room_name"),
    identity: await text("identity", "ten-agent"),
    avatar_identity: await text("avatar_identity", AVATAR_IDENTITY),
    input_sample_rate: await number("input_sample_rate", 16000),
    output_sample_rate: await number("output_sample_rate", 48000),
  };
  return checkConfig(raw);
}

/** The checks alone (pure), for raw values that may be missing. */
export function checkConfig(raw: { [K in keyof LivekitRtcConfig]?: LivekitRtcConfig[K] | undefined }): ConfigResult {
  const fail = (property: keyof LivekitRtcConfig, problem: string): ConfigResult => ({ ok: false, property, problem });
  for (const name of ["room_url", "api_key", "api_secret", "room_name"] as const) {
    if (!raw[name]) return fail(name, "is missing or empty");
  }
  const url = urlProblem(raw.room_url!);
  if (url) return fail("room_url", url);
  if (raw.api_secret!.length < MIN_SECRET_LENGTH) {
    return fail("api_secret", `is ${raw.api_secret!.length} characters; LiveKit needs at least ${MIN_SECRET_LENGTH}`);
  }
  const identity = raw.identity ?? "ten-agent";
  const avatar = raw.avatar_identity ?? AVATAR_IDENTITY;
  if (identity === avatar) return fail("identity", `must differ from the avatar's identity (${avatar})`);
  for (const name of ["input_sample_rate", "output_sample_rate"] as const) {
    const rate = raw[name];
    if (rate !== undefined && !SAMPLE_RATES.includes(rate)) return fail(name, `is ${rate}; use one of ${SAMPLE_RATES.join(", ")} Hz`);
  }
  return {
    ok: true,
    config: {
      room_url: raw.room_url!,
      api_key: raw.api_key!,
      api_secret: raw.api_secret!,
      room_name: raw.room_name!,
      identity,
      avatar_identity: avatar,
      input_sample_rate: raw.input_sample_rate ?? 16000,
      output_sample_rate: raw.output_sample_rate ?? 48000,
    },
  };
}

/** Why a LiveKit URL cannot be used, or undefined. ws:// and http:// would send the token in clear text. */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a URL (${JSON.stringify(value)}); expected wss://your-project.livekit.cloud`;
  }
  if (!["ws:", "wss:", "http:", "https:"].includes(url.protocol)) return `has scheme ${url.protocol}; use wss://`;
  const local = ["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname);
  if ((url.protocol === "ws:" || url.protocol === "http:") && !local) {
    return `uses ${url.protocol}// to a remote host (${url.hostname}): the token would travel unencrypted; use wss://`;
  }
  return undefined;
}

/** The URL rtc-node connects to: https → wss, http → ws. */
export function websocketUrl(value: string): string {
  return value.replace(/^http(s?):/, "ws$1:");
}
