import type { DbScope } from '../db/engine.js';
import type { Vault } from '../personalData/vault.js';

// The `record_signing_rounds` and `record_signers` rows (migration 0055): the only SQL about
// signing a hearing's record. A round is opened once per call (the first close wins); an answer is
// written once (a second answer of the same party changes nothing); `stored_at` is set once, by the
// transaction that stores the signed record, so two answers arriving together (two instances)
// store it exactly once. Signatures are handwriting: sealed with the data key.

export interface SignerRow {
  identity: string;
  signer: string;
  label: string;
  answer: 'signed' | 'refused' | null;
}

export interface SigningRound {
  callId: string;
  caseId: string;
  version: number;
  /** When the hearing closed (the round opened): a join link opens it for RECORD_LINK_TTL_MS after. */
  openedAt: string;
  stored: boolean;
  signers: SignerRow[];
}

export interface SigningStore {
  /** Opens the round; false when the call has one already (it is kept as it was). */
  open(scope: DbScope, r: { callId: string; caseId: string; version: number; at: string; signers: ReadonlyArray<Omit<SignerRow, 'answer'>> }): Promise<boolean>;
  round(scope: DbScope, callId: string): Promise<SigningRound | null>;
  /** Writes a party's answer once; false when it had answered already. */
  answer(scope: DbScope, r: { callId: string; identity: string; answer: 'signed' | 'refused'; signaturePng: Buffer | null; at: string }): Promise<boolean>;
  /** The signatures given in a round, by identity. */
  signatures(scope: DbScope, callId: string): Promise<Map<string, Buffer>>;
  /** Marks the round stored; false when another transaction did first. */
  markStored(scope: DbScope, callId: string, at: string): Promise<boolean>;
  /** Rounds still waiting for `identity` (a kiosk's terminal id, across its calls), oldest first. */
  waitingFor(scope: DbScope, identity: string): Promise<string[]>;
  /** Rounds every party has answered that are not stored yet, oldest first. */
  answeredNotStored(scope: DbScope): Promise<string[]>;
}

const changed = (r: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint }) => Number(r.numUpdatedRows ?? r.numInsertedOrUpdatedRows ?? 0n) > 0;

export function signingStore(vault: Vault): SigningStore {
  return {
    async open(scope, r) {
      const inserted = await scope.db
        .insertInto('record_signing_rounds')
        .values({ call_id: r.callId, case_id: r.caseId, version: r.version, opened_at: r.at, stored_at: null })
        .onConflict((oc) => oc.column('call_id').doNothing())
        .executeTakeFirst();
      if (!changed(inserted)) return false;
      if (r.signers.length > 0) {
        await scope.db
          .insertInto('record_signers')
          .values(
            r.signers.map((s, seat) => ({ call_id: r.callId, identity: s.identity.slice(0, 200), seat, signer: s.signer, label: s.label, answer: null, signature_sealed: null, answered_at: null })),
          )
          .execute();
      }
      return true;
    },
    async round(scope, callId) {
      const row = await scope.db.selectFrom('record_signing_rounds').selectAll().where('call_id', '=', callId).executeTakeFirst();
      if (!row) return null;
      const signers = await scope.db.selectFrom('record_signers').select(['identity', 'signer', 'label', 'answer']).where('call_id', '=', callId).orderBy('seat').execute();
      return { callId, caseId: row.case_id, version: Number(row.version), openedAt: row.opened_at, stored: row.stored_at !== null, signers };
    },
    async answer(scope, r) {
      const updated = await scope.db
        .updateTable('record_signers')
        .set({ answer: r.answer, signature_sealed: r.signaturePng ? vault.seal('document', r.signaturePng.toString('base64')) : null, answered_at: r.at })
        .where('call_id', '=', r.callId)
        .where('identity', '=', r.identity)
        .where('answer', 'is', null)
        .executeTakeFirst();
      return changed(updated);
    },
    async signatures(scope, callId) {
      const rows = await scope.db.selectFrom('record_signers').select(['identity', 'signature_sealed']).where('call_id', '=', callId).where('answer', '=', 'signed').execute();
      return new Map(rows.flatMap((r) => (r.signature_sealed ? [[r.identity, Buffer.from(vault.open('document', r.signature_sealed), 'base64')] as const] : [])));
    },
    async markStored(scope, callId, at) {
      const updated = await scope.db.updateTable('record_signing_rounds').set({ stored_at: at }).where('call_id', '=', callId).where('stored_at', 'is', null).executeTakeFirst();
      return changed(updated);
    },
    async waitingFor(scope, identity) {
      const rows = await scope.db
        .selectFrom('record_signers')
        .innerJoin('record_signing_rounds', 'record_signing_rounds.call_id', 'record_signers.call_id')
        .select('record_signers.call_id')
        .where('record_signers.identity', '=', identity)
        .where('record_signers.answer', 'is', null)
        .where('record_signing_rounds.stored_at', 'is', null)
        .orderBy('record_signing_rounds.opened_at')
        .orderBy('record_signers.call_id')
        .execute();
      return rows.map((r) => r.call_id);
    },
    async answeredNotStored(scope) {
      const rows = await scope.db
        .selectFrom('record_signing_rounds')
        .select('call_id')
        .where('stored_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('record_signers').select('record_signers.call_id').whereRef('record_signers.call_id', '=', 'record_signing_rounds.call_id').where('record_signers.answer', 'is', null),
            ),
          ),
        )
        .orderBy('opened_at')
        .orderBy('call_id')
        .execute();
      return rows.map((r) => r.call_id);
    },
  };
}
