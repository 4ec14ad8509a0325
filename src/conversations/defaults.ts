// The safe timeouts every conversation tavus-ten starts gets unless the user overrides them:
// Tavus's own defaults (an hour, and never ending when the person leaves) bill for abandoned calls.
export const SAFE_CONVERSATION_PROPERTIES = {
  max_call_duration: 900,
  participant_absent_timeout: 120,
  participant_left_timeout: 30,
} as const;
