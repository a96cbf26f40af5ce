import type { FastifyInstance, FastifyRequest } from 'fastify';
import { provisionalKey } from '../../shared/caseStatus.js';
import { missingSigners, type CaseFile } from '../../shared/cases/caseFile.js';
import {
  KIOSK_AGREEMENT_PATH,
  KIOSK_SIGNATURE_PATH,
  PHONE_SIGNER,
  KioskSignatureRequest,
  SignerQuery,
  type KioskAgreementAnswer,
  type KioskSignatureAnswer,
  type Signer,
} from '../../shared/agreements/kioskSigning.js';
import { kioskSignerRoles, signerKey } from '../../shared/agreements/signingOrder.js';
import { matchesParty } from '../../shared/rooms/joining.js';
import type { AuditStore } from '../audit/auditStore.js';
import { InvalidActionDetails } from '../cases/caseActions.js';
import { matchIntake } from '../caseStatus/lookup.js';
import { invalidDetailsError, invalidMessages } from '../cases/caseRefusalErrors.js';
import { CaseRefusal, type CaseStore } from '../cases/caseStore.js';
import type { PartyStore } from '../cases/partyStore.js';
import type { DbScope } from '../db/engine.js';
import { afterAnswer } from '../http/afterAnswer.js';
import { errorLogFields, HubError, hubErrorCodes, parseOrThrow, type HubErrorCode } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import { awaitingCompletion, NoDocumentFont, type AgreementDocuments } from './agreementDocuments.js';

// The kiosk's two doors to a resident's agreement (shared/agreements/kioskSigning.ts):
//   POST /api/v1/intakes/agreement             read it (resident view), if one waits for signatures
//   POST /api/v1/intakes/agreement/signature   the resident's handwritten signature, from the outbox
// Both open only with the receipt's number and either one of the filing's phone numbers, like
// check-my-case (the applicant signs), or a party's name and the last 4 of their ID number, like
// the join page (that party signs: a respondent, a further applicant). An identity that matches no
// party, and a case with no agreement waiting, look alike. Lookups by ID number count against the
// same per-terminal limit on both doors: the last 4 digits must not be guessable here.
// A signature is recorded at most once per signer and draft: a resend (the same job after a lost
// answer, or a second signature queued by the same resident) finds the signer already signed and
// gets the same answer. A signature for a draft that is no longer the one being signed is refused
// (422): the resident must read the new text. Every recorded signature and every refusal is audited.

export interface KioskSigningDeps {
  scope: DbScope;
  terminals: TerminalStore;
  intakes: IntakeStore;
  cases: CaseStore;
  parties: PartyStore;
  agreements: AgreementDocuments;
  audit: AuditStore;
  now: () => Date;
  /** Counted in the database, so every instance behind the proxy counts against one bound. */
  attempts: AttemptStore;
  /** Agreement readings per terminal (default 30 a minute): the phone number must not be guessable here either. */
  perTerminal?: { max: number; windowMs: number };
}

const completionFailed = (request: FastifyRequest) => (failure: unknown) => request.log.error(errorLogFields(failure), 'agreement: the signed agreement could not be stored');

export function registerKioskSigningRoutes(app: FastifyInstance, deps: KioskSigningDeps): void {
  const { scope, terminals, intakes, cases, parties, agreements, audit } = deps;
  const limit = deps.attempts.counter('agreement.terminal', deps.perTerminal ?? { max: 30, windowMs: 60_000 });
  const auditor = (terminalId: string) => ({ kind: 'terminal' as const, id: terminalId, role: null, source: terminalId });

  /** The dispute case of the filing the resident proved is theirs, and the party they sign as, or null. */
  async function signerOf(query: SignerQuery): Promise<{ c: CaseFile; signer: Signer } | null> {
    if ('mobile' in query) {
      const intake = await matchIntake(intakes, query);
      const c = intake ? await cases.bySubmission(scope, intake.submissionId) : null;
      return c ? { c, signer: PHONE_SIGNER } : null;
    }
    let found: { c: CaseFile; signer: Signer } | null = null;
    for (const intake of await intakes.byProvisionalKey(provisionalKey(query.provisionalNumber))) {
      const c = await cases.bySubmission(scope, intake.submissionId);
      if (!c) continue;
      for (const p of await parties.parties(scope, c.caseId)) {
        const role = kioskSignerRoles.find((r) => r === p.role);
        if (role && !found && matchesParty(p, query.name, query.idLast4)) found = { c, signer: { role, index: p.index } };
      }
    }
    return found;
  }

  const limited = async (terminalId: string, reply: { header: (k: string, v: string) => unknown }): Promise<void> => {
    const retryAfterS = await limit.take(terminalId);
    if (retryAfterS > 0) {
      void reply.header('retry-after', String(retryAfterS));
      throw new HubError(429, 'RATE_LIMITED', 'Too many agreement lookups; try again later');
    }
  };

  app.post(KIOSK_AGREEMENT_PATH, async (request, reply): Promise<KioskAgreementAnswer> => {
    const terminalId = await authenticateTerminal(terminals, request);
    const query = parseOrThrow(SignerQuery, request.body, 'Agreement query');
    await limited(terminalId, reply);
    const match = await signerOf(query);
    // Only while signatures are being collected: a signed agreement is the court's document now.
    if (!match?.c.agreement || match.c.agreementEffectiveOn !== null || missingSigners(match.c).length === 0) return { found: false };
    const { c, signer } = match;
    const current = await agreements.current(scope, c.caseId, 'resident');
    if (!current) return { found: false };
    await audit.record(scope.db, auditor(terminalId), { action: 'agreement.viewed', outcome: 'ok', caseId: c.caseId, recordKind: 'document', recordId: current.documentId });
    return {
      found: true,
      agreement: { documentId: current.documentId, document: current.document, signer, signed: c.agreement!.signedBy.includes(signerKey(signer)), missing: missingSigners(c) },
    };
  });

  app.post(KIOSK_SIGNATURE_PATH, async (request, reply): Promise<KioskSignatureAnswer> => {
    const terminalId = await authenticateTerminal(terminals, request);
    const body = parseOrThrow(KioskSignatureRequest, request.body, 'Signature');
    if (!('mobile' in body)) await limited(terminalId, reply);
    const match = await signerOf(
      'mobile' in body ? { provisionalNumber: body.provisionalNumber, mobile: body.mobile } : { provisionalNumber: body.provisionalNumber, name: body.name, idLast4: body.idLast4 },
    );
    if (!match) throw new HubError(404, 'NOT_FOUND', 'No filing with that number and party');
    const { c, signer } = match;
    const refused = async (status: number, code: HubErrorCode, message: string): Promise<never> => refusedWith(new HubError(status, code, message));
    const refusedWith = async (err: HubError): Promise<never> => {
      await audit.record(scope.db, auditor(terminalId), { action: 'agreement.signed', outcome: 'denied', caseId: c.caseId, recordKind: 'reason', recordId: err.code });
      throw err;
    };
    if (c.agreement?.signedBy.includes(signerKey(signer))) {
      // a resend finishes an agreement whose last signature was kept and not yet completed
      if (awaitingCompletion(c)) afterAnswer(reply, () => agreements.finishSigned(scope, c.caseId), completionFailed(request));
      return { signed: true, complete: missingSigners(c).length === 0 };
    }
    if (!c.agreement || c.agreement.documentId !== body.documentId) return refused(422, hubErrorCodes.agreementChanged, 'The agreement signed is not the one waiting for signatures');
    try {
      const outcome = await agreements.sign(
        scope,
        c.caseId,
        { signer, method: 'kiosk', image: Buffer.from(body.imagePngBase64, 'base64'), expectedSeq: c.seq },
        { actor: { kind: 'terminal', terminalId }, siteId: null },
      );
      await audit.record(scope.db, auditor(terminalId), { action: 'agreement.signed', outcome: 'ok', caseId: c.caseId, recordKind: 'seq', recordId: String(outcome.case.seq) });
      // The last signature is answered once kept (the kiosk's outbox is done with it); the signed agreement is drawn after.
      if (outcome.finish) afterAnswer(reply, outcome.finish, completionFailed(request));
      return { signed: true, complete: missingSigners(outcome.case).length === 0 };
    } catch (err) {
      // A staff action in between moved the case on: the kiosk sends again and is judged on the new state.
      // (a malformed payload is the rules' 400, never "the case does not take it")
      if (err instanceof CaseRefusal)
        return refused(
          err.refusal.code === 'INVALID_PAYLOAD' ? 400 : err.refusal.status === 409 ? 409 : 422,
          err.refusal.code,
          err.refusal.code === 'INVALID_PAYLOAD' ? invalidMessages.INVALID_PAYLOAD : 'The case does not take this signature now',
        );
      // each code its own words and the field's i18n key (errors.signature.notPng is a reference refused, a schema's field a payload)
      if (err instanceof InvalidActionDetails) return refusedWith(invalidDetailsError(err));
      if (err instanceof NoDocumentFont) throw new HubError(503, 'DOCUMENTS_UNAVAILABLE', 'This hub cannot draw the signed agreement now');
      throw err;
    }
  });
}
