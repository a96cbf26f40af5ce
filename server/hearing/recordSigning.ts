import type { ParticipantRole } from '../../shared/call.js';
import { partyRoleLabel } from '../../shared/agreements/courtDocument.js';
import { courtDay } from '../../shared/courtTime.js';
import type { DocumentRef } from '../../shared/cases/caseEvents.js';
import { hearingRecordDocument, type RecordSigner, type RoomRecordFrame, type RoomRecordSigningFrame, type RoomRecordSignFrame } from '../../shared/rooms/hearingRecord.js';
import { isParty, roomRoleOf } from '../../shared/rooms/roleTable.js';
import { isPng } from '../agreements/agreementDocuments.js';
import type { CaseStore } from '../cases/caseStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { drawableImage, renderDocumentPdf, type DocumentFont } from '../documents/documentPdf.js';
import type { Documents } from '../documents/documentStore.js';
import type { RoomScene } from '../rooms/roomLog.js';
import type { HearingRecordStore } from './recordStore.js';

// Signing the record (笔录) when the judge closes the hearing: every party in the room reads the
// latest version on their own screen and signs it by hand, or refuses. Signatures are stored like
// an agreement's (each image a `signature` document of the case); when every party has signed or
// refused, the record is drawn with the signatures in it, stored as the case's `record` document
// and `record.signed` carries its sha256 — all in one transaction. A room without a case signs
// nothing (there is no case to keep it with).

/** Who has answered so far, for the keepers' screens (room.record.signing without the wire's fields). */
export type SigningProgress = Omit<RoomRecordSigningFrame, 't' | 'callId'>;

export type SignOutcome =
  { ok: true; document: DocumentRef | null; progress: SigningProgress } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID_FRAME' | 'UNAVAILABLE'; message: string };

interface Round {
  caseId: string;
  version: number;
  text: string;
  /** Parties by identity, as the case names them. */
  signers: Map<string, { signer: string; label: string }>;
  answers: Map<string, Buffer | 'refused'>;
}

export interface RecordSigningDeps {
  scope: DbScope;
  store: HearingRecordStore;
  documents: Documents;
  cases: CaseStore;
  court: { name: string };
  font: DocumentFont | null;
  caseOf: (scene: RoomScene) => Promise<string | null>;
  now: () => Date;
}

/** `role:index` of a party: a kiosk's caller is applicant 0, a join pass names its role and index. */
function signerOf(identity: string, role: ParticipantRole): { signer: string; label: string } {
  const r = roomRoleOf(role);
  const index = Number(/^join:[a-z_]+:(\d+)$/.exec(identity)?.[1] ?? 0);
  const label = `${partyRoleLabel[r as 'applicant' | 'respondent' | 'agent'] ?? r}${index > 0 ? index + 1 : ''}`;
  return { signer: `${r}:${index}`, label };
}

function progressOf(round: Round, stored: boolean): SigningProgress {
  const answerOf = (identity: string) => {
    const answer = round.answers.get(identity);
    return answer === undefined ? ('waiting' as const) : answer === 'refused' ? ('refused' as const) : ('signed' as const);
  };
  return { version: round.version, signers: [...round.signers].map(([identity, s]) => ({ label: s.label, answer: answerOf(identity) })), stored };
}

export function recordSigning(deps: RecordSigningDeps) {
  const rounds = new Map<string, Round>();

  async function complete(round: Round, roomId: string): Promise<DocumentRef> {
    if (!deps.font) throw new Error('no CJK font for documents');
    const font = deps.font;
    return inTransaction(deps.scope, async (trx) => {
      const images = new Map<string, Buffer>();
      const signers: RecordSigner[] = [];
      for (const [identity, s] of round.signers) {
        const answer = round.answers.get(identity)!;
        signers.push({ ...s, refused: answer === 'refused' });
        if (answer === 'refused') continue;
        images.set(s.signer, answer);
        await deps.documents.store(trx, { caseId: round.caseId, kind: 'signature', mimeType: 'image/png', bytes: answer, createdBy: identity.slice(0, 80) });
      }
      const c = await deps.cases.load(trx, round.caseId);
      const doc = hearingRecordDocument({ court: deps.court.name, caseNumber: c?.caseNumber ?? null, text: round.text, version: round.version, signers });
      const bytes = await renderDocumentPdf(doc, font, images);
      const stored = await deps.documents.store(trx, { caseId: round.caseId, kind: 'record', mimeType: 'application/pdf', bytes, createdBy: 'system' });
      await deps.cases.append(trx, round.caseId, { type: 'record.signed', payload: { roomId, document: stored.ref }, actor: { kind: 'system' } }, { today: courtDay(deps.now().getTime()) });
      return stored.ref;
    });
  }

  return {
    /**
     * The hearing closed: the parties present sign the latest version. Returns the record to show
     * them (and who is to sign, for the keepers), or null when there is nothing to sign (no case,
     * nothing kept, or no party).
     */
    async closed(scene: RoomScene, present: ReadonlyArray<{ identity: string; role: ParticipantRole }>): Promise<{ record: RoomRecordFrame; progress: SigningProgress } | null> {
      const caseId = await deps.caseOf(scene);
      const latest = await deps.store.latest(deps.scope, scene.callId);
      const parties = present.filter((p) => isParty(roomRoleOf(p.role)));
      if (!caseId || latest.version === 0 || parties.length === 0) return null;
      const round: Round = { caseId, ...latest, signers: new Map(parties.map((p) => [p.identity, signerOf(p.identity, p.role)])), answers: new Map() };
      rounds.set(scene.callId, round);
      return { record: { t: 'room.record', callId: scene.callId, ...latest }, progress: progressOf(round, false) };
    },

    /** Who has answered so far in the room's signing round, for a keeper who (re)joins; null when none is open. */
    progress(callId: string): SigningProgress | null {
      const round = rounds.get(callId);
      return round ? progressOf(round, false) : null;
    },

    /** A party signs (or refuses) the version it read; the last answer stores the signed record. */
    async answer(scene: RoomScene, identity: string, frame: RoomRecordSignFrame): Promise<SignOutcome> {
      const round = rounds.get(scene.callId);
      if (!round) return { ok: false, code: 'CONFLICT', message: 'No record is waiting for signatures in this room' };
      if (!round.signers.has(identity)) return { ok: false, code: 'FORBIDDEN', message: 'Only the parties sign the record' };
      if (frame.version !== round.version) return { ok: false, code: 'CONFLICT', message: 'The record signed is not the one to be signed' };
      if (round.answers.has(identity)) return { ok: true, document: null, progress: progressOf(round, false) };
      if (frame.t === 'room.record.sign') {
        const image = Buffer.from(frame.imagePngBase64, 'base64');
        if (!isPng(image) || !drawableImage(image)) return { ok: false, code: 'INVALID_FRAME', message: 'The signature is not a drawable PNG' };
        round.answers.set(identity, image);
      } else round.answers.set(identity, 'refused');
      if (round.answers.size < round.signers.size) return { ok: true, document: null, progress: progressOf(round, false) };
      if (!deps.font) return { ok: false, code: 'UNAVAILABLE', message: 'This hub cannot draw the signed record now' };
      const document = await complete(round, scene.callId);
      rounds.delete(scene.callId);
      return { ok: true, document, progress: progressOf(round, true) };
    },
  };
}
export type RecordSigning = ReturnType<typeof recordSigning>;
