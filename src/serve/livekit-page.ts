// The page `tavus-ten serve --transport livekit` answers at `/`: Start joins the LiveKit room with the
// LiveKit client SDK (bundled into /assets/livekit-page.js and served from here, nothing from a CDN),
// shows the avatar large, says what the avatar and the agent are doing, and End stops the session.
// Only the user's room token ever reaches it: never the LiveKit secret or the Tavus key.
import { PAGE_CSS } from './page.js';
import type { PageAssets } from './assets.js';

export const LIVEKIT_SCRIPT_PATH = '/assets/livekit-page.js';

export const LIVEKIT_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tavus avatar in LiveKit · tavus-ten serve</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="${LIVEKIT_SCRIPT_PATH}" defer></script>
</head>
<body>
<header>
  <h1>Tavus avatar in LiveKit</h1>
  <p class="sub">TEN's LiveKit mode, served by <code>tavus-ten serve --transport livekit</code></p>
</header>
<main>
  <section class="controls" aria-label="Session controls">
    <button id="start" type="button" class="primary">Start</button>
    <button id="mute" type="button" disabled aria-pressed="false">Mute microphone</button>
    <button id="end" type="button" class="danger" disabled>End</button>
    <details id="options">
      <summary>Options</summary>
      <label>Room <input id="room-name" name="room_name" autocomplete="off" spellcheck="false" maxlength="128" placeholder="a fresh tavus-session-… room"></label>
      <label>Your identity <input id="identity" name="user_identity" autocomplete="off" spellcheck="false" maxlength="128" placeholder="user-…"></label>
      <label>Greeting <input id="greeting" name="greeting" autocomplete="off" maxlength="1000" placeholder="the persona's default"></label>
    </details>
  </section>
  <p id="status" role="status" class="status">Ready. Start creates a LiveKit room, starts the Tavus avatar in it and joins you to it.</p>
  <div id="error" role="alert" class="error" hidden>
    <strong id="error-message"></strong>
    <span id="error-hint"></span>
  </div>
  <dl id="details" class="details" hidden>
    <div><dt>Room</dt><dd><code id="room"></code></dd></div>
    <div><dt>Conversation</dt><dd><code id="conversation-id"></code></dd></div>
    <div><dt>You</dt><dd><code id="you"></code></dd></div>
    <div><dt>Avatar</dt><dd id="avatar-state">not in the room</dd></div>
    <div><dt>Agent</dt><dd id="agent-state">not in the room</dd></div>
  </dl>
  <p id="agent-note" class="note agent-note" hidden>No agent was started for this room (the server has no <code>--agent-command</code>):
    start your TEN agent with <code id="agent-room-env"></code> so the avatar has someone to lip-sync to.</p>
  <div class="stage">
    <video id="avatar" autoplay playsinline muted hidden></video>
    <audio id="avatar-audio" autoplay hidden></audio>
    <div id="placeholder" class="placeholder">
      <div class="ring" aria-hidden="true"></div>
      <p id="placeholder-text">No session yet.</p>
      <p class="note">Each session bills until it ends: End, closing this page, or stopping the server ends it.</p>
      <p id="insecure" class="note warn" hidden>This page is not a secure context (plain http on an address other than localhost), so the
        browser will not give it your microphone. Open it as http://localhost:PORT.</p>
    </div>
    <button id="unmute-audio" type="button" class="overlay" hidden>Click to hear the avatar</button>
  </div>
</main>
</body>
</html>
`;

export const LIVEKIT_PAGE_CSS = `${PAGE_CSS}
button:not(.primary):not(.danger):not(.overlay) { background: var(--card); color: var(--fg); border: 1px solid var(--line); }
.stage video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: #000; }
.overlay { position: absolute; left: 50%; bottom: 1rem; transform: translateX(-50%); background: var(--accent); color: var(--accent-fg); }
.agent-note { margin: 0.25rem 0 0.5rem; }
.agent-note code { font-size: 0.85em; }
`;

/**
 * The LiveKit mode's page and assets, for ServeOptions.mode. `script` loads the bundled browser script
 * (livekit-client and the page's code) only when first asked for: the CLI never pays for it otherwise.
 */
export function livekitPageAssets(script: () => Promise<string>): PageAssets['assets'] {
  let loaded: Promise<string> | undefined;
  const page = { type: 'text/html; charset=utf-8', body: () => LIVEKIT_PAGE_HTML };
  return {
    '/': page,
    '/index.html': page,
    '/assets/app.css': { type: 'text/css; charset=utf-8', body: () => LIVEKIT_PAGE_CSS },
    [LIVEKIT_SCRIPT_PATH]: { type: 'text/javascript; charset=utf-8', body: () => (loaded ??= script()) },
  };
}
