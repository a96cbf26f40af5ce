import { checkedRoles, JOIN_CODE_TTL_MS, JOIN_TRIES_PER_CODE, matchesParty } from '../../shared/rooms/joining.js';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import type { AuditStore, Auditor } from '../audit/auditStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import type { GuessStore } from '../rateLimit/guessStore.js';
import { type InvitationStore, type StoredInvitation } from './invitationStore.js';

// Who is this, who gives an invitation's code with a name and the last 4 of an ID number? One
// check for the join page (server/rooms/roomRoutes.ts) and a terminal joining by code
// (./terminalJoin.ts): the case's parties of the invitation's role, by shared/rooms/joining.ts's
// matchesParty. A wrong answer counts against the code (its invitation locks after
// JOIN_TRIES_PER_CODE) and is audited without the name or digits given. The code's turn is taken
// in the database before comparing (server/rateLimit/guessStore.ts), so answers fired together
// on one instance or several are compared at most JOIN_TRIES_PER_CODE times; a right one gives
// its turn back. (The code lives JOIN_CODE_TTL_MS: its window is its life.)

export type PartyCheck =
  /** A party of the case with the invitation's role: its place in the case (never its name). */
  | { kind: 'confirmed'; partyIndex: number }
  /** Nothing to check: a helper's role (interpreter, observer…), or — where allowed — a party whose ID number the case does not hold. */
  | { kind: 'unchecked'; why: 'helper' | 'notHeld' }
  /** The name or ID ending does not match (or cannot be checked where that is not allowed): counted and audited. */
  | { kind: 'refused' }
  /** No turn left for this code: nothing compared; a turn is free again in `retryAfterS`. */
  | { kind: 'locked'; retryAfterS: number };

export interface PartyIdentityDeps {
  scope: DbScope;
  parties: PartyStore;
  invitations: InvitationStore;
  audit: AuditStore;
  guesses: GuessStore;
}

export interface PartyClaim {
  code: string;
  name: string;
  idLast4: string;
  /** Who asks, for the audit of a refusal (a client address, or an enrolled terminal). */
  who: Auditor;
  /**
   * May a party whose ID number the case does not hold come in unchecked? The join page (anyone
   * with a phone): no. An enrolled terminal the mediator sees before admitting: yes, the desk told.
   */
  unheldPasses: boolean;
}

export type PartyIdentity = (invitation: StoredInvitation, claim: PartyClaim) => Promise<PartyCheck>;

export function partyIdentity(deps: PartyIdentityDeps): PartyIdentity {
  const { scope } = deps;
  return async (invitation, claim) => {
    const role = invitation.role as RoomRole;
    if (!checkedRoles.includes(role)) return { kind: 'unchecked', why: 'helper' };
    // keyed by the invitation, not its six digits: an expired code's digits are handed out again
    const byCode = { bucket: 'join.identity', key: invitation.inviteId, bound: { max: JOIN_TRIES_PER_CODE, windowMs: JOIN_CODE_TTL_MS } };
    const judged = await deps.guesses.judge(
      [byCode],
      async (): Promise<PartyCheck> => {
        const parties = invitation.caseId ? (await deps.parties.parties(scope, invitation.caseId)).filter((p) => p.role === role) : [];
        const party = parties.find((p) => matchesParty(p, claim.name, claim.idLast4));
        if (party) return { kind: 'confirmed', partyIndex: party.index };
        if (claim.unheldPasses && parties.every((p) => !p.idNumber)) return { kind: 'unchecked', why: 'notHeld' };
        return { kind: 'refused' };
      },
      (check) => check.kind === 'refused',
    );
    if (!judged.ok) return { kind: 'locked', retryAfterS: judged.retryAfterS };
    if (judged.value.kind !== 'refused') return judged.value;
    await deps.invitations.failed(scope, claim.code);
    await deps.audit.record(scope.db, claim.who, { action: 'room.join', outcome: 'denied', caseId: invitation.caseId, recordKind: 'call', recordId: invitation.callId });
    return { kind: 'refused' };
  };
}
