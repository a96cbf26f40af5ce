import type { PublishedReferenceCase } from '../../shared/referenceCases/referenceCase.js';
import { fitsRoom } from '../../shared/rooms/roomShare.js';
import type { Room } from '../signalling/rooms.js';

// Sharing a reference case into a room (issue 12 item 4): the role table decides first (a party
// cannot share: refused, and the caller audits it), then the case must be published and small
// enough to ride in the room's frames. The room then shows it on every participant's screen.

/** Reads one case of the library, published ones only (null otherwise). */
export type PublishedLookup = (referenceCaseId: string) => Promise<PublishedReferenceCase | null>;

export type ShareResult = { ok: true; referenceCase: PublishedReferenceCase } | { ok: false; code: 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE'; message: string };

export async function shareIntoRoom(room: Room, identity: string, referenceCaseId: string, lookup: PublishedLookup | null): Promise<ShareResult> {
  const allowed = room.allows(identity, 'share_reference');
  if (!allowed.ok) return allowed;
  if (!lookup) return { ok: false, code: 'UNAVAILABLE', message: 'This hub has no reference-case library' };
  const referenceCase = await lookup(referenceCaseId);
  if (!referenceCase) return { ok: false, code: 'NOT_FOUND', message: 'No such published reference case' };
  if (!fitsRoom(referenceCase)) return { ok: false, code: 'CONFLICT', message: 'This reference case is too long to show in a room' };
  room.share(allowed.actor, referenceCase);
  return { ok: true, referenceCase };
}
