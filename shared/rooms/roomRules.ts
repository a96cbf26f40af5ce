import { isParty, type RoomRole } from './roleTable.js';

// Who exchanges media with whom. A participant still in the waiting room exchanges nothing. In a
// caucus (背靠背调解) the mediator speaks to some parties alone: a party outside the caucus
// neither sends to nor receives from anyone (the staff stay with the caucus). Whatever carries the
// media (today a mesh of peer links, later the SFU) reads this one rule.

export interface Presence {
  peerId: string;
  role: RoomRole;
  admitted: boolean;
}

/** The peer ids in the caucus, or null when the whole room talks together. */
export type Caucus = ReadonlySet<string> | null;

/** Why a participant sees nobody right now, or null when they are in the room with the others. */
export function waitingReason(p: Presence, caucus: Caucus): 'admission' | 'caucus' | null {
  if (!p.admitted) return 'admission';
  if (caucus && isParty(p.role) && !caucus.has(p.peerId)) return 'caucus';
  return null;
}

/** Whether a and b exchange media (symmetric). */
export function exchangeMedia(a: Presence, b: Presence, caucus: Caucus): boolean {
  if (a.peerId === b.peerId) return false;
  return waitingReason(a, caucus) === null && waitingReason(b, caucus) === null;
}
