import { RECORD_UNLOCK_TRIES, RECORD_UNLOCK_WINDOW_MS, type RecordToSign, type RecordUnlockRefusal } from '../../shared/rooms/hearingRecord.js';
import { matchesParty } from '../../shared/rooms/joining.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import type { HearingRecordStore } from './recordStore.js';
import type { SigningStore } from './signingStore.js';

// A record pending at a kiosk after its call ended is read only by the party it waits for: a
// village kiosk is public, so the hub sends the text only once the person there gives that party's
// name and ID ending, checked by the join check's one rule (shared/rooms/joining.ts matchesParty)
// against the party the round names (`role:index`). Tries count per terminal and per round in
// attempt_windows; a wrong answer is audited without what was typed. A party whose ID number the
// case does not hold cannot unlock it here (court staff help): no name alone opens a record.
// Unlocked rounds are remembered per hub process, so an answer from a kiosk that never unlocked
// is refused; after a restart the party shows who they are again.

export type UnlockOutcome = { ok: true; record: RecordToSign } | { ok: false; reason: RecordUnlockRefusal };

export interface RecordUnlockDeps {
  scope: DbScope;
  rounds: SigningStore;
  store: HearingRecordStore;
  parties: PartyStore;
  attempts: AttemptStore;
  audit: AuditStore;
}

export function recordUnlock(deps: RecordUnlockDeps) {
  const { scope } = deps;
  const bound = { max: RECORD_UNLOCK_TRIES, windowMs: RECORD_UNLOCK_WINDOW_MS };
  const byTerminal = deps.attempts.counter('record_unlock.terminal', bound);
  const byRound = deps.attempts.counter('record_unlock.round', bound);
  const unlocked = new Set<string>();
  const key = (callId: string, identity: string) => `${callId}|${identity}`;

  return {
    async unlock(terminalId: string, ask: { callId: string; name: string; idLast4: string }): Promise<UnlockOutcome> {
      const round = await deps.rounds.round(scope, ask.callId);
      const signer = round?.signers.find((s) => s.identity === terminalId);
      if (!round || round.stored || !signer || signer.answer !== null) return { ok: false, reason: 'gone' };
      if ((await byTerminal.take(terminalId)) > 0 || (await byRound.take(ask.callId)) > 0) return { ok: false, reason: 'tooMany' };
      const [role, index] = signer.signer.split(':');
      const party = (await deps.parties.parties(scope, round.caseId)).find((p) => p.role === role && p.index === Number(index));
      if (!party?.idNumber) return { ok: false, reason: 'notHeld' };
      const who = { kind: 'terminal' as const, id: terminalId, role: role ?? null, source: terminalId };
      const audited = { action: 'record.unlock', caseId: round.caseId, recordKind: 'call', recordId: round.callId };
      if (!matchesParty(party, ask.name, ask.idLast4)) {
        await deps.audit.record(scope.db, who, { ...audited, outcome: 'denied' });
        return { ok: false, reason: 'badIdentity' };
      }
      await deps.audit.record(scope.db, who, { ...audited, outcome: 'ok' });
      unlocked.add(key(round.callId, terminalId));
      return { ok: true, record: { callId: round.callId, version: round.version, text: (await deps.store.text(scope, round.callId, round.version)) ?? '' } };
    },
    /** Did this terminal's party show who they are for this round (on this hub process)? */
    isUnlocked: (callId: string, terminalId: string) => unlocked.has(key(callId, terminalId)),
  };
}
export type RecordUnlock = ReturnType<typeof recordUnlock>;
