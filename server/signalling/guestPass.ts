import type { ParticipantRole } from '../../shared/call.js';

/** A guest let in by an invitation (server/rooms): a join-page browser holding one call's pass. */
export interface GuestPass {
  callId: string;
  /** `join:<role>:<index>`: the party's place in the case, never their name; or the terminal id of a kiosk that joined by code. */
  identity: string;
  role: ParticipantRole;
  displayName: string;
  caseId: string | null;
  /** A terminal let in by its code alone: the case holds no ID number to check the party against (the desk is told). */
  unverified?: boolean;
  /** A terminal let in by its code whose party was confirmed: that party's place among the case's parties of its role (a join pass says it in its identity). */
  partyIndex?: number;
  /** Court staff signed in at the hub (a guiding judge from the guidance desk): no waiting room. */
  entersDirectly?: boolean;
}
