import { RECORD_UNLOCK_TRIES, RECORD_UNLOCK_WINDOW_MS, type RecordToSign, type RecordUnlockRefusal } from '../../shared/rooms/hearingRecord.js';
import { matchesParty } from '../../shared/rooms/joining.js';
import type { AuditStore, Auditor } from '../audit/auditStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import type { HearingRecordStore } from './recordStore.js';
import type { SigningRound, SigningStore } from './signingStore.js';

// A record waiting after its call ended is read only by the party it waits for: a village kiosk
// is public, and a join link may be forwarded, so the hub sends the text only once the person gives
// that party's name and ID ending, checked by the join check's one rule (shared/rooms/joining.ts
// matchesParty) against the party the round names (`role:index`). Wrong answers — only those —
// count per asker (the terminal, or the join link) and per round in attempt_windows: a party who
// gives the right answer never uses up a try for the others. A wrong answer is audited without
// what was typed. A party whose ID number the case does not hold cannot unlock it this way (court
// staff help): no name alone opens a record. Unlocked kiosk rounds are remembered per hub process,
// so an answer from a kiosk that never unlocked is refused; after a restart the party shows who
// they are again. A join link remembers nothing: each of its requests carries the answer again.

export type UnlockOutcome = { ok: true; record: RecordToSign } | { ok: false; reason: RecordUnlockRefusal };

export interface RecordUnlockDeps {
  scope: DbScope;
  rounds: SigningStore;
  store: HearingRecordStore;
  parties: PartyStore;
  attempts: AttemptStore;
  audit: AuditStore;
}

/** Who asks: the key their wrong tries count under, and how the audit names them. */
export interface UnlockAsker {
  bucket: 'terminal' | 'link';
  key: string;
  who: Auditor;
}

export function recordUnlock(deps: RecordUnlockDeps) {
  const { scope } = deps;
  const bound = { max: RECORD_UNLOCK_TRIES, windowMs: RECORD_UNLOCK_WINDOW_MS };
  const byAsker = { terminal: deps.attempts.counter('record_unlock.terminal', bound), link: deps.attempts.counter('record_unlock.link', bound) };
  const byRound = deps.attempts.counter('record_unlock.round', bound);
  const unlocked = new Set<string>();
  const key = (callId: string, identity: string) => `${callId}|${identity}`;
  /**
   * Checks of one round, one after the other: the count of wrong tries is read before the answer is
   * compared and written after, so requests sent together would otherwise all pass the read — a
   * forwarded link fired a few hundred times at once would be a few hundred guesses, not five.
   * (Across instances each keeps its own turn: at most five per instance an hour.)
   */
  const turns = new Map<string, Promise<unknown>>();
  function inTurn<T>(roundKey: string, work: () => Promise<T>): Promise<T> {
    const run = (turns.get(roundKey) ?? Promise.resolve()).then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    turns.set(roundKey, settled);
    void settled.then(() => {
      if (turns.get(roundKey) === settled) turns.delete(roundKey);
    });
    return run;
  }

  /**
   * Does the person asking show they are the party `identity` stands for in `round`? Checked
   * before anything is counted; a wrong answer is counted for the asker and the round, and audited.
   */
  function check(round: SigningRound, identity: string, asker: UnlockAsker, ask: { name: string; idLast4: string }): Promise<{ ok: true } | { ok: false; reason: RecordUnlockRefusal }> {
    return inTurn(round.callId, () => checkNow(round, identity, asker, ask));
  }

  async function checkNow(round: SigningRound, identity: string, asker: UnlockAsker, ask: { name: string; idLast4: string }): Promise<{ ok: true } | { ok: false; reason: RecordUnlockRefusal }> {
    const signer = round.signers.find((s) => s.identity === identity);
    if (round.stored || !signer || signer.answer !== null) return { ok: false, reason: 'gone' };
    if ((await byAsker[asker.bucket].wait(asker.key)) > 0 || (await byRound.wait(round.callId)) > 0) return { ok: false, reason: 'tooMany' };
    const [role, index] = signer.signer.split(':');
    const party = (await deps.parties.parties(scope, round.caseId)).find((p) => p.role === role && p.index === Number(index));
    if (!party?.idNumber) return { ok: false, reason: 'notHeld' };
    const audited = { action: 'record.unlock', caseId: round.caseId, recordKind: 'call', recordId: round.callId };
    if (!matchesParty(party, ask.name, ask.idLast4)) {
      await byAsker[asker.bucket].take(asker.key);
      await byRound.take(round.callId);
      await deps.audit.record(scope.db, asker.who, { ...audited, outcome: 'denied' });
      return { ok: false, reason: 'badIdentity' };
    }
    await deps.audit.record(scope.db, asker.who, { ...audited, outcome: 'ok' });
    return { ok: true };
  }

  const text = async (round: SigningRound): Promise<RecordToSign> => ({ callId: round.callId, version: round.version, text: (await deps.store.text(scope, round.callId, round.version)) ?? '' });

  return {
    /** A kiosk's party gives their name + ID ending for the round waiting for that terminal. */
    async unlock(terminalId: string, ask: { callId: string; name: string; idLast4: string }): Promise<UnlockOutcome> {
      const round = await deps.rounds.round(scope, ask.callId);
      if (!round) return { ok: false, reason: 'gone' };
      const role = round.signers.find((s) => s.identity === terminalId)?.signer.split(':')[0] ?? null;
      const checked = await check(round, terminalId, { bucket: 'terminal', key: terminalId, who: { kind: 'terminal', id: terminalId, role, source: terminalId } }, ask);
      if (!checked.ok) return checked;
      unlocked.add(key(round.callId, terminalId));
      return { ok: true, record: await text(round) };
    },
    /** The same check for a join link's party (server/hearing/recordByLink.ts): the text, or why not. */
    async unlockFor(round: SigningRound, identity: string, asker: UnlockAsker, ask: { name: string; idLast4: string }): Promise<UnlockOutcome> {
      const checked = await check(round, identity, asker, ask);
      return checked.ok ? { ok: true, record: await text(round) } : checked;
    },
    /** Did this terminal's party show who they are for this round (on this hub process)? */
    isUnlocked: (callId: string, terminalId: string) => unlocked.has(key(callId, terminalId)),
  };
}
export type RecordUnlock = ReturnType<typeof recordUnlock>;
