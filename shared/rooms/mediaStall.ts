// When a remote participant's media has stalled, from what our receiver counts: the picture (or
// the sound) stopped although nothing said so — the transport may still say "connected" while no
// packet arrives (a dropped path; ICE consent takes far longer to notice). The rule reads only
// successive inbound RTP counts (video frames decoded, audio packets received), never a guess.

/** Longer than this with no new video frame and no new audio packet from a party is a stall a person notices. */
export const MEDIA_STALL_MS = 3_000;
/** How often a page reads its inbound counts: a few samples within one stall. */
export const MEDIA_SAMPLE_MS = 1_000;

export type MediaState = 'ok' | 'stalled';
export const mediaStates = ['ok', 'stalled'] as const;

/** One sample of what we have received from one participant, summed over their consumers. */
export interface InboundCounts {
  framesDecoded: number;
  audioPackets: number;
}

/** What the rule keeps per participant between samples. */
export interface PeerWatch {
  counts: InboundCounts;
  /** When the counts last moved (or the watch began). */
  progressAt: number;
  state: MediaState;
}

/**
 * The participant's watch after a new sample taken at `at`. Anything received (a frame or an audio
 * packet) is progress: a party who turned the camera off still speaks, and one who is silent
 * still sends audio packets. A count going down is a new consumer (a rejoin): a fresh start.
 */
export function watchPeer(prev: PeerWatch | undefined, counts: InboundCounts, at: number, stallMs: number = MEDIA_STALL_MS): PeerWatch {
  if (!prev || counts.framesDecoded < prev.counts.framesDecoded || counts.audioPackets < prev.counts.audioPackets) {
    return { counts, progressAt: at, state: 'ok' };
  }
  const moved = counts.framesDecoded > prev.counts.framesDecoded || counts.audioPackets > prev.counts.audioPackets;
  if (moved) return { counts, progressAt: at, state: 'ok' };
  return { counts, progressAt: prev.progressAt, state: at - prev.progressAt >= stallMs ? 'stalled' : 'ok' };
}

/**
 * What a participant's tile shows where their picture goes: their video, "the picture stopped",
 * "camera off" (they turned it off themselves: their name card, their voice still heard), or their
 * name card (no video at all).
 */
export type TilePicture = 'live' | 'stopped' | 'camera-off' | 'none';

/**
 * The tile's picture, one rule for the kiosk's gallery, the join page and the desk. A camera its
 * owner turned off (`cameraOff`: the room says so, RoomPeer.cameraOff of shared/rooms/cameraState.ts,
 * or on the SFU their video is paused by them) is "camera off", with or without a video track and
 * whatever the counts do: no picture is expected, so none is missed, and a frozen last frame is not
 * shown as live. Otherwise it says the picture stopped only when a video that was flowing stopped
 * along with everything else from them (the stall rule above). A party who sends no video (audio
 * only, no camera) shows a name card instead: their silence — muted by the staff, or silenced by
 * a hearing's floor with the hub pausing their microphone — is by rule, not a fault. `watch`
 * absent: not watched (peer to peer), shown as is.
 */
export function tilePicture(hasVideo: boolean, watch?: PeerWatch, cameraOff = false): TilePicture {
  if (cameraOff) return 'camera-off';
  if (!hasVideo) return 'none';
  if (watch?.state !== 'stalled') return 'live';
  return watch.counts.framesDecoded > 0 ? 'stopped' : 'none';
}
