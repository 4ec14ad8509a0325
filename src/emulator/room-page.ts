// The emulated Tavus room: GET /rooms/:id (a self-contained, frameable page), POST /rooms/:id/join when
// it loads and POST /rooms/:id/leave (a beacon on `pagehide`) when it closes: the joins and leaves that
// drive participant_absent_timeout and participant_left_timeout.
import { randomBytes } from 'node:crypto';
import { participantLeft, recordJoin } from './conversation-lifecycle.js';
import { emptyReply, htmlReply, jsonReply, messageReply, type Reply } from './reply.js';
import type { World } from './world.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #111827; color: #f9fafb;
         font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { text-align: center; padding: 2rem; }
  .avatar { width: 7rem; height: 7rem; border-radius: 50%; margin: 0 auto 1rem; display: grid; place-items: center;
            background: #4f46e5; font-size: 3rem; font-weight: 600; }
  .note { color: #9ca3af; font-size: 0.9rem; }
</style>
</head>
<body>
<main>
${body}
</main>
${script}
</body>
</html>
`;
}

/** A JS string literal that cannot close the surrounding <script>. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}

export function roomPage(world: World, conversationId: string): Reply {
  const conversation = world.state.conversations.get(conversationId);
  const title = `Tavus room ${conversationId} (emulated)`;
  if (!conversation) {
    return htmlReply(404, page(title, `<h1>No such conversation</h1><p class="note">${escapeHtml(conversationId)} is unknown to this emulator.</p>`));
  }
  const replicaName = world.state.replicas.get(conversation.replica_id)?.replica_name ?? conversation.replica_id;
  const heading = `<p class="note">Emulated Tavus room · ${escapeHtml(conversationId)}</p>`;
  if (conversation.status === 'ended') {
    return htmlReply(200, page(title, `${heading}<h1 id="status">This conversation has ended</h1><p>Replica: ${escapeHtml(replicaName)}</p>`));
  }
  const body = `${heading}
<div class="avatar" aria-hidden="true">${escapeHtml(replicaName.charAt(0).toUpperCase())}</div>
<h1 id="replica-name">${escapeHtml(replicaName)}</h1>
<p>${escapeHtml(conversation.conversation_name)}</p>
<p id="status" class="note">Joining…</p>
<p class="note">This is an emulated Tavus room: no video or audio, only the conversation's lifecycle.</p>`;
  const roomPath = `/rooms/${encodeURIComponent(conversationId)}`;
  // Each page load is one participant; closing the tab (pagehide) sends its leave as a beacon, which
  // the browser delivers even while the page goes away.
  const script = `<script>
let participant;
fetch(${scriptString(`${roomPath}/join`)}, { method: 'POST' })
  .then((r) => r.ok ? r.json().then((j) => { participant = j.participant_id; document.getElementById('status').textContent = ${scriptString(`${replicaName} has joined`)}; })
                    : (document.getElementById('status').textContent = 'This conversation has ended'))
  .catch(() => { document.getElementById('status').textContent = 'The emulator is not reachable'; });
addEventListener('pagehide', () => {
  if (participant) navigator.sendBeacon(${scriptString(`${roomPath}/leave`)}, JSON.stringify({ participant_id: participant }));
});
</script>`;
  return htmlReply(200, page(title, body, script));
}

/** The participant id a join or leave body names, if any: `{"participant_id": "..."}`. */
function participantIdOf(body: unknown): string | undefined {
  const id = (body as { participant_id?: unknown } | null | undefined)?.participant_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** POST /rooms/:id/join, body optional `{"participant_id"}` (default: a new one) → 200 `{conversation_id, participant_id, joined_at}`; 409 once ended. */
export function joinRoom(world: World, conversationId: string, body?: unknown): Reply {
  const conversation = world.state.conversations.get(conversationId);
  if (!conversation) return messageReply(404, 'Not found');
  if (conversation.status === 'ended') return messageReply(409, 'This conversation has ended');
  const participantId = participantIdOf(body) ?? `page-${randomBytes(6).toString('hex')}`;
  const at = recordJoin(world, conversation, participantId);
  return jsonReply(200, { conversation_id: conversationId, participant_id: participantId, joined_at: new Date(at).toISOString() });
}

/** POST /rooms/:id/leave, body `{"participant_id"}` (sent as a beacon, so any content type) → 204; without an id, every page participant leaves. */
export function leaveRoom(world: World, conversationId: string, body?: unknown): Reply {
  const conversation = world.state.conversations.get(conversationId);
  if (!conversation) return messageReply(404, 'Not found');
  const participantId = participantIdOf(body);
  const leaving = participantId ? [participantId] : conversation.participants.filter((id) => id.startsWith('page-'));
  for (const id of leaving) participantLeft(world, conversation, id);
  return emptyReply(204);
}
