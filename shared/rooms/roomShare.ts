import { z } from 'zod';
import { PublishedReferenceCase } from '../referenceCases/referenceCase.js';

// A reference case (典型案例) a judge or the mediator shared into a room (issue 12 item 4): part of
// the room's view (shared/call.ts CallRoom.shared), so every participant's screen shows the same card.

/**
 * A reference case shown in the room until each participant dismisses it. It rides in every room
 * frame, so a long one is refused rather than crowd out the room's own messages.
 */
export const SHARED_CASE_MAX_BYTES = 24 * 1024;
export const RoomShare = z.strictObject({
  /** A new id per share: a participant who dismissed one still sees the next. */
  shareId: z.string().max(40),
  by: z.string().max(100).optional(),
  referenceCase: PublishedReferenceCase,
});
export type RoomShare = z.infer<typeof RoomShare>;

/** UTF-8 bytes, counted by hand: shared/ runs where neither TextEncoder's types nor Buffer are declared. */
function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function fitsRoom(referenceCase: PublishedReferenceCase): boolean {
  return utf8Bytes(JSON.stringify(referenceCase)) <= SHARED_CASE_MAX_BYTES;
}
