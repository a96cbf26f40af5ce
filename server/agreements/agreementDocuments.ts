import type { CourtDocument, DocumentParty } from '../../shared/agreements/courtDocument.js';
import { confirmationRuling, type RulingRequest } from '../../shared/agreements/confirmationRuling.js';
import { mediationAgreement, type AgreementFacts, type AgreementTerms } from '../../shared/agreements/mediationAgreement.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { agreementSignedOn, missingSigners } from '../../shared/cases/caseFile.js';
import type { signatureMethods } from '../../shared/cases/caseEvents.js';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import { maskContact } from '../../shared/masking.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { Documents } from '../documents/documentStore.js';
import { drawableImage, renderDocumentPdf, type DocumentFont } from '../documents/documentPdf.js';
import type { AccountStore } from '../staff/accountStore.js';
import type { SiteStore } from '../sites/siteStore.js';
import { InvalidActionDetails, type Acting, type ActionOutcome, type CaseActions } from '../cases/caseActions.js';
import { CaseNotFound, type CaseStore } from '../cases/caseStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { AgreementStore } from './agreementStore.js';
import { drawnThenStored } from './drawnThenStored.js';

// The court's documents made from templates, and the case events that record them:
//   draft  → the agreement drawn from the case's parties and the mediator's terms, stored as an
//            `agreement_draft`, recorded by `agreement.drafted` (its sha256 in the event);
//   sign   → a handwritten signature image stored as a `signature` document, recorded by
//            `agreement.signed` (the image's sha256), and acknowledged once that is committed;
//   finish → once every signer has signed, the agreement is drawn again with every signature in
//            it, stored as `agreement_signed` and `agreement.completed` appended with its sha256:
//            run after the last signature was answered, at start and every few minutes
//            (`finishSigned`), and for a resent signature — stored once, because the case's own
//            state decides it (its row locked on PostgreSQL: a completed case takes no second one);
//   rule   → the 民事裁定书 drawn for the 民特 case, stored as a `ruling`, recorded by
//            `confirmation.confirmed` / `confirmation.refused` on both linked cases.
// Every PDF is drawn outside any transaction, from facts read again before it is stored
// (./drawnThenStored.ts). Whether each step is allowed is the case rules' (through CaseActions),
// never decided here.

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

/**
 * How the agreement being signed is shown: `full`, as signed and stored; `masked`, the same text
 * with each party's ID number and address masked as the case page masks them until staff open the
 * parties (the desk's screen); `resident`, at a kiosk, no party's ID number or address at all.
 */
export type AgreementView = 'full' | 'masked' | 'resident';

/** The hub has no CJK font to draw documents with. */
export class NoDocumentFont extends Error {
  constructor() {
    super('no CJK font for documents');
    this.name = 'NoDocumentFont';
  }
}

export type SignatureMethod = (typeof signatureMethods)[number];

/**
 * A signature kept: the case as it is now and, when it was the last one, `finish` — the work that
 * draws and stores the signed agreement, for the caller to run once it has answered. It resolves to
 * the completion, or null when another request (or instance) completed the agreement first.
 */
export type SignOutcome = ActionOutcome & { finish: (() => Promise<ActionOutcome | null>) | null };

/** Every signer has signed the current draft and the signed agreement is not stored yet. */
export const awaitingCompletion = (c: CaseFile): boolean => c.state === 'settled' && c.agreement !== null && c.agreementEffectiveOn === null && missingSigners(c).length === 0;

const SYSTEM: Acting = { actor: { kind: 'system' }, siteId: null };

const invalid = (path: string, message: string): never => {
  throw new InvalidActionDetails([{ path, message }]);
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

  /** The case; `lock` takes its row lock for the rest of the transaction (PostgreSQL). */
  async function loaded(scope: DbScope, caseId: string, lock = false): Promise<CaseFile> {
    const c = await store.load(scope, caseId, lock);
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

  /** The agreement now being signed, as a document seen through `view` (AgreementView). */
  async function current(scope: DbScope, c: CaseFile, view: AgreementView, signedOn?: string): Promise<{ documentId: string; document: CourtDocument; terms: AgreementTerms } | null> {
    if (!c.agreement) return null;
    const draftId = c.agreement.documentId;
    const terms = await agreements.terms(scope, c.caseId, draftId);
    if (!terms) return null;
    const facts = await agreementFacts(scope, c, terms);
    const seen = view === 'masked' ? { ...facts, parties: facts.parties.map(maskContact) } : facts;
    return { documentId: draftId, terms, document: mediationAgreement(signedOn ? { ...seen, signedOn } : seen, view === 'resident' ? 'resident' : 'full') };
  }

  /** What the signed agreement of a case is drawn from: null unless it awaits completion. */
  async function signedFacts(scope: DbScope, caseId: string): Promise<{ document: CourtDocument; images: Map<string, Buffer> } | null> {
    const c = await store.load(scope, caseId, scope.db.isTransaction);
    if (!c || !awaitingCompletion(c)) return null;
    // the signed agreement carries the day it was signed (the day it takes effect): its last signature's
    const now = await current(scope, c, 'full', agreementSignedOn(c));
    if (!now) return null;
    const images = new Map<string, Buffer>();
    for (const [signer, documentId] of await agreements.signatureImages(scope, caseId, now.documentId)) {
      const read = await documents.read(scope, caseId, documentId);
      if (read) images.set(signer, read.bytes);
    }
    return { document: now.document, images };
  }

  /** Draws the signed agreement outside any transaction and stores it once, with agreement.completed; null when already completed (or no longer to be). */
  // Completions under way (after an answer, or the sweep's): a hub that closes waits for them before
  // it closes its database, rather than failing them half-way (the next start would finish them).
  const completing = new Set<Promise<unknown>>();
  function complete(scope: DbScope, caseId: string, who: Acting): Promise<ActionOutcome | null> {
    const run = completeNow(scope, caseId, who);
    const tracked = run.catch(() => undefined).finally(() => completing.delete(tracked));
    completing.add(tracked);
    return run;
  }

  function completeNow(scope: DbScope, caseId: string, who: Acting): Promise<ActionOutcome | null> {
    return drawnThenStored(scope, {
      facts: (s) => signedFacts(s, caseId),
      draw: (f) => renderDocumentPdf(f.document, font(), f.images),
      async store(trx, _facts, bytes) {
        const { seq } = await loaded(trx, caseId, true); // locked already, by `facts`
        const final = await documents.store(trx, { caseId, kind: 'agreement_signed', mimeType: 'application/pdf', bytes, createdBy: createdBy(who) });
        return actions.act(trx, caseId, { type: 'agreement.completed', payload: { documentId: final.documentId }, expectedSeq: seq }, who);
      },
    });
  }

  return {
    current: async (scope: DbScope, caseId: string, view: AgreementView) => current(scope, await loaded(scope, caseId), view),

    /** The mediator writes the terms; the draft is drawn, stored and recorded (agreement.drafted). */
    async draft(scope: DbScope, caseId: string, terms: AgreementTerms, expectedSeq: number, who: Acting): Promise<ActionOutcome> {
      const drafted = await drawnThenStored(scope, {
        async facts(s) {
          const c = await loaded(s, caseId, s.db.isTransaction);
          actions.allowed(c, 'agreement.drafted', expectedSeq, who);
          return mediationAgreement(await agreementFacts(s, c, terms));
        },
        draw: (document) => renderDocumentPdf(document, font()),
        async store(trx, _document, bytes) {
          const stored = await documents.store(trx, { caseId, kind: 'agreement_draft', mimeType: 'application/pdf', bytes, createdBy: createdBy(who) });
          await agreements.recordTerms(trx, { documentId: stored.documentId, caseId, terms, at: deps.now().toISOString() });
          return actions.act(trx, caseId, { type: 'agreement.drafted', payload: { documentId: stored.documentId }, expectedSeq }, who);
        },
      });
      return drafted!; // the facts of a draft are never null: a refusal is thrown
    },

    /**
     * One signer signs the current draft with a handwritten signature (PNG); answered once it is
     * kept. The last signature comes with `finish` (see SignOutcome).
     */
    async sign(scope: DbScope, caseId: string, s: { signer: { role: string; index: number }; method: SignatureMethod; image: Buffer; expectedSeq: number }, who: Acting): Promise<SignOutcome> {
      if (!isPng(s.image) || !drawableImage(s.image)) invalid('imagePngBase64', 'errors.signature.notPng');
      const signed = await inTransaction(scope, async (trx) => {
        const c = await loaded(trx, caseId);
        const draftId = c.agreement?.documentId ?? null;
        const image = await documents.store(trx, { caseId, kind: 'signature', mimeType: 'image/png', bytes: s.image, createdBy: createdBy(who) });
        const outcome = await actions.act(
          trx,
          caseId,
          { type: 'agreement.signed', payload: { documentId: draftId ?? image.documentId, signer: s.signer, method: s.method, signatureSha256: image.sha256 }, expectedSeq: s.expectedSeq },
          who,
        );
        // A hub that cannot draw the signed agreement keeps no last signature (staff upload the signed
        // agreement instead): decided under the case's lock, so two signers signing together cannot both slip by.
        if (!deps.font && awaitingCompletion(outcome.case)) throw new NoDocumentFont();
        return outcome;
      });
      return { ...signed, finish: awaitingCompletion(signed.case) ? () => complete(scope, caseId, who) : null };
    },

    /** Completes the agreement of a case whose signatures are all in (a resent last signature); null when there is nothing to complete. */
    finishSigned: (scope: DbScope, caseId: string) => complete(scope, caseId, SYSTEM),

    /** Settles once no completion is under way (the hub is closing). */
    async settled(): Promise<void> {
      while (completing.size > 0) await Promise.all([...completing]);
    },

    /**
     * Stores the signed agreement of every case whose signatures are all in but whose signed
     * agreement is not stored (the hub stopped between the last signature and the drawing, or the
     * drawing failed after the signature was answered): at start and every few minutes. A hub
     * without the font draws nothing. Returns the cases completed.
     */
    async finishAllSigned(scope: DbScope, onError: (caseId: string, failure: unknown) => void): Promise<string[]> {
      if (!deps.font) return [];
      const done: string[] = [];
      for (const c of await store.inState(scope, 'dispute', 'settled')) {
        if (!awaitingCompletion(c)) continue;
        // one case that cannot be completed now never keeps the others waiting
        try {
          if (await complete(scope, c.caseId, SYSTEM)) done.push(c.caseId);
        } catch (failure) {
          onError(c.caseId, failure);
        }
      }
      return done;
    },

    /** A judge rules on the 民特 case: the 民事裁定书 is drawn, stored and recorded on both cases. */
    async rule(scope: DbScope, confirmationCaseId: string, r: RulingRequest, who: Acting & { judgeName: string }): Promise<ActionOutcome> {
      const type = r.outcome === 'confirmed' ? 'confirmation.confirmed' : 'confirmation.refused';
      const ruled = await drawnThenStored(scope, {
        async facts(s) {
          const conf = await loaded(s, confirmationCaseId, s.db.isTransaction);
          if (conf.kind !== 'confirmation' || !conf.disputeCaseId) return invalid('caseId', 'errors.confirmation.none');
          actions.allowed(conf, type, r.expectedSeq, who);
          const dispute = await loaded(s, conf.disputeCaseId);
          const org = dispute.organisationId ? await sites.organisation(s, dispute.organisationId) : null;
          return confirmationRuling({
            court: deps.court,
            caseNumber: conf.caseNumber ?? '',
            agreementCaseNumber: dispute.caseNumber,
            agreementDate: dispute.agreementEffectiveOn,
            organisation: { name: org?.name ?? '' },
            parties: await documentParties(s, conf.caseId),
            judge: { name: who.judgeName },
            outcome: r.outcome,
            ...(r.reasons ? { reasons: r.reasons } : {}),
            date: courtDateOf(deps.now()),
          });
        },
        draw: (document) => renderDocumentPdf(document, font()),
        async store(trx, _document, bytes) {
          const stored = await documents.store(trx, { caseId: confirmationCaseId, kind: 'ruling', mimeType: 'application/pdf', bytes, createdBy: createdBy(who) });
          return actions.act(trx, confirmationCaseId, { type, payload: { documentId: stored.documentId }, expectedSeq: r.expectedSeq }, who);
        },
      });
      return ruled!; // the facts of a ruling are never null: a refusal is thrown
    },
  };
}
export type AgreementDocuments = ReturnType<typeof agreementDocuments>;

const createdBy = (who: Acting): string => (who.actor.kind === 'staff' ? who.actor.username : who.actor.kind === 'terminal' ? `terminal:${who.actor.terminalId}` : 'system');

/** A PNG by its signature (the first 8 bytes); anything else is refused before it is stored. */
export function isPng(b: Buffer): boolean {
  return b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
