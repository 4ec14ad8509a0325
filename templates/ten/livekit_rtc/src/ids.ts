// The numeric stream id TEN's extensions expect on audio frames (agora_rtc sends the Agora uid;
// streamid_adapter turns it into the ASR session id). LiveKit identities are strings, so the id is a
// stable 31-bit hash of the identity: the same participant keeps the same id across reconnects.

/** FNV-1a of the identity, folded to a positive 31-bit integer (never 0). */
export function streamIdOf(identity: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(identity)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash & 0x7fffffff) || 1;
}
