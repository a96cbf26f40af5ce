import { randomUUID } from 'node:crypto';
import type { MediationApplication } from '../../shared/application.js';
import { caseCommands, type CaseActionRequest, type CaseCommand, type CommandType } from '../../shared/cases/caseCommands.js';
import type { CaseEventPayload, DocumentRef, EventActor } from '../../shared/cases/caseEvents.js';
import { agreementSignedOn, type CaseFile } from '../../shared/cases/caseFile.js';
import { precheck, type DecisionContext } from '../../shared/cases/caseRules.js';
import { addDays, confirmationApplyBy, courtDateOf, mediationDueDate, rulingDueDate, sessionDayAllowed } from '../../shared/cases/deadlines.js';
import { closeCausesFor, type CaseKind } from '../../shared/cases/lifecycle.js';
import type { FieldIssue } from '../../shared/result.js';
import type { StaffScope } from '../../shared/staff/roles.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { Documents } from '../documents/documentStore.js';
import type { AccountStore } from '../staff/accountStore.js';
import type { SiteStore } from '../sites/siteStore.js';
import type { AppendedEvent } from './appendListener.js';
import { CaseNotFound, CaseRefusal, type AppendProposal, type CaseStore } from './caseStore.js';
import type { PartyStore } from './partyStore.js';

// Every path of a dispute's life, as staff ask for it (shared/cases/caseCommands.ts), turned into
// the events the case store appends — in one transaction per request. What the court decides by
// rule is filled in here (due dates, the linked case an action opens and its number, a document's
// hash and size, session ids); whether the step is allowed is decided by `decide()` in the store,
// before anything linked is opened (its table, role and scope part, `precheck`) and again in full.
//   divert                 → 民诉前调 number, 30-day period
//   file directly / file as a lawsuit → opens the 民初 case carrying the dispute's parties, application and documents
//   confirmation applied   → opens the 民特 case (linked both ways), 15-day ruling period
//   ruling extended / confirmed / refused → appended to the 民特 case and the dispute alike

/**
 * An action's details refused before the rules see them (400): an organisation, mediator, site,
 * session, call or document that does not exist or does not fit (INVALID_REFERENCE), or a field
 * missing or malformed for the command's schema (INVALID_PAYLOAD); each issue an i18n key the
 * console says by the field's label.
 */
export class InvalidActionDetails extends Error {
  constructor(
    readonly issues: FieldIssue[],
    readonly code: 'INVALID_REFERENCE' | 'INVALID_PAYLOAD' = 'INVALID_REFERENCE',
  ) {
    super(code === 'INVALID_PAYLOAD' ? 'invalid payload' : 'invalid reference');
    this.name = 'InvalidActionDetails';
  }
}

/** What a refused field was: missing ('errors.field.required'), else malformed ('errors.field.invalid'); a schema's own key is kept. */
export function payloadIssues(payload: unknown, issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code: string; keys?: string[] }>): FieldIssue[] {
  const at = (path: ReadonlyArray<PropertyKey>) => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), payload);
  return issues.slice(0, 20).flatMap((i) => {
    // a field the command does not take: named, so it can be dropped
    if (i.code === 'unrecognized_keys') return (i.keys ?? []).map((k) => ({ path: ['payload', ...i.path, k].map(String).join('.'), message: 'errors.field.unexpected' }));
    const message = i.message.startsWith('errors.') ? i.message : at(i.path) === undefined ? 'errors.field.required' : 'errors.field.invalid';
    return [{ path: ['payload', ...i.path].map(String).join('.'), message }];
  });
}
const invalid = (path: string, message: string): never => {
  throw new InvalidActionDetails([{ path: `payload.${path}`, message }]);
};

/** What the hub knows of a call record (server/signalling): a video session names the call it was held on. */
export interface CallFacts {
  submissionId: string | null;
  mediator: string | null;
  answeredAt: string | null;
}

export interface CaseActionDeps {
  store: CaseStore;
  parties: PartyStore;
  documents: Documents;
  sites: SiteStore;
  accounts: AccountStore;
  call: (callId: string) => Promise<CallFacts | null> | CallFacts | null;
  now: () => Date;
}

/** Who acts, as the rules see them. */
export interface Acting {
  actor: EventActor;
  /** The actor's names are already filled in, from this transaction (./actorNames.ts): not looked up again. */
  actorNamed?: boolean;
  scope?: StaffScope;
  /** Where they are (a staff member's or terminal's site). */
  siteId: string | null;
}

export interface ActionOutcome {
  case: CaseFile;
  appended: AppendedEvent[];
}

export function caseActions(deps: CaseActionDeps) {
  const { store, parties, documents, sites, accounts } = deps;
  const today = () => courtDateOf(deps.now());
  const ctxOf = (who: Acting): DecisionContext => ({ today: today(), ...(who.scope ? { scope: who.scope } : {}) });

  async function documentRef(trx: DbScope, caseIds: Array<string | null>, documentId: string, kinds: string[], path: string): Promise<DocumentRef> {
    for (const caseId of caseIds) {
      if (!caseId) continue;
      const doc = await documents.find(trx, caseId, documentId);
      if (doc && kinds.includes(doc.kind)) return doc.ref;
    }
    return invalid(path, 'errors.document.unknown');
  }

  async function mediatorOf(trx: DbScope, organisationId: string, mediator: string | undefined): Promise<void> {
    const org = await sites.organisation(trx, organisationId);
    if (!org || !org.active) invalid('organisationId', 'errors.organisation.unknown');
    if (mediator === undefined) return;
    const account = await accounts.account(trx, mediator);
    if (!account || !account.active || account.role !== 'mediator' || account.organisationId !== organisationId) invalid('mediator', 'errors.mediator.unknown');
  }

  /** Opens the 民初 case a dispute is filed as, carrying its parties, application and documents. */
  async function openLawsuit(trx: DbScope, c: CaseFile, route: CaseEventPayload<'lawsuit.opened'>['route'], who: Acting): Promise<AppendedEvent> {
    const carried = (await documents.list(trx, c.caseId)).map((d) => ({ documentId: d.documentId, sha256: d.sha256, size: d.size }));
    const opened = await store.open(trx, 'lawsuit', { ...who, type: 'lawsuit.opened', payload: { disputeCaseId: c.caseId, route, carried, disputeType: c.disputeType } }, ctxOf(who));
    await parties.carry(trx, c.caseId, opened.after.caseId, opened.event.at);
    return opened;
  }

  /** The dispute and its 民特 case, from either of them. */
  async function confirmationPair(trx: DbScope, c: CaseFile): Promise<{ dispute: CaseFile; confirmation: CaseFile }> {
    const otherId = c.kind === 'dispute' ? c.confirmationCaseId : c.disputeCaseId;
    const other = otherId ? await store.load(trx, otherId, true) : null;
    if (!other) invalid('type', 'errors.confirmation.none');
    return c.kind === 'dispute' ? { dispute: c, confirmation: other! } : { dispute: other!, confirmation: c };
  }

  type Step = { caseId: string; payload: unknown };
  /** The appends one command makes (in order), after opening whatever it needs. */
  async function plan(trx: DbScope, c: CaseFile, type: CommandType, command: unknown, who: Acting, opened: AppendedEvent[], call: CallFacts | null): Promise<Step[]> {
    const on = (payload: unknown): Step[] => [{ caseId: c.caseId, payload }];
    const cmd = <T extends CommandType>(_t: T) => command as CaseCommand<T>;
    switch (type) {
      case 'case.closed': {
        // a cause that does not fit where the case stands (performed, after a failed mediation) is refused;
        // a state the table does not close from is left to the rules (409)
        const fits = closeCausesFor(c.state);
        if (fits.length > 0 && !fits.includes(cmd('case.closed').cause)) invalid('cause', 'errors.close.cause');
        return on(command);
      }
      case 'case.diverted': {
        const d = cmd('case.diverted');
        await mediatorOf(trx, d.organisationId, d.mediator);
        return on({ ...d, mediationDueDate: mediationDueDate(today()) }); // the store allocates caseNumber
      }
      case 'mediator.assigned': {
        const a = cmd('mediator.assigned');
        const organisationId = a.organisationId ?? c.organisationId ?? invalid('organisationId', 'errors.organisation.unknown');
        await mediatorOf(trx, organisationId, a.mediator);
        return on({ organisationId, mediator: a.mediator });
      }
      case 'mediation.extended': {
        const e = cmd('mediation.extended');
        return on({ ...e, newDueDate: addDays(c.mediationDueDate ?? today(), e.days) });
      }
      case 'session.scheduled': {
        const s = cmd('session.scheduled');
        if (!sessionDayAllowed(s.startsAt, today())) invalid('startsAt', 'errors.session.past');
        if (s.siteId && !(await sites.site(trx, s.siteId))?.active) invalid('siteId', 'errors.site.unknown');
        return on({ ...s, sessionId: randomUUID() });
      }
      case 'session.held': {
        const h = cmd('session.held');
        const session = c.sessions.find((s) => s.sessionId === h.sessionId);
        if (!session) return on({ ...h, mode: 'in_person' }); // the rules refuse it: SESSION_NOT_SCHEDULED
        if (session.mode === 'video') {
          if (!h.callId) invalid('callId', 'errors.call.required');
          if (!call) invalid('callId', 'errors.call.unknown');
          if (!call!.answeredAt || !call!.mediator || call!.submissionId !== c.submissionId) invalid('callId', 'errors.call.notThisCase');
        }
        return on({ ...h, mode: session.mode });
      }
      case 'agreement.drafted': {
        const ref = await documentRef(trx, [c.caseId], cmd('agreement.drafted').documentId, ['agreement_draft'], 'documentId');
        const doc = await documents.find(trx, c.caseId, ref.documentId);
        return on({ document: ref, version: doc!.version });
      }
      case 'agreement.completed': {
        const ref = await documentRef(trx, [c.caseId], cmd('agreement.completed').documentId, ['agreement_signed'], 'documentId');
        // in force from the day of the last signature, not the day the signed agreement was drawn
        const signedOn = agreementSignedOn(c);
        return on({ document: ref, effectiveDate: signedOn, confirmationApplyBy: confirmationApplyBy(signedOn) });
      }
      case 'case.filed_directly': {
        const lawsuit = await openLawsuit(trx, c, 'direct', who);
        opened.push(lawsuit);
        return on({ reason: cmd('case.filed_directly').reason, lawsuitCaseId: lawsuit.after.caseId, lawsuitCaseNumber: lawsuit.after.caseNumber });
      }
      case 'case.filed_as_lawsuit': {
        const route = c.state === 'failed' ? 'after_mediation' : c.state === 'confirmation_refused' ? 'after_refusal' : 'party_request';
        const lawsuit = await openLawsuit(trx, c, route, who);
        opened.push(lawsuit);
        return on({ lawsuitCaseId: lawsuit.after.caseId, lawsuitCaseNumber: lawsuit.after.caseNumber, route });
      }
      case 'confirmation.applied': {
        const due = rulingDueDate(today());
        const conf = await store.open(
          trx,
          'confirmation',
          {
            ...who,
            type: 'confirmation.opened',
            payload: { disputeCaseId: c.caseId, rulingDueDate: due, disputeType: c.disputeType },
          },
          ctxOf(who),
        );
        await parties.carry(trx, c.caseId, conf.after.caseId, conf.event.at);
        opened.push(conf);
        return on({ confirmationCaseId: conf.after.caseId, caseNumber: conf.after.caseNumber, rulingDueDate: due });
      }
      case 'confirmation.extended': {
        const { dispute, confirmation } = await confirmationPair(trx, c);
        const days = cmd('confirmation.extended').days;
        const payload = { days, newDueDate: addDays(confirmation.rulingDueDate ?? today(), days) };
        return [
          { caseId: confirmation.caseId, payload },
          { caseId: dispute.caseId, payload },
        ];
      }
      case 'confirmation.confirmed':
      case 'confirmation.refused': {
        const { dispute, confirmation } = await confirmationPair(trx, c);
        const document = await documentRef(trx, [confirmation.caseId, dispute.caseId], (command as { documentId: string }).documentId, ['ruling'], 'documentId');
        return [
          { caseId: confirmation.caseId, payload: { document } },
          { caseId: dispute.caseId, payload: { document } },
        ];
      }
      case 'event.corrected': {
        const e = cmd('event.corrected');
        if (!(await store.event(trx, c.caseId, e.correctsEventId))) invalid('correctsEventId', 'errors.event.unknown');
        return on(e);
      }
      case 'recording.stored':
      case 'record.signed': {
        const { documentId, ...rest } = command as { documentId: string };
        return on({ ...rest, document: await documentRef(trx, [c.caseId], documentId, ['recording', 'record'], 'documentId') });
      }
      default:
        return on(command);
    }
  }

  return {
    /**
     * Whether `who` may take a step of `type` on `c` now, as far as the rules can tell before its
     * payload (a stale view, the role, the scope, the table). Throws CaseRefusal. A step that draws a
     * document asks first, so a refused step spends no time drawing; `act` decides again.
     */
    allowed(c: CaseFile, type: CommandType, expectedSeq: number | undefined, who: Acting): void {
      const first = precheck(c, { type, payload: undefined, actor: who.actor, ...(expectedSeq === undefined ? {} : { expectedSeq }) }, ctxOf(who));
      if (!first.ok) throw new CaseRefusal(first.refusal, c);
    },

    /** Staff act on a case (POST /api/v1/cases/:id/events). Throws CaseNotFound, CaseRefusal, InvalidActionDetails. */
    async act(scope: DbScope, caseId: string, request: CaseActionRequest, who: Acting): Promise<ActionOutcome> {
      // The call a video session was held on is read before the transaction: on SQLite the hub has
      // one connection, and a read beside an open transaction waits for it forever.
      const callId = request.type === 'session.held' ? (request.payload as { callId?: unknown } | null | undefined)?.callId : undefined;
      const call = typeof callId === 'string' && callId.length <= 80 ? await deps.call(callId) : null;
      return inTransaction(scope, async (trx) => {
        const c = await store.load(trx, caseId, true);
        if (!c) throw new CaseNotFound(caseId);
        const proposal: AppendProposal = { type: request.type, payload: undefined, actor: who.actor, expectedSeq: request.expectedSeq, reason: request.reason ?? null, siteId: who.siteId };
        const first = precheck(c, proposal, ctxOf(who));
        if (!first.ok) throw new CaseRefusal(first.refusal, c);
        const parsed = caseCommands[request.type].safeParse(request.payload);
        if (!parsed.success) throw new InvalidActionDetails(payloadIssues(request.payload, parsed.error.issues), 'INVALID_PAYLOAD');
        const appended: AppendedEvent[] = [];
        const steps = await plan(trx, c, request.type, parsed.data, who, appended, call);
        for (const step of steps) {
          const primary = step.caseId === c.caseId;
          appended.push(await store.append(trx, step.caseId, { ...proposal, payload: step.payload, expectedSeq: primary ? request.expectedSeq : undefined }, ctxOf(who)));
        }
        if (request.type === 'agreement.signed') {
          const s = parsed.data as CaseCommand<'agreement.signed'>;
          await documents.recordSignature(trx, {
            documentId: s.documentId,
            signerRole: s.signer.role,
            signerIndex: s.signer.index,
            method: s.method,
            signatureSha256: s.signatureSha256,
            signedAt: appended.at(-1)!.event.at,
          });
        }
        const now = appended.filter((a) => a.after.caseId === c.caseId).at(-1)!.after;
        return { case: now, appended };
      });
    },

    /** A dispute received (at a kiosk, a counter or the court): the case, its parties and application. */
    async receive(
      scope: DbScope,
      r: {
        channel: 'kiosk' | 'counter' | 'court';
        application: MediationApplication;
        /** The application already sealed with the hub's vault (an intake's): kept, not sealed again. */
        applicationSealed?: string | undefined;
        who: Acting;
        siteId: string | null;
        submissionId?: string;
        provisionalNumber?: string;
        terminalId?: string;
      },
    ): Promise<ActionOutcome> {
      return inTransaction(scope, async (trx) => {
        const a = r.application;
        const payload: CaseEventPayload<'case.received'> = {
          channel: r.channel,
          disputeType: a.disputeType,
          ...(r.submissionId ? { submissionId: r.submissionId } : {}),
          ...(r.provisionalNumber ? { provisionalNumber: r.provisionalNumber } : {}),
          ...(r.terminalId ? { terminalId: r.terminalId } : {}),
          mediationConsent: a.consents.onlineMediation.accepted,
          parties: { applicants: 1, respondents: a.respondents.length },
        };
        const opened = await store.open(trx, 'dispute' satisfies CaseKind, { ...r.who, type: 'case.received', payload, siteId: r.siteId }, ctxOf(r.who));
        await parties.record(trx, opened.after.caseId, a, opened.event.at, r.applicationSealed);
        return { case: opened.after, appended: [opened] };
      });
    },
  };
}
export type CaseActions = ReturnType<typeof caseActions>;
