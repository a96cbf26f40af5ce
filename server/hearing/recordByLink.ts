import { RECORD_LINK_TTL_MS } from '../../shared/rooms/recordByLink.js';
import type { PendingRecordPrompt, RecordAnswer } from '../../shared/rooms/hearingRecord.js';
import type { DbScope } from '../db/engine.js';
import type { InvitationStore } from '../rooms/invitationStore.js';
import type { RecordSigning, SignOutcome } from './recordSigning.js';
import type { RecordUnlock, UnlockOutcome, UnlockRefused } from './recordUnlock.js';
import type { SigningRound, SigningStore } from './signingStore.js';

// A join link after its call (shared/rooms/recordByLink.ts): the invitation it names says who the
// code let in (the pass's identity, `join:<role>:<index>`), and the hearing's signing round, if
// one is still open for that identity and the close is under RECORD_LINK_TTL_MS old, is what the
// link offers. Reading it is the kiosk's unlock (./recordUnlock.ts: the same rule, wrong answers
// counted per link and per round); an answer is checked again the same way and lands through
// ./recordSigning.ts's `answer`, so the signature is written once in the same round and the
// last answer stores the record with the same record.signed event as at a kiosk or in the room.

export interface RecordByLinkDeps {
  scope: DbScope;
  invitations: InvitationStore;
  rounds: SigningStore;
  unlock: RecordUnlock;
  signing: RecordSigning;
  now: () => Date;
}

/** Who asks through the link: their address (for the audit, and the per-address bound on wrong guesses) — never what they typed. */
export interface LinkClaim {
  invite: string;
  name: string;
  idLast4: string;
  source: string;
}

export type LinkAnswerOutcome = UnlockRefused | SignOutcome;

export function recordByLink(deps: RecordByLinkDeps) {
  const { scope } = deps;

  /** The round the link's party still has to answer, with their identity in it; null when none (or too old). */
  async function waitingRound(invite: string, callId?: string): Promise<{ round: SigningRound; identity: string } | null> {
    const invitation = await deps.invitations.byInvite(scope, invite);
    if (!invitation?.usedBy || (callId !== undefined && invitation.callId !== callId)) return null;
    const round = await deps.rounds.round(scope, invitation.callId);
    if (!round || round.stored || deps.now().getTime() - Date.parse(round.openedAt) > RECORD_LINK_TTL_MS) return null;
    const signer = round.signers.find((s) => s.identity === invitation.usedBy);
    return signer && signer.answer === null ? { round, identity: invitation.usedBy } : null;
  }

  const asker = (c: LinkClaim, identity: string) => ({
    bucket: 'link' as const,
    key: c.invite,
    who: { kind: 'anonymous' as const, id: identity, role: identity.split(':')[1] ?? null, source: c.source },
    address: c.source,
  });

  return {
    /** What the link offers to sign: its round, without text, or nothing. */
    async waiting(invite: string): Promise<PendingRecordPrompt[]> {
      const found = await waitingRound(invite);
      return found ? [{ callId: found.round.callId, version: found.round.version }] : [];
    },

    /** The record's text once the name + ID ending match the party the link let in. */
    async unlock(claim: LinkClaim, callId: string): Promise<UnlockOutcome> {
      const found = await waitingRound(claim.invite, callId);
      if (!found) return { ok: false, reason: 'gone' };
      return deps.unlock.unlockFor(found.round, found.identity, asker(claim, found.identity), claim);
    },

    /** The party's signature or refusal, with their name + ID ending checked again. */
    async answer(claim: LinkClaim, answer: RecordAnswer): Promise<LinkAnswerOutcome> {
      const found = await waitingRound(claim.invite, answer.callId);
      if (!found) return { ok: false, reason: 'gone' };
      const shown = await deps.unlock.unlockFor(found.round, found.identity, asker(claim, found.identity), claim);
      if (!shown.ok) return shown;
      const frame =
        answer.answer === 'sign'
          ? { t: 'room.record.sign' as const, ref: 0, callId: answer.callId, version: answer.version, imagePngBase64: answer.imagePngBase64 }
          : { t: 'room.record.refuse' as const, ref: 0, callId: answer.callId, version: answer.version };
      return deps.signing.answer({ callId: answer.callId, submissionId: null }, found.identity, frame);
    },
  };
}
export type RecordByLink = ReturnType<typeof recordByLink>;
