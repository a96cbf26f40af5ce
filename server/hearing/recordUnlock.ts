import { RECORD_UNLOCK_TRIES, RECORD_UNLOCK_WINDOW_MS, type RecordToSign, type RecordUnlockRefusal } from '../../shared/rooms/hearingRecord.js';
import { matchesParty } from '../../shared/rooms/joining.js';
import type { AuditStore, Auditor } from '../audit/auditStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import { linkAddressLimit, type GuessLimit, type GuessStore } from '../rateLimit/guessStore.js';
import type { HearingRecordStore } from './recordStore.js';
import type { SigningRound, SigningStore } from './signingStore.js';

// A record waiting after its call ended is read only by the party it waits for: a village kiosk
// is public, and a join link may be forwarded, so the hub sends the text only once the person gives
// that party's name and ID ending, checked by the join check's one rule (shared/rooms/joining.ts
// matchesParty) against the party the round names (`role:index`). Wrong answers — only those —
// count per asker (the terminal, or the join link), per round and, through a link, per client
// address (wrong_guesses, shared by every instance): a party who gives the right answer never uses
// up a try for the others. A wrong answer is audited without what was typed. A party whose ID
// number the case does not hold cannot unlock it this way (court staff help): no name alone opens
// a record. Unlocked kiosk rounds are remembered per hub process,
// so an answer from a kiosk that never unlocked is refused; after a restart the party shows who
// they are again. A join link remembers nothing: each of its requests carries the answer again.

/** Refused; `retryAfterS` with tooMany: the seconds until a turn is free again. */
export type UnlockRefused = { ok: false; reason: RecordUnlockRefusal; retryAfterS?: number };
export type UnlockOutcome = { ok: true; record: RecordToSign } | UnlockRefused;
type CheckOutcome = { ok: true } | UnlockRefused;

export interface RecordUnlockDeps {
  scope: DbScope;
  rounds: SigningStore;
  store: HearingRecordStore;
  parties: PartyStore;
  guesses: GuessStore;
  audit: AuditStore;
}

/** Who asks: the key their wrong tries count under, and how the audit names them. */
export interface UnlockAsker {
  bucket: 'terminal' | 'link';
  key: string;
  who: Auditor;
  /** The client's address (a join link's request): its wrong guesses count across all link routes too. */
  address?: string;
}

export function recordUnlock(deps: RecordUnlockDeps) {
  const { scope } = deps;
  const bound = { max: RECORD_UNLOCK_TRIES, windowMs: RECORD_UNLOCK_WINDOW_MS };
  const unlocked = new Set<string>();
  const key = (callId: string, identity: string) => `${callId}|${identity}`;

  /**
   * Does the person asking show they are the party `identity` stands for in `round`? Compared only
   * with a turn free for the asker, the round and (a link) the client's address, taken in the
   * database before comparing (server/rateLimit/guessStore.ts) — so guesses fired together, on
   * one instance or several, are compared at most RECORD_UNLOCK_TRIES times; a wrong answer keeps
   * its turns and is audited, a right one gives them back.
   */
  async function check(round: SigningRound, identity: string, asker: UnlockAsker, ask: { name: string; idLast4: string }): Promise<CheckOutcome> {
    const signer = round.signers.find((s) => s.identity === identity);
    if (round.stored || !signer || signer.answer !== null) return { ok: false, reason: 'gone' };
    const limits: GuessLimit[] = [
      { bucket: `record_unlock.${asker.bucket}`, key: asker.key, bound },
      { bucket: 'record_unlock.round', key: round.callId, bound },
      ...(asker.address === undefined ? [] : [linkAddressLimit(asker.address)]),
    ];
    const [role, index] = signer.signer.split(':');
    const judged = await deps.guesses.judge(
      limits,
      async () => {
        const party = (await deps.parties.parties(scope, round.caseId)).find((p) => p.role === role && p.index === Number(index));
        if (!party?.idNumber) return 'notHeld' as const;
        return matchesParty(party, ask.name, ask.idLast4) ? ('right' as const) : ('wrong' as const);
      },
      (found) => found === 'wrong',
    );
    if (!judged.ok) return { ok: false, reason: 'tooMany', retryAfterS: judged.retryAfterS };
    if (judged.value === 'notHeld') return { ok: false, reason: 'notHeld' };
    const audited = { action: 'record.unlock', caseId: round.caseId, recordKind: 'call', recordId: round.callId };
    await deps.audit.record(scope.db, asker.who, { ...audited, outcome: judged.value === 'right' ? 'ok' : 'denied' });
    return judged.value === 'right' ? { ok: true } : { ok: false, reason: 'badIdentity' };
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
