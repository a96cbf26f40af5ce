import type { ParticipantRole } from '../../shared/call.js';
import { partyRoleLabel } from '../../shared/agreements/courtDocument.js';
import { courtDay } from '../../shared/courtTime.js';
import type { DocumentRef } from '../../shared/cases/caseEvents.js';
import {
  hearingRecordDocument,
  type RecordSigner,
  type RoomRecordFrame,
  type RoomRecordPendingFrame,
  type RoomRecordSigningFrame,
  type RoomRecordSignFrame,
} from '../../shared/rooms/hearingRecord.js';
import { isParty, roomRoleOf } from '../../shared/rooms/roleTable.js';
import { isPng } from '../agreements/agreementDocuments.js';
import type { CaseStore } from '../cases/caseStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { drawableImage, renderDocumentPdf, type DocumentFont } from '../documents/documentPdf.js';
import type { Documents } from '../documents/documentStore.js';
import type { RoomScene } from '../rooms/roomLog.js';
import type { HearingRecordStore } from './recordStore.js';
import type { SigningRound, SigningStore } from './signingStore.js';

// Signing the record (笔录) when the judge closes the hearing: every party in the room reads the
// latest version on their own screen and signs it by hand, or refuses. Signatures are stored like
// an agreement's (each image a `signature` document of the case); when every party has signed or
// refused, the record is drawn with the signatures in it, stored as the case's `record` document
// and `record.signed` carries its sha256 — stored in one transaction. The last party's answer is
// acknowledged once it is kept, before the record is drawn: drawing a PDF with a CJK font takes
// seconds on a busy hub, longer than a kiosk waits for its answer, and must not hold the database's
// write lock; a round whose answers are all in but not stored (the hub stopped meanwhile) is
// finished at the next start or sweep (`finishAnswered`) or by any answer resent to it. A room without a case signs
// nothing (there is no case to keep it with). The round and each answer are kept in the database
// (server/hearing/signingStore.ts): a party offline at the close is asked when they are back, and
// the round outlives the hub process.

/** Who has answered so far, for the keepers' screens (room.record.signing without the wire's fields). */
export type SigningProgress = Omit<RoomRecordSigningFrame, 't' | 'callId'>;

/**
 * An answer kept: who has answered so far and, when every party has, `finish` to draw and store the
 * signed record — called by the caller after it has acknowledged the answer. It resolves to the
 * progress with `stored` true, or null when another answer (or instance) stored it first.
 */
export type SignOutcome =
  | { ok: true; progress: SigningProgress; finish: (() => Promise<SigningProgress | null>) | null }
  | { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID_FRAME' | 'UNAVAILABLE'; message: string };

export interface RecordSigningDeps {
  scope: DbScope;
  store: HearingRecordStore;
  rounds: SigningStore;
  documents: Documents;
  cases: CaseStore;
  court: { name: string };
  font: DocumentFont | null;
  caseOf: (scene: RoomScene) => Promise<string | null>;
  now: () => Date;
}

/**
 * `role:index` of a party: a join pass names its role and index, a terminal that joined by code
 * carries the index its party was confirmed as, and a kiosk's caller is applicant 0. Two parties of
 * one role at two terminals are two signers, never one (each signature kept).
 */
function signerOf(identity: string, role: ParticipantRole, partyIndex: number | undefined): { signer: string; label: string } {
  const r = roomRoleOf(role);
  const index = partyIndex ?? Number(/^join:[a-z_]+:(\d+)$/.exec(identity)?.[1] ?? 0);
  const label = `${partyRoleLabel[r as 'applicant' | 'respondent' | 'agent'] ?? r}${index > 0 ? index + 1 : ''}`;
  return { signer: `${r}:${index}`, label };
}

function progressOf(round: SigningRound): SigningProgress {
  return { version: round.version, signers: round.signers.map((s) => ({ label: s.label, answer: s.answer ?? 'waiting' })), stored: round.stored };
}

export function recordSigning(deps: RecordSigningDeps) {
  /**
   * Draws the signed record outside any transaction, then stores it once: null when another answer
   * (on another instance) stored it first (its drawing is then dropped).
   */
  async function complete(round: SigningRound): Promise<DocumentRef | null> {
    if (!deps.font) throw new Error('no CJK font for documents');
    const at = deps.now();
    const text = (await deps.store.text(deps.scope, round.callId, round.version)) ?? '';
    const signatures = await deps.rounds.signatures(deps.scope, round.callId);
    const images = new Map<string, Buffer>();
    const signers: RecordSigner[] = [];
    for (const s of round.signers) {
      signers.push({ signer: s.signer, label: s.label, refused: s.answer === 'refused' });
      const image = signatures.get(s.identity);
      if (image) images.set(s.signer, image);
    }
    const c = await deps.cases.load(deps.scope, round.caseId);
    const doc = hearingRecordDocument({ court: deps.court.name, caseNumber: c?.caseNumber ?? null, text, version: round.version, signers });
    const bytes = await renderDocumentPdf(doc, deps.font, images);
    return inTransaction(deps.scope, async (trx) => {
      if (!(await deps.rounds.markStored(trx, round.callId, at.toISOString()))) return null;
      for (const s of round.signers) {
        const image = signatures.get(s.identity);
        if (image) await deps.documents.store(trx, { caseId: round.caseId, kind: 'signature', mimeType: 'image/png', bytes: image, createdBy: s.identity.slice(0, 80) });
      }
      const stored = await deps.documents.store(trx, { caseId: round.caseId, kind: 'record', mimeType: 'application/pdf', bytes, createdBy: 'system' });
      await deps.cases.append(trx, round.caseId, { type: 'record.signed', payload: { roomId: round.callId, document: stored.ref }, actor: { kind: 'system' } }, { today: courtDay(at.getTime()) });
      return stored.ref;
    });
  }

  /** Every party has answered and the record is not stored yet: the work that stores it. */
  function finisher(round: SigningRound): (() => Promise<SigningProgress | null>) | null {
    if (round.stored || round.signers.some((s) => s.answer === null)) return null;
    return async () => ((await complete(round)) ? { ...progressOf(round), stored: true } : null);
  }

  /** The record as a party is shown it to sign. */
  async function recordFrame(round: SigningRound): Promise<RoomRecordFrame> {
    return { t: 'room.record', callId: round.callId, version: round.version, text: (await deps.store.text(deps.scope, round.callId, round.version)) ?? '' };
  }

  return {
    /**
     * The hearing closed: the parties present sign the latest version. Returns the record to show
     * them (and who is to sign, for the keepers), or null when there is nothing to sign (no case,
     * nothing kept, or no party). A second close of the same call keeps the first round.
     */
    async closed(
      scene: RoomScene,
      present: ReadonlyArray<{ identity: string; role: ParticipantRole; partyIndex?: number | undefined }>,
    ): Promise<{ record: RoomRecordFrame; progress: SigningProgress } | null> {
      const caseId = await deps.caseOf(scene);
      const latest = await deps.store.latest(deps.scope, scene.callId);
      const parties = present.filter((p) => isParty(roomRoleOf(p.role)));
      if (!caseId || latest.version === 0 || parties.length === 0) return null;
      const signers = parties.map((p) => ({ identity: p.identity, ...signerOf(p.identity, p.role, p.partyIndex) }));
      await deps.rounds.open(deps.scope, { callId: scene.callId, caseId, version: latest.version, at: deps.now().toISOString(), signers });
      const round = await deps.rounds.round(deps.scope, scene.callId);
      if (!round) return null;
      return { record: await recordFrame(round), progress: progressOf(round) };
    },

    /** Who has answered so far in the room's signing round, for a keeper who (re)joins; null when none is waiting. */
    async progress(callId: string): Promise<SigningProgress | null> {
      const round = await deps.rounds.round(deps.scope, callId);
      return round && !round.stored ? progressOf(round) : null;
    },

    /** The record `identity` still has to sign in this call's round (a party back after the close), or null. */
    async waitingFor(callId: string, identity: string): Promise<RoomRecordFrame | null> {
      const round = await deps.rounds.round(deps.scope, callId);
      const signer = round?.signers.find((s) => s.identity === identity);
      return round && !round.stored && signer && signer.answer === null ? recordFrame(round) : null;
    },

    /**
     * The records `identity` (a kiosk's terminal id) still has to sign, across its calls, oldest
     * first: only rounds that name it as a signer, never another party's.
     */
    async pendingFor(identity: string): Promise<RoomRecordPendingFrame[]> {
      const frames: RoomRecordPendingFrame[] = [];
      for (const callId of await deps.rounds.waitingFor(deps.scope, identity)) {
        const round = await deps.rounds.round(deps.scope, callId);
        // No text: the party unlocks it with their name + ID ending first (./recordUnlock.ts).
        if (round && !round.stored) frames.push({ t: 'room.record.pending', callId: round.callId, version: round.version });
      }
      return frames;
    },

    /** A party signs (or refuses) the version it read; the last answer stores the signed record. */
    async answer(scene: RoomScene, identity: string, frame: RoomRecordSignFrame): Promise<SignOutcome> {
      const round = await deps.rounds.round(deps.scope, scene.callId);
      if (!round) return { ok: false, code: 'CONFLICT', message: 'No record is waiting for signatures in this room' };
      const signer = round.signers.find((s) => s.identity === identity);
      if (!signer) return { ok: false, code: 'FORBIDDEN', message: 'Only the parties sign the record' };
      // Answering again (a resend after a reconnect, another instance) changes nothing, even once
      // stored — but finishes a round whose last answer was kept and not yet stored.
      if (signer.answer !== null) return { ok: true, progress: progressOf(round), finish: finisher(round) };
      if (round.stored) return { ok: false, code: 'CONFLICT', message: 'No record is waiting for signatures in this room' };
      if (frame.version !== round.version) return { ok: false, code: 'CONFLICT', message: 'The record signed is not the one to be signed' };
      let image: Buffer | null = null;
      if (frame.t === 'room.record.sign') {
        image = Buffer.from(frame.imagePngBase64, 'base64');
        if (!isPng(image) || !drawableImage(image)) return { ok: false, code: 'INVALID_FRAME', message: 'The signature is not a drawable PNG' };
      }
      await deps.rounds.answer(deps.scope, { callId: scene.callId, identity, answer: image ? 'signed' : 'refused', signaturePng: image, at: deps.now().toISOString() });
      const now = (await deps.rounds.round(deps.scope, scene.callId))!;
      return { ok: true, progress: progressOf(now), finish: finisher(now) };
    },

    /**
     * Stores the signed record of every round whose answers are all in but that was never stored
     * (the hub stopped between the last answer and the drawing, or the store failed after the
     * answer was acknowledged): at start and every few minutes. Returns the calls stored.
     */
    async finishAnswered(onError: (callId: string, failure: unknown) => void): Promise<string[]> {
      const done: string[] = [];
      for (const callId of await deps.rounds.answeredNotStored(deps.scope)) {
        // one round that cannot be stored now never keeps the others waiting
        try {
          const round = await deps.rounds.round(deps.scope, callId);
          const finish = round ? finisher(round) : null;
          if (finish && (await finish())) done.push(callId);
        } catch (failure) {
          onError(callId, failure);
        }
      }
      return done;
    },
  };
}
export type RecordSigning = ReturnType<typeof recordSigning>;
