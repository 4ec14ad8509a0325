// livekit_rtc: TEN's agora_rtc, over LiveKit. Joins a LiveKit room as `identity`; sends each remote
// participant's audio (never the avatar's) into the graph as `pcm_frame`s; plays the graph's
// text-to-speech `pcm_frame`s into its own audio track, which Tavus's echo-mode avatar lip-syncs;
// drops queued speech on `flush`; sends `on_user_joined` / `on_user_left`; leaves on stop.
import { AccessToken } from "livekit-server-sdk";
import { type RemoteParticipant, type RemoteTrack, Room, RoomEvent, TrackKind } from "@livekit/rtc-node";
import { Addon, type AudioFrame, Cmd, CmdResult, type Data, Extension, RegisterAddonAsExtension, StatusCode, type TenEnv } from "ten-runtime-nodejs";
import { type LivekitRtcConfig, readConfig, websocketUrl } from "./config.js";
import { streamIdOf } from "./ids.js";
import { Listener } from "./listener.js";
import { Speaker } from "./speaker.js";

const CONNECT_TIMEOUT_MS = 15_000;

export class LivekitRtcExtension extends Extension {
  private config: LivekitRtcConfig | undefined;
  private room: Room | undefined;
  private listener: Listener | undefined;
  private speaker: Speaker | undefined;
  private warnedIdle = false;

  override async onStart(tenEnv: TenEnv): Promise<void> {
    const result = await readConfig(tenEnv);
    if (!result.ok) {
      // Stay loaded and idle: a crash would make the app restart into the same error.
      tenEnv.logError(`livekit_rtc: property ${result.property} ${result.problem}. Not joining the room; fix the property and restart the app.`);
      return;
    }
    const config = result.config;
    this.config = config;
    try {
      await this.join(tenEnv, config);
    } catch (error) {
      tenEnv.logError(`livekit_rtc: could not join room ${config.room_name} at ${config.room_url} (property room_url): ${(error as Error).message}`);
      await this.leave();
    }
  }

  override async onStop(tenEnv: TenEnv): Promise<void> {
    await this.leave();
    tenEnv.logInfo("livekit_rtc: left the room");
  }

  override async onCmd(tenEnv: TenEnv, cmd: Cmd): Promise<void> {
    if (cmd.getName() === "flush") {
      this.speaker?.flush();
      await tenEnv.returnResult(CmdResult.Create(StatusCode.OK, cmd));
      return;
    }
    const result = CmdResult.Create(StatusCode.ERROR, cmd);
    result.setPropertyString("detail", `livekit_rtc does not handle the command ${cmd.getName()}`);
    await tenEnv.returnResult(result);
  }

  override async onAudioFrame(tenEnv: TenEnv, frame: AudioFrame): Promise<void> {
    if (frame.getName() !== "pcm_frame") return;
    if (!this.speaker) {
      if (!this.warnedIdle) tenEnv.logWarn("livekit_rtc: dropping text-to-speech audio: not in a room (see the error above)");
      this.warnedIdle = true;
      return;
    }
    const bytesPerSample = frame.getBytesPerSample() || 2;
    if (bytesPerSample !== 2) {
      tenEnv.logWarn(`livekit_rtc: dropping a pcm_frame of ${bytesPerSample}-byte samples (16-bit expected)`);
      return;
    }
    const buf = frame.getBuf();
    this.speaker.push({
      samples: new Int16Array(buf, 0, Math.floor(buf.byteLength / 2)),
      sampleRate: frame.getSampleRate(),
      channels: frame.getNumberOfChannels() || 1,
    });
  }

  override async onData(tenEnv: TenEnv, data: Data): Promise<void> {
    tenEnv.logDebug(`livekit_rtc: ignoring data ${data.getName()}`);
  }

  private async join(tenEnv: TenEnv, config: LivekitRtcConfig): Promise<void> {
    const token = new AccessToken(config.api_key, config.api_secret, { identity: config.identity, name: config.identity, ttl: "6h" });
    token.addGrant({ roomJoin: true, room: config.room_name, canPublish: true, canSubscribe: true, canPublishData: true });
    const jwt = await token.toJwt();

    const room = new Room();
    this.room = room;
    this.listener = new Listener(tenEnv, config.input_sample_rate);
    this.speaker = new Speaker(config.output_sample_rate, (message) => tenEnv.logError(message));
    const isAvatar = (participant: RemoteParticipant) => participant.identity === config.avatar_identity;

    room.on(RoomEvent.ParticipantConnected, (participant) => {
      if (!isAvatar(participant)) void this.userEvent(tenEnv, "on_user_joined", participant.identity);
    });
    room.on(RoomEvent.ParticipantDisconnected, (participant) => {
      this.listener?.stop(participant.identity);
      if (!isAvatar(participant)) void this.userEvent(tenEnv, "on_user_left", participant.identity);
    });
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant) => {
      if (track.kind === TrackKind.KIND_AUDIO && !isAvatar(participant)) this.listener?.listen(track, participant.identity);
    });
    room.on(RoomEvent.Disconnected, (reason) => {
      if (this.room === room) tenEnv.logWarn(`livekit_rtc: disconnected from room ${config.room_name} (reason ${reason})`);
    });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    });
    try {
      await Promise.race([room.connect(websocketUrl(config.room_url), jwt, { autoSubscribe: true, dynacast: false }), timeout]);
    } finally {
      clearTimeout(timer);
    }
    await this.speaker.publish(room.localParticipant!, "agent");
    tenEnv.logInfo(`livekit_rtc: joined room ${config.room_name} as ${config.identity}`);
    // Whoever was already there joined before us: tell the graph, as agora_rtc does.
    for (const participant of room.remoteParticipants.values()) {
      if (!isAvatar(participant)) void this.userEvent(tenEnv, "on_user_joined", participant.identity);
    }
  }

  private async userEvent(tenEnv: TenEnv, name: "on_user_joined" | "on_user_left", identity: string): Promise<void> {
    const cmd = Cmd.Create(name);
    cmd.setPropertyString("user_id", identity);
    cmd.setPropertyFromJson("stream_id", String(streamIdOf(identity)));
    const [, err] = await tenEnv.sendCmd(cmd);
    if (err) tenEnv.logWarn(`livekit_rtc: ${name} for ${identity} was not delivered: ${err.errorMessage ?? err.errorCode}`);
  }

  private async leave(): Promise<void> {
    const { room, listener, speaker } = this;
    this.room = undefined;
    this.listener = undefined;
    this.speaker = undefined;
    listener?.stop();
    await speaker?.close().catch(() => undefined);
    await room?.disconnect().catch(() => undefined);
  }
}

class LivekitRtcAddon extends Addon {
  async onCreateInstance(_tenEnv: TenEnv, instanceName: string): Promise<Extension> {
    return new LivekitRtcExtension(instanceName);
  }
}

// What TEN's @RegisterAddonAsExtension("livekit_rtc") decorator does, without needing decorator support.
RegisterAddonAsExtension("livekit_rtc")(LivekitRtcAddon);
