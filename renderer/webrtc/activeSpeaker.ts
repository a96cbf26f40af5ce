// Who is speaking, from each remote participant's audio level (0..1, as RTCRtpReceiver's
// synchronization sources report it). One rule for the mesh path; the SFU decides the same thing
// on the hub (its audio-level observer) and pushes it. A speaker keeps the highlight until someone
// else is clearly louder, so the border does not flicker between two people talking at once.

/** Below this a voice is background noise (a fan, a far-off conversation). */
export const SPEAKING_LEVEL = 0.02;
/** How much louder another participant must be to take the highlight from the current speaker. */
export const TAKEOVER_RATIO = 1.5;

export function activeSpeaker(levels: ReadonlyMap<string, number>, previous: string | null): string | null {
  let loudest: string | null = null;
  let loudestLevel = 0;
  for (const [peerId, level] of levels) {
    if (level >= SPEAKING_LEVEL && level > loudestLevel) {
      loudest = peerId;
      loudestLevel = level;
    }
  }
  if (loudest === null) return null;
  const held = previous !== null ? (levels.get(previous) ?? 0) : 0;
  if (previous !== null && previous !== loudest && held >= SPEAKING_LEVEL && loudestLevel < held * TAKEOVER_RATIO) return previous;
  return loudest;
}
