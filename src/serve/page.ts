// The page `tavus-ten serve` answers at `/`: Start and End buttons, the conversation embedded in an
// iframe, its id and any error. Plain HTML, CSS and JS served by the server itself: no build step,
// no CDN, nothing fetched from elsewhere. The API key never reaches it.

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tavus conversation · tavus-ten serve</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header>
  <h1>Tavus conversation</h1>
  <p class="sub">The TEN playground's Tavus API, served by <code>tavus-ten serve</code></p>
</header>
<main>
  <section class="controls" aria-label="Conversation controls">
    <button id="start" type="button" class="primary">Start conversation</button>
    <button id="end" type="button" class="danger" disabled>End conversation</button>
    <details id="options">
      <summary>Options</summary>
      <label>Persona id <input id="persona" name="persona" autocomplete="off" spellcheck="false" placeholder="the server's default"></label>
      <label>Greeting <input id="greeting" name="greeting" autocomplete="off" maxlength="1000" placeholder="the persona's default"></label>
    </details>
  </section>
  <p id="status" role="status" class="status">Ready. Start a conversation to talk to your Tavus replica.</p>
  <div id="error" role="alert" class="error" hidden>
    <strong id="error-message"></strong>
    <span id="error-hint"></span>
  </div>
  <dl id="details" class="details" hidden>
    <div><dt>Conversation</dt><dd><code id="conversation-id"></code></dd></div>
    <div><dt>Room</dt><dd><a id="room-link" target="_blank" rel="noopener noreferrer">open in a new tab</a></dd></div>
  </dl>
  <div class="stage">
    <iframe id="room" title="Tavus conversation" allow="camera; microphone; autoplay; fullscreen; display-capture" hidden></iframe>
    <div id="placeholder" class="placeholder">
      <div class="ring" aria-hidden="true"></div>
      <p>No conversation yet.</p>
      <p class="note">Each conversation bills until it ends: End, closing this page, or stopping the server ends it.</p>
      <p id="insecure" class="note warn" hidden>This page is not a secure context (plain http on an address other than localhost), so the
        browser will not give the embedded room your camera and microphone. Open it as http://localhost:PORT, or use
        “open in a new tab” once the conversation starts.</p>
    </div>
  </div>
</main>
</body>
</html>
`;

export const PAGE_CSS = `:root {
  color-scheme: light dark;
  --bg: #f8fafc; --fg: #0f172a; --muted: #64748b; --card: #ffffff; --line: #e2e8f0;
  --accent: #4f46e5; --accent-fg: #ffffff; --danger: #dc2626; --error-bg: #fef2f2; --error-fg: #991b1b;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0b1020; --fg: #e2e8f0; --muted: #94a3b8; --card: #111827; --line: #1f2937;
          --error-bg: #3b0d0d; --error-fg: #fecaca; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { padding: 1.25rem 1.5rem 0.5rem; max-width: 72rem; margin: 0 auto; }
h1 { margin: 0; font-size: 1.5rem; }
.sub { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.9rem; }
main { max-width: 72rem; margin: 0 auto; padding: 0.75rem 1.5rem 2rem; }
.controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; }
button { font: inherit; border: 0; border-radius: 0.5rem; padding: 0.6rem 1.1rem; cursor: pointer; font-weight: 600; }
button:disabled { opacity: 0.45; cursor: not-allowed; }
button.primary { background: var(--accent); color: var(--accent-fg); }
button.danger { background: var(--danger); color: #fff; }
details { margin-left: auto; background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.45rem 0.8rem; }
details[open] { padding-bottom: 0.8rem; }
summary { cursor: pointer; color: var(--muted); }
details label { display: block; margin-top: 0.5rem; font-size: 0.85rem; color: var(--muted); }
details input { display: block; width: 18rem; max-width: 100%; margin-top: 0.2rem; font: inherit; padding: 0.35rem 0.5rem;
                border: 1px solid var(--line); border-radius: 0.35rem; background: var(--bg); color: var(--fg); }
.status { margin: 1rem 0 0.5rem; color: var(--muted); }
.status.live { color: var(--fg); font-weight: 600; }
.error { margin: 0.5rem 0; padding: 0.75rem 1rem; border-radius: 0.5rem; background: var(--error-bg); color: var(--error-fg);
         border: 1px solid color-mix(in srgb, var(--danger) 35%, transparent); }
.error strong { display: block; }
.error span:empty { display: none; }
.error span { display: block; margin-top: 0.25rem; font-size: 0.9rem; }
.details { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0.5rem 0; }
.details div { display: flex; gap: 0.5rem; }
.details dt { color: var(--muted); }
.details dd { margin: 0; }
a { color: var(--accent); }
.stage { position: relative; margin-top: 0.75rem; aspect-ratio: 16 / 9; background: var(--card); border: 1px solid var(--line);
         border-radius: 0.75rem; overflow: hidden; }
.stage iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }
.placeholder { position: absolute; inset: 0; display: grid; place-content: center; text-align: center; padding: 1rem; }
.placeholder p { margin: 0.25rem 0; }
.note { color: var(--muted); font-size: 0.85rem; }
.note.warn { max-width: 36rem; margin: 0.75rem auto 0; color: var(--error-fg); }
.ring { width: 4.5rem; height: 4.5rem; margin: 0 auto 0.75rem; border-radius: 50%;
        border: 0.35rem solid color-mix(in srgb, var(--accent) 30%, transparent); }
.busy .ring { border-top-color: var(--accent); animation: spin 0.9s linear infinite; }
.error code { font-size: 0.85em; padding: 0.05rem 0.3rem; border-radius: 0.25rem; background: color-mix(in srgb, var(--error-fg) 10%, transparent); }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .busy .ring { animation: none; } }
`;

export const PAGE_JS = `'use strict';
(function () {
  var CREATE = '/api/tavus/conversation/create';
  var endPath = function (id) { return '/api/tavus/conversation/' + encodeURIComponent(id) + '/end'; };
  var $ = function (id) { return document.getElementById(id); };
  var startButton = $('start'), endButton = $('end'), room = $('room'), placeholder = $('placeholder');
  var current = null, ended = null;
  if (!window.isSecureContext) $('insecure').hidden = false;

  function requestId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    return 'req-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
  }

  function setStatus(text, live) {
    var status = $('status');
    status.textContent = text;
    status.classList.toggle('live', Boolean(live));
  }

  function showError(error) {
    $('error-message').textContent = error.message;
    // Hints name commands in backticks: show those as code, everything as text (never as HTML).
    var hint = $('error-hint');
    hint.textContent = '';
    String(error.hint || '').split('\x60').forEach(function (part, index) {
      if (index % 2 === 0) { hint.appendChild(document.createTextNode(part)); return; }
      var code = document.createElement('code');
      code.textContent = part;
      hint.appendChild(code);
    });
    $('error').hidden = false;
  }

  function clearError() {
    $('error').hidden = true;
    $('error-message').textContent = '';
    $('error-hint').textContent = '';
  }

  // Every answer is TEN's envelope {code, msg, data}; anything else is reported as it came.
  function call(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (payload) {
        if (response.ok && payload && payload.code === '0') return payload.data;
        var error = new Error(payload && payload.msg ? payload.msg : 'The server answered HTTP ' + response.status + '.');
        error.hint = payload && payload.data && payload.data.hint ? payload.data.hint : '';
        error.status = response.status;
        throw error;
      });
    }, function () {
      var error = new Error('Could not reach tavus-ten serve. Is it still running?');
      throw error;
    });
  }

  function showConversation(data) {
    current = data.conversation_id;
    $('conversation-id').textContent = data.conversation_id;
    $('room-link').href = data.conversation_url;
    $('details').hidden = false;
    room.src = data.conversation_url;
    room.hidden = false;
    placeholder.hidden = true;
    document.body.classList.remove('busy');
    endButton.disabled = false;
    setStatus('In call · conversation ' + data.conversation_id, true);
  }

  function resetStage(message) {
    current = null;
    room.removeAttribute('src');
    room.hidden = true;
    placeholder.hidden = false;
    document.body.classList.remove('busy');
    endButton.disabled = true;
    startButton.disabled = false;
    setStatus(message, false);
  }

  startButton.addEventListener('click', function () {
    clearError();
    startButton.disabled = true;
    document.body.classList.add('busy');
    setStatus('Starting a conversation…', false);
    var body = { request_id: requestId() };
    var persona = $('persona').value.trim();
    var greeting = $('greeting').value.trim();
    if (persona) body.persona_id = persona;
    if (greeting) body.greeting = greeting;
    call(CREATE, body).then(showConversation, function (error) {
      resetStage('Could not start a conversation.');
      showError(error);
    });
  });

  endButton.addEventListener('click', function () {
    if (!current) return;
    var id = current;
    clearError();
    endButton.disabled = true;
    setStatus('Ending conversation ' + id + '…', false);
    call(endPath(id), {}).then(function () {
      resetStage('Conversation ' + id + ' ended.');
      $('details').hidden = true;
    }, function (error) {
      endButton.disabled = false;
      setStatus('Conversation ' + id + ' may still be running.', true);
      showError(error);
    });
  });

  // Closing or leaving the page ends the conversation, so it stops billing.
  window.addEventListener('pagehide', function () {
    if (!current) return;
    var id = current;
    current = null;
    if (!(navigator.sendBeacon && navigator.sendBeacon(endPath(id)))) {
      fetch(endPath(id), { method: 'POST', keepalive: true }).catch(function () {});
    }
    ended = id;
  });
  // Back from the browser's page cache: that conversation was ended on the way out.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && ended) {
      resetStage('Conversation ' + ended + ' ended when you left the page.');
      $('details').hidden = true;
      ended = null;
    }
  });
})();
`;
