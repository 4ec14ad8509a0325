// The browser side of `serve --transport livekit`'s page (bundled with livekit-client by scripts/build.mjs
// into /assets/livekit-page.js): Start asks the server for a room and a token, joins it, publishes the
// microphone and shows the avatar (`tavus-avatar-agent`); End, or leaving the page, stops the session.
import {
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type Participant,
  type RemoteParticipant,
  type RemoteTrack,
} from 'livekit-client';

const START = '/api/tavus/livekit/start';
const AVATAR = 'tavus-avatar-agent';
const stopPath = (room: string) => `/api/tavus/livekit/${encodeURIComponent(room)}/stop`;

interface Started {
  room_name: string;
  user_token: string;
  livekit_url: string;
  conversation_id: string;
  user_identity: string;
  agent: 'started' | 'not_configured';
}

interface ServeError extends Error {
  hint?: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const startButton = $<HTMLButtonElement>('start');
const endButton = $<HTMLButtonElement>('end');
const muteButton = $<HTMLButtonElement>('mute');
const video = $<HTMLVideoElement>('avatar');
const audio = $<HTMLAudioElement>('avatar-audio');
const placeholder = $('placeholder');
const unmuteAudio = $<HTMLButtonElement>('unmute-audio');

let room: Room | undefined;
let current: Started | undefined;
let leaving = false;
if (!window.isSecureContext) $('insecure').hidden = false;

function setStatus(text: string, live = false): void {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('live', live);
}

function showError(error: ServeError): void {
  $('error-message').textContent = error.message;
  // Hints name commands in backticks: shown as code, everything as text (never as HTML).
  const hint = $('error-hint');
  hint.textContent = '';
  String(error.hint ?? '')
    .split('`')
    .forEach((part, index) => {
      if (index % 2 === 0) {
        hint.appendChild(document.createTextNode(part));
        return;
      }
      const code = document.createElement('code');
      code.textContent = part;
      hint.appendChild(code);
    });
  $('error').hidden = false;
}

function clearError(): void {
  $('error').hidden = true;
  $('error-message').textContent = '';
  $('error-hint').textContent = '';
}

/** Every answer is TEN's envelope {code, msg, data}; anything else is reported as it came. */
async function call<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  } catch {
    throw new Error('Could not reach tavus-ten serve. Is it still running?');
  }
  const payload = (await response.json().catch(() => null)) as { code?: string; msg?: string; data?: { hint?: string } } | null;
  if (response.ok && payload?.code === '0') return payload.data as T;
  const error: ServeError = new Error(payload?.msg ?? `The server answered HTTP ${response.status}.`);
  error.hint = payload?.data?.hint ?? '';
  throw error;
}

function requestId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `req-${Date.now().toString(36)}`;
}

// ---------------------------------------------------------------- who is in the room

function describeAvatar(participant: RemoteParticipant | undefined): string {
  if (!participant) return current ? 'joining…' : 'not in the room';
  const publishes = [...participant.trackPublications.values()];
  const hasVideo = publishes.some((publication) => publication.kind === Track.Kind.Video);
  const hasAudio = publishes.some((publication) => publication.kind === Track.Kind.Audio);
  if (hasVideo && hasAudio) return 'in the room, sending video and audio';
  if (hasVideo) return 'in the room, sending video';
  return 'in the room, no video yet';
}

function describeAgents(r: Room): string {
  const agents = [...r.remoteParticipants.values()].filter((participant) => participant.identity !== AVATAR);
  if (agents.length === 0) return current?.agent === 'started' ? 'started, not in the room yet' : 'not in the room';
  return agents
    .map((participant) => {
      // LiveKit agents publish their state (listening, thinking, speaking) as this attribute.
      const state = participant.attributes['lk.agent.state'];
      return `${participant.identity}${state ? ` (${state})` : ' in the room'}`;
    })
    .join(', ');
}

function refreshParticipants(): void {
  if (!room) return;
  const avatar = room.remoteParticipants.get(AVATAR);
  $('avatar-state').textContent = describeAvatar(avatar);
  $('agent-state').textContent = describeAgents(room);
  // Once an agent is in the room, the hint to start one has done its job.
  if ([...room.remoteParticipants.keys()].some((identity) => identity !== AVATAR)) $('agent-note').hidden = true;
}

function attach(track: RemoteTrack, participant: RemoteParticipant): void {
  if (participant.identity !== AVATAR) {
    // The agent's own audio is heard too; only the avatar has a picture worth showing.
    if (track.kind === Track.Kind.Audio) track.attach();
    return;
  }
  if (track.kind === Track.Kind.Video) {
    track.attach(video);
    video.hidden = false;
    placeholder.hidden = true;
    setStatus(`In the room ${current?.room_name ?? ''} with the avatar`, true);
  } else if (track.kind === Track.Kind.Audio) {
    track.attach(audio);
  }
  refreshParticipants();
}

function showAudioPrompt(r: Room): void {
  // Browsers block sound until the user interacts; the avatar's voice needs one click then.
  unmuteAudio.hidden = r.canPlaybackAudio;
}

// ---------------------------------------------------------------- start and end

async function join(started: Started): Promise<void> {
  const r = new Room({ adaptiveStream: false, dynacast: false });
  room = r;
  r.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => attach(track, participant));
  r.on(RoomEvent.TrackUnsubscribed, (track) => {
    track.detach();
    refreshParticipants();
  });
  r.on(RoomEvent.ParticipantConnected, refreshParticipants);
  r.on(RoomEvent.ParticipantDisconnected, (participant: Participant) => {
    refreshParticipants();
    if (participant.identity === AVATAR && current) {
      video.hidden = true;
      placeholder.hidden = false;
      $('placeholder-text').textContent = 'The avatar left the room.';
      setStatus('The avatar left the room (the conversation may have ended). End stops the session.', true);
    }
  });
  r.on(RoomEvent.ParticipantAttributesChanged, refreshParticipants);
  r.on(RoomEvent.TrackPublished, refreshParticipants);
  r.on(RoomEvent.AudioPlaybackStatusChanged, () => showAudioPrompt(r));
  r.on(RoomEvent.MediaDevicesError, (error: Error) => showError({ name: 'MediaDevicesError', message: `Microphone unavailable: ${error.message}` }));
  r.on(RoomEvent.Reconnecting, () => setStatus('Connection lost; reconnecting to the room…'));
  r.on(RoomEvent.Reconnected, () => setStatus(`Back in the room ${started.room_name}`, true));
  r.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
    if (leaving || !current) return;
    const why = reason === undefined ? 'the connection closed' : (DisconnectReason[reason] ?? String(reason)).toLowerCase().replace(/_/g, ' ');
    setStatus(`Left the room: ${why}. End stops the session.`);
    video.hidden = true;
    placeholder.hidden = false;
    $('placeholder-text').textContent = 'Disconnected from the room.';
  });

  await r.connect(started.livekit_url, started.user_token);
  setStatus(`In the room ${started.room_name}; waiting for the avatar to join…`, true);
  refreshParticipants();
  for (const participant of r.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      if (publication.track) attach(publication.track, participant);
    }
  }
  showAudioPrompt(r);
  try {
    await r.localParticipant.setMicrophoneEnabled(true);
    muteButton.disabled = false;
  } catch (error) {
    showError({ name: 'MicrophoneError', message: `Microphone unavailable: ${(error as Error).message}`, hint: 'The avatar can still be seen; allow the microphone and start again to talk.' });
  }
}

function showSession(started: Started): void {
  current = started;
  $('room').textContent = started.room_name;
  $('conversation-id').textContent = started.conversation_id;
  $('you').textContent = started.user_identity;
  $('details').hidden = false;
  $('agent-room-env').textContent = `LIVEKIT_ROOM=${started.room_name}`;
  $('agent-note').hidden = started.agent === 'started';
  endButton.disabled = false;
  $('placeholder-text').textContent = 'Waiting for the avatar…';
}

function resetStage(message: string): void {
  current = undefined;
  room = undefined;
  video.srcObject = null;
  video.hidden = true;
  placeholder.hidden = false;
  unmuteAudio.hidden = true;
  $('placeholder-text').textContent = 'No session yet.';
  $('agent-note').hidden = true;
  document.body.classList.remove('busy');
  endButton.disabled = true;
  muteButton.disabled = true;
  startButton.disabled = false;
  setStatus(message);
}

startButton.addEventListener('click', () => {
  clearError();
  startButton.disabled = true;
  document.body.classList.add('busy');
  setStatus('Creating the room and starting the avatar…');
  const body: Record<string, string> = { request_id: requestId() };
  for (const [id, field] of [['room-name', 'room_name'], ['identity', 'user_identity'], ['greeting', 'greeting']] as const) {
    const value = $<HTMLInputElement>(id).value.trim();
    if (value) body[field] = value;
  }
  void (async () => {
    let started: Started;
    try {
      started = await call<Started>(START, body);
    } catch (error) {
      resetStage('Could not start a session.');
      showError(error as ServeError);
      return;
    }
    showSession(started);
    setStatus(`Joining the room ${started.room_name}…`);
    try {
      await join(started);
      document.body.classList.remove('busy');
    } catch (error) {
      setStatus(`Could not join the room ${started.room_name}. End stops the session.`, true);
      showError({ name: 'JoinError', message: `Joining the LiveKit room failed: ${(error as Error).message}`, hint: 'Is the LiveKit server at the URL `tavus-ten serve` printed reachable from this browser?' });
      document.body.classList.remove('busy');
    }
  })();
});

endButton.addEventListener('click', () => {
  if (!current) return;
  const session = current;
  clearError();
  endButton.disabled = true;
  muteButton.disabled = true;
  setStatus(`Ending the session in room ${session.room_name}…`);
  leaving = true;
  void (async () => {
    await room?.disconnect().catch(() => undefined);
    leaving = false;
    try {
      await call(stopPath(session.room_name), {});
      resetStage(`Session ended: conversation ${session.conversation_id} ended, room ${session.room_name} deleted.`);
      $('details').hidden = true;
    } catch (error) {
      endButton.disabled = false;
      setStatus(`The session in room ${session.room_name} may still be running.`, true);
      showError(error as ServeError);
    }
  })();
});

muteButton.addEventListener('click', () => {
  if (!room) return;
  const enable = !room.localParticipant.isMicrophoneEnabled;
  void room.localParticipant.setMicrophoneEnabled(enable).then(() => {
    muteButton.textContent = enable ? 'Mute microphone' : 'Unmute microphone';
    muteButton.setAttribute('aria-pressed', String(!enable));
  });
});

unmuteAudio.addEventListener('click', () => {
  void room?.startAudio().then(() => {
    if (room) showAudioPrompt(room);
  });
});

// Closing or leaving the page stops the session, so it stops billing.
window.addEventListener('pagehide', () => {
  if (!current) return;
  const session = current;
  current = undefined;
  leaving = true;
  if (room && room.state !== ConnectionState.Disconnected) void room.disconnect();
  if (!(navigator.sendBeacon && navigator.sendBeacon(stopPath(session.room_name)))) {
    void fetch(stopPath(session.room_name), { method: 'POST', keepalive: true }).catch(() => undefined);
  }
});
