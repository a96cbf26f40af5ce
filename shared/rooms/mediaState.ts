import { z } from 'zod';
import { CallId, PeerId } from '../call.js';
import { mediaStates, type MediaState } from './mediaStall.js';

// Each page in a room tells the hub how the others' media reaches it (shared/rooms/mediaStall.ts),
// and the hub tells the staff which participant's media is interrupted. The reports are live
// state: kept per room in memory, sent only on change and at most once a MEDIA_REPORT_MIN_MS.

/** The fewest ms between two reports from one page: a flapping path costs the hub one frame a second at most. */
export const MEDIA_REPORT_MIN_MS = 1_000;
/**
 * An interruption longer than this is written on the case (room.media.interrupted), once per
 * interruption: the media path recovers by itself within ~20 s (ICE restart after 2 s, a rejoin
 * after 8 s more), so a stall beyond 30 s is one recovery did not mend — the parties may have
 * missed part of the mediation, which the record should show. Shorter ones are not kept.
 */
export const MEDIA_INTERRUPTION_LOGGED_MS = 30_000;

/** The participants whose media this page receives, and whether it flows. */
export const MediaReport = z.array(z.strictObject({ peerId: PeerId, media: z.enum(mediaStates) })).max(16);
export type MediaReport = z.infer<typeof MediaReport>;
/** The kiosk renderer's report to its agent (contract `call.media`). */
export const CallMediaReport = z.strictObject({ callId: CallId, peers: MediaReport });
export type CallMediaReport = z.infer<typeof CallMediaReport>;
/** A page's report to the hub; no answer (the next report supersedes it). */
export const RoomMediaFrame = z.strictObject({ t: z.literal('room.media'), callId: CallId, peers: MediaReport });
export type RoomMediaFrame = z.infer<typeof RoomMediaFrame>;

/**
 * Whose media is interrupted, from every participant's last report (by reporter's peer id): a
 * participant who receives nobody's media (all it reports is stalled), or whom nobody receives
 * (all who report on it say stalled — not counting those who receive nobody: they are blind, not
 * witnesses). So in a cut of one party, the others each report that party stalled and each other
 * ok, and only that party shows; one page unable to see one other shows nobody.
 */
export function interruptedPeers(reports: ReadonlyMap<string, MediaReport>, present: readonly string[]): Set<string> {
  const here = new Set(present);
  const out = new Set<string>();
  const seenBy = new Map<string, MediaReport>();
  for (const [reporter, report] of reports) {
    if (!here.has(reporter)) continue;
    const seen = report.filter((r) => here.has(r.peerId) && r.peerId !== reporter);
    if (seen.length > 0 && seen.every((r) => r.media === 'stalled')) out.add(reporter);
    else seenBy.set(reporter, seen);
  }
  const about = new Map<string, MediaState[]>();
  for (const seen of seenBy.values()) for (const r of seen) about.set(r.peerId, [...(about.get(r.peerId) ?? []), r.media]);
  for (const [peerId, states] of about) if (states.every((s) => s === 'stalled')) out.add(peerId);
  return out;
}
