// The URL a person opens to join a Daily (CVI) conversation.

export interface JoinableConversation {
  room_url?: string | null;
  conversation_url?: string | null;
  meeting_token?: string | null;
}

/** `room_url` when Tavus gives one, else `conversation_url`; with `require_auth`, `?t=<meeting_token>`. */
export function joinUrl(conversation: JoinableConversation): string | undefined {
  const base = conversation.room_url || conversation.conversation_url;
  if (!base) return undefined;
  if (!conversation.meeting_token) return base;
  const url = new URL(base);
  url.searchParams.set('t', conversation.meeting_token);
  return url.toString();
}
