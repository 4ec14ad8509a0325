// The emulated Tavus room: GET /rooms/:id (a self-contained, frameable page) and POST /rooms/:id/join.
import { recordJoin } from './conversation-lifecycle.js';
import { htmlReply, jsonReply, messageReply, type Reply } from './reply.js';
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
  const joinPath = `/rooms/${encodeURIComponent(conversationId)}/join`;
  const script = `<script>
fetch(${scriptString(joinPath)}, { method: 'POST' })
  .then((r) => { document.getElementById('status').textContent = r.ok ? ${scriptString(`${replicaName} has joined`)} : 'This conversation has ended'; })
  .catch(() => { document.getElementById('status').textContent = 'The emulator is not reachable'; });
</script>`;
  return htmlReply(200, page(title, body, script));
}

export function joinRoom(world: World, conversationId: string): Reply {
  const conversation = world.state.conversations.get(conversationId);
  if (!conversation) return messageReply(404, 'Not found');
  if (conversation.status === 'ended') return messageReply(409, 'This conversation has ended');
  const at = recordJoin(world, conversation);
  return jsonReply(200, { conversation_id: conversationId, joined_at: new Date(at).toISOString() });
}
