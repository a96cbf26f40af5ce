import type { CourtDocument, DocumentParty } from '../../shared/agreements/courtDocument.js';
import { confirmationRuling, type RulingRequest } from '../../shared/agreements/confirmationRuling.js';
import { mediationAgreement, type AgreementFacts, type AgreementTerms } from '../../shared/agreements/mediationAgreement.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { missingSigners } from '../../shared/cases/caseFile.js';
import type { signatureMethods } from '../../shared/cases/caseEvents.js';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { Documents } from '../documents/documentStore.js';
import { drawableImage, renderDocumentPdf, type DocumentFont } from '../documents/documentPdf.js';
import type { AccountStore } from '../staff/accountStore.js';
import type { SiteStore } from '../sites/siteStore.js';
import { InvalidReference, type Acting, type ActionOutcome, type CaseActions } from '../cases/caseActions.js';
import { CaseNotFound, type CaseStore } from '../cases/caseStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { AgreementStore } from './agreementStore.js';

// The court's documents made from templates, and the case events that record them:
//   draft  → the agreement drawn from the case's parties and the mediator's terms, stored as an
//            `agreement_draft`, recorded by `agreement.drafted` (its sha256 in the event);
//   sign   → a handwritten signature image stored as a `signature` document, recorded by
//            `agreement.signed` (the image's sha256); the last signature draws the agreement again
//            with every signature in it, stores it as `agreement_signed` and appends
//            `agreement.completed` with its sha256 — all in the transaction of that signature;
//   rule   → the 民事裁定书 drawn for the 民特 case, stored as a `ruling`, recorded by
//            `confirmation.confirmed` / `confirmation.refused` on both linked cases.
// Whether each step is allowed is the case rules' (through CaseActions), never decided here.

export interface AgreementDocumentDeps {
  store: CaseStore;
  actions: CaseActions;
  parties: PartyStore;
  documents: Documents;
  sites: SiteStore;
  accounts: AccountStore;
  agreements: AgreementStore;
  court: { name: string };
  /** The CJK font documents are drawn with (null: this hub cannot draw documents; staff upload them). */
  font: DocumentFont | null;
  now: () => Date;
}

/** The hub has no CJK font to draw documents with. */
export class NoDocumentFont extends Error {
  constructor() {
    super('no CJK font for documents');
    this.name = 'NoDocumentFont';
  }
}

export type SignatureMethod = (typeof signatureMethods)[number];

const invalid = (path: string, message: string): never => {
  throw new InvalidReference([{ path, message }]);
};

export function agreementDocuments(deps: AgreementDocumentDeps) {
  const { store, actions, parties, documents, sites, accounts, agreements } = deps;
  const font = (): DocumentFont =>
    deps.font ??
    (() => {
      throw new NoDocumentFont();
    })();

  async function documentParties(scope: DbScope, caseId: string): Promise<DocumentParty[]> {
    return (await parties.parties(scope, caseId)).map((p) => ({ role: p.role, index: p.index, kind: p.kind, name: p.name, idNumber: p.idNumber, address: p.address }));
  }

  async function loaded(scope: DbScope, caseId: string): Promise<CaseFile> {
    const c = await store.load(scope, caseId);
    if (!c) throw new CaseNotFound(caseId);
    return c;
  }

  async function agreementFacts(scope: DbScope, c: CaseFile, terms: AgreementTerms): Promise<AgreementFacts> {
    const org = c.organisationId ? await sites.organisation(scope, c.organisationId) : null;
    const mediator = c.mediator ? await accounts.account(scope, c.mediator) : null;
    return {
      court: deps.court,
      caseNumber: c.caseNumber,
      organisation: { name: org?.name ?? '' },
      mediator: { name: mediator?.displayName ?? '' },
      parties: await documentParties(scope, c.caseId),
      signers: c.parties,
      terms,
    };
  }

  /** The agreement now being signed, as a document (full for the court; `resident` for a kiosk). */
  async function current(scope: DbScope, c: CaseFile, view: 'full' | 'resident', signedOn?: string): Promise<{ documentId: string; document: CourtDocument; terms: AgreementTerms } | null> {
    if (!c.agreement) return null;
    const draftId = c.agreement.documentId;
    const terms = await agreements.terms(scope, c.caseId, draftId);
    if (!terms) return null;
    const facts = await agreementFacts(scope, c, terms);
    return { documentId: draftId, terms, document: mediationAgreement(signedOn ? { ...facts, signedOn } : facts, view) };
  }

  return {
    current: async (scope: DbScope, caseId: string, view: 'full' | 'resident') => current(scope, await loaded(scope, caseId), view),

    /** The mediator writes the terms; the draft is drawn, stored and recorded (agreement.drafted). */
    async draft(scope: DbScope, caseId: string, terms: AgreementTerms, expectedSeq: number, who: Acting): Promise<ActionOutcome> {
      const c = await loaded(scope, caseId);
      const bytes = await renderDocumentPdf(mediationAgreement(await agreementFacts(scope, c, terms)), font());
      return inTransaction(scope, async (trx) => {
        const stored = await documents.store(trx, { caseId, kind: 'agreement_draft', mimeType: 'application/pdf', bytes, createdBy: createdBy(who) });
        await agreements.recordTerms(trx, { documentId: stored.documentId, caseId, terms, at: deps.now().toISOString() });
        return actions.act(trx, caseId, { type: 'agreement.drafted', payload: { documentId: stored.documentId }, expectedSeq }, who);
      });
    },

    /**
     * One signer signs the current draft with a handwritten signature (PNG). When it is the last
     * signature, the signed agreement is drawn, stored and recorded in the same transaction.
     */
    async sign(scope: DbScope, caseId: string, s: { signer: { role: string; index: number }; method: SignatureMethod; image: Buffer; expectedSeq: number }, who: Acting): Promise<ActionOutcome> {
      if (!isPng(s.image) || !drawableImage(s.image)) invalid('imagePngBase64', 'errors.signature.notPng');
      return inTransaction(scope, async (trx) => {
        const c = await loaded(trx, caseId);
        const draftId = c.agreement?.documentId ?? null;
        const image = await documents.store(trx, { caseId, kind: 'signature', mimeType: 'image/png', bytes: s.image, createdBy: createdBy(who) });
        const signed = await actions.act(
          trx,
          caseId,
          { type: 'agreement.signed', payload: { documentId: draftId ?? image.documentId, signer: s.signer, method: s.method, signatureSha256: image.sha256 }, expectedSeq: s.expectedSeq },
          who,
        );
        const after = signed.case;
        if (!after.agreement || missingSigners(after).length > 0) return signed;
        // the signed agreement carries the day it was signed (the day it takes effect)
        const now = await current(trx, after, 'full', courtDateOf(deps.now()));
        if (!now) return signed;
        const images = new Map<string, Buffer>();
        for (const [signer, documentId] of await agreements.signatureImages(trx, caseId, now.documentId)) {
          const read = await documents.read(trx, caseId, documentId);
          if (read) images.set(signer, read.bytes);
        }
        const bytes = await renderDocumentPdf(now.document, font(), images);
        const final = await documents.store(trx, { caseId, kind: 'agreement_signed', mimeType: 'application/pdf', bytes, createdBy: createdBy(who) });
        const completed = await actions.act(trx, caseId, { type: 'agreement.completed', payload: { documentId: final.documentId }, expectedSeq: after.seq }, who);
        return { case: completed.case, appended: [...signed.appended, ...completed.appended] };
      });
    },

    /** A judge rules on the 民特 case: the 民事裁定书 is drawn, stored and recorded on both cases. */
    async rule(scope: DbScope, confirmationCaseId: string, r: RulingRequest, who: Acting & { judgeName: string }): Promise<ActionOutcome> {
      const conf = await loaded(scope, confirmationCaseId);
      if (conf.kind !== 'confirmation' || !conf.disputeCaseId) return invalid('caseId', 'errors.confirmation.none');
      const dispute = await loaded(scope, conf.disputeCaseId);
      const org = dispute.organisationId ? await sites.organisation(scope, dispute.organisationId) : null;
      const document = confirmationRuling({
        court: deps.court,
        caseNumber: conf.caseNumber ?? '',
        agreementCaseNumber: dispute.caseNumber,
        agreementDate: dispute.agreementEffectiveOn,
        organisation: { name: org?.name ?? '' },
        parties: await documentParties(scope, conf.caseId),
        judge: { name: who.judgeName },
        outcome: r.outcome,
        ...(r.reasons ? { reasons: r.reasons } : {}),
        date: courtDateOf(deps.now()),
      });
      const bytes = await renderDocumentPdf(document, font());
      return inTransaction(scope, async (trx) => {
        const stored = await documents.store(trx, { caseId: conf.caseId, kind: 'ruling', mimeType: 'application/pdf', bytes, createdBy: createdBy(who) });
        const type = r.outcome === 'confirmed' ? 'confirmation.confirmed' : 'confirmation.refused';
        return actions.act(trx, conf.caseId, { type, payload: { documentId: stored.documentId }, expectedSeq: r.expectedSeq }, who);
      });
    },
  };
}
export type AgreementDocuments = ReturnType<typeof agreementDocuments>;

const createdBy = (who: Acting): string => (who.actor.kind === 'staff' ? who.actor.username : who.actor.kind === 'terminal' ? `terminal:${who.actor.terminalId}` : 'system');

/** A PNG by its signature (the first 8 bytes); anything else is refused before it is stored. */
export function isPng(b: Buffer): boolean {
  return b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
