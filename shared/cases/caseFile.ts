import type { CaseEvent, CaseEventPayload, IntakeChannel } from './caseEvents.js';
import { confirmationApplyBy, courtDateOf, daysBetween as daysBetweenDates } from './deadlines.js';
import { initialState, nextState, openingEvent, sessionCanTakePlace, type CaseEventType, type CaseKind, type CaseState } from './lifecycle.js';

// A case's current state, derived from its events by one fold. The hub stores the result beside
// the events in the same transaction (its `cases` row); the rules in ./caseRules.ts read it to
// decide what may happen next; the console and the resident's status page show it. Rebuilding it
// from the log must give the same result as the stored row — a test proves that for every path.

export interface SessionFacts {
  sessionId: string;
  startsAt: string;
  mode: 'video' | 'in_person';
  siteId: string | null;
  place: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  /** The video call it was held on (absent otherwise, and in case files folded before it was kept here): one call holds one session. */
  callId?: string;
}

/**
 * A session as people read it: one still 'scheduled' once mediation has ended (the case left
 * in_mediation, the only state sessions are arranged and held in) was never held, and is shown so.
 */
export function sessionStanding(s: Pick<SessionFacts, 'status'>, state: CaseState): SessionFacts['status'] | 'not_held' {
  return s.status === 'scheduled' && !sessionCanTakePlace('dispute', state) ? 'not_held' : s.status;
}

export interface AgreementFacts {
  documentId: string;
  version: number;
  /** Signers of this version, as `role:index` (applicant:0, respondent:1, mediator:0 …). */
  signedBy: string[];
  /** When the latest signature of this version was kept (absent in case files folded before it was kept here). */
  lastSignedAt?: string;
}

export interface CaseFile {
  caseId: string;
  kind: CaseKind;
  state: CaseState;
  /** Seq of the last event; the next append must carry seq + 1. */
  seq: number;
  caseNumber: string | null;
  disputeType: string;
  channel: IntakeChannel | null;
  siteId: string | null;
  terminalId: string | null;
  submissionId: string | null;
  provisionalNumber: string | null;
  parties: { applicants: number; respondents: number };
  receivedAt: string;
  organisationId: string | null;
  mediator: string | null;
  divertedOn: string | null;
  mediationDueDate: string | null;
  mediationExtensions: number;
  sessions: SessionFacts[];
  agreement: AgreementFacts | null;
  agreementEffectiveOn: string | null;
  confirmationApplyBy: string | null;
  /** The linked 民特 case (on a dispute) or the dispute (on a confirmation or lawsuit). */
  confirmationCaseId: string | null;
  lawsuitCaseId: string | null;
  disputeCaseId: string | null;
  rulingDueDate: string | null;
  rulingExtensions: number;
  /** The event that settled the latest outcome (settled, failed, withdrawn, closed, refused): what `case.reopened` may void. */
  outcomeEventId: string | null;
  updatedAt: string;
}

/** What the fold needs of an event (a stored `CaseEvent` has all of it). */
export type FoldEvent = Pick<CaseEvent, 'eventId' | 'caseId' | 'caseKind' | 'seq' | 'type' | 'at' | 'siteId' | 'payload'>;

const outcomeEvents = new Set<CaseEventType>(['mediation.settled', 'mediation.failed', 'mediation.withdrawn', 'case.closed', 'confirmation.refused']);

const p = <T extends CaseEventType>(e: FoldEvent, _type: T) => e.payload as CaseEventPayload<T>;

/** The case a kind's opening event creates. */
function open(e: FoldEvent): CaseFile {
  const base: CaseFile = {
    caseId: e.caseId,
    kind: e.caseKind,
    state: initialState[e.caseKind],
    seq: e.seq,
    caseNumber: null,
    disputeType: 'other',
    channel: null,
    siteId: e.siteId,
    terminalId: null,
    submissionId: null,
    provisionalNumber: null,
    parties: { applicants: 1, respondents: 1 },
    receivedAt: e.at,
    organisationId: null,
    mediator: null,
    divertedOn: null,
    mediationDueDate: null,
    mediationExtensions: 0,
    sessions: [],
    agreement: null,
    agreementEffectiveOn: null,
    confirmationApplyBy: null,
    confirmationCaseId: null,
    lawsuitCaseId: null,
    disputeCaseId: null,
    rulingDueDate: null,
    rulingExtensions: 0,
    outcomeEventId: null,
    updatedAt: e.at,
  };
  switch (e.type) {
    case 'case.received': {
      const r = p(e, 'case.received');
      return {
        ...base,
        disputeType: r.disputeType,
        channel: r.channel,
        terminalId: r.terminalId ?? null,
        submissionId: r.submissionId ?? null,
        provisionalNumber: r.provisionalNumber ?? null,
        parties: r.parties,
      };
    }
    case 'confirmation.opened': {
      const o = p(e, 'confirmation.opened');
      return {
        ...base,
        caseNumber: o.caseNumber,
        disputeCaseId: o.disputeCaseId,
        rulingDueDate: o.rulingDueDate,
        disputeType: o.disputeType ?? base.disputeType,
      };
    }
    case 'lawsuit.opened': {
      const o = p(e, 'lawsuit.opened');
      return { ...base, caseNumber: o.caseNumber, disputeCaseId: o.disputeCaseId, disputeType: o.disputeType ?? base.disputeType };
    }
    default:
      throw new Error(`${e.type} cannot open a case`);
  }
}

/** Applies one event the rules already allowed. Throws if the table does not allow it (a corrupt log). */
export function applyEvent(c: CaseFile | null, e: FoldEvent): CaseFile {
  if (c === null) {
    if (e.seq !== 1 || e.type !== openingEvent[e.caseKind]) throw new Error(`case ${e.caseId} must open with ${openingEvent[e.caseKind]} at seq 1`);
    return open(e);
  }
  if (e.seq !== c.seq + 1) throw new Error(`case ${c.caseId}: event seq ${e.seq} after ${c.seq}`);
  const state = nextState(c.kind, c.state, e.type);
  if (state === null) throw new Error(`case ${c.caseId}: ${e.type} not allowed in ${c.state}`);
  const next: CaseFile = { ...c, state, seq: e.seq, updatedAt: e.at };
  if (outcomeEvents.has(e.type)) next.outcomeEventId = e.eventId;

  switch (e.type) {
    case 'case.diverted': {
      const d = p(e, 'case.diverted');
      return {
        ...next,
        caseNumber: d.caseNumber,
        organisationId: d.organisationId,
        mediator: d.mediator ?? null,
        divertedOn: courtDateOf(new Date(e.at)),
        mediationDueDate: d.mediationDueDate,
      };
    }
    case 'case.filed_directly':
      return { ...next, lawsuitCaseId: p(e, 'case.filed_directly').lawsuitCaseId };
    case 'mediator.assigned': {
      const a = p(e, 'mediator.assigned');
      return { ...next, organisationId: a.organisationId, mediator: a.mediator };
    }
    case 'mediation.extended':
      return { ...next, mediationDueDate: p(e, 'mediation.extended').newDueDate, mediationExtensions: c.mediationExtensions + 1 };
    case 'session.scheduled': {
      const s = p(e, 'session.scheduled');
      const session: SessionFacts = {
        sessionId: s.sessionId,
        startsAt: s.startsAt,
        mode: s.mode,
        siteId: s.siteId ?? null,
        place: s.place ?? null,
        status: 'scheduled',
      };
      return { ...next, sessions: [...c.sessions, session] };
    }
    case 'session.held':
    case 'session.cancelled': {
      const { sessionId: id, callId } = e.payload as { sessionId: string; callId?: string };
      const status = e.type === 'session.held' ? 'held' : 'cancelled';
      return { ...next, sessions: c.sessions.map((s) => (s.sessionId === id ? { ...s, status, ...(callId ? { callId } : {}) } : s)) };
    }
    case 'agreement.drafted': {
      const a = p(e, 'agreement.drafted');
      return { ...next, agreement: { documentId: a.document.documentId, version: a.version, signedBy: [] } };
    }
    case 'agreement.signed': {
      const s = p(e, 'agreement.signed');
      const agreement = c.agreement!;
      return { ...next, agreement: { ...agreement, signedBy: [...agreement.signedBy, `${s.signer.role}:${s.signer.index}`], lastSignedAt: e.at } };
    }
    case 'agreement.completed': {
      const a = p(e, 'agreement.completed');
      return {
        ...next,
        agreement: { ...c.agreement!, documentId: a.document.documentId },
        agreementEffectiveOn: a.effectiveDate,
        confirmationApplyBy: a.confirmationApplyBy,
      };
    }
    case 'confirmation.applied': {
      const a = p(e, 'confirmation.applied');
      return { ...next, confirmationCaseId: a.confirmationCaseId, rulingDueDate: a.rulingDueDate };
    }
    case 'confirmation.extended':
      return { ...next, rulingDueDate: p(e, 'confirmation.extended').newDueDate, rulingExtensions: c.rulingExtensions + 1 };
    case 'case.filed_as_lawsuit':
      return { ...next, lawsuitCaseId: p(e, 'case.filed_as_lawsuit').lawsuitCaseId };
    case 'case.reopened': {
      // Back to mediation with a fresh agreement slate; the period keeps its due date (staff
      // extend it by agreement if it has run out).
      return { ...next, outcomeEventId: null, agreement: null, agreementEffectiveOn: null, confirmationApplyBy: null };
    }
    case 'case.reclassified':
      return { ...next, disputeType: p(e, 'case.reclassified').disputeType };
    default:
      return next;
  }
}

/** Rebuilds a case from its whole log (in seq order). */
export function foldCase(events: readonly FoldEvent[]): CaseFile {
  let c: CaseFile | null = null;
  for (const e of events) c = applyEvent(c, e);
  if (!c) throw new Error('a case has at least its opening event');
  return c;
}

/** Every signer an agreement needs: each applicant, each respondent, and the mediator. */
export function requiredSigners(c: Pick<CaseFile, 'parties'>): string[] {
  return [...Array.from({ length: c.parties.applicants }, (_, i) => `applicant:${i}`), ...Array.from({ length: c.parties.respondents }, (_, i) => `respondent:${i}`), 'mediator:0'];
}

/**
 * The court day the agreement was signed — the day of its last signature, which is the day it takes
 * effect and from which the 30 days to apply for confirmation run — even when the signed agreement
 * is drawn and stored later (the hub stopped between; the sweep finishes it the next day). A case
 * file folded before `lastSignedAt` was kept falls back to its last change.
 */
export function agreementSignedOn(c: Pick<CaseFile, 'agreement' | 'updatedAt'>): string {
  return courtDateOf(new Date(c.agreement?.lastSignedAt ?? c.updatedAt));
}

/** Signers still missing on the current agreement version (all of them if none is drafted). */
export function missingSigners(c: Pick<CaseFile, 'parties' | 'agreement'>): string[] {
  const signed = new Set(c.agreement?.signedBy ?? []);
  return requiredSigners(c).filter((s) => !signed.has(s));
}

/**
 * The time limit a case is running against now, if any: the one that matters in its state (work
 * lists sort by it; the case page, the resident's status and the overdue filter show it; overdue
 * shows red). In mediation, the mediation period; once settled, mediation is over and the limit
 * ahead is the 30 days to apply for confirmation, which run from the agreement's last signature —
 * so none while the agreement is still drafted or signed by only some; signed, those 30 days; in
 * confirmation, the ruling period; on an ended case, none.
 */
export interface RunningDeadline {
  kind: 'mediation' | 'confirmation_apply' | 'ruling';
  dueDate: string;
}

export type DeadlineFacts = Pick<CaseFile, 'state' | 'mediationDueDate' | 'confirmationApplyBy' | 'rulingDueDate' | 'agreement' | 'parties' | 'updatedAt'>;

export function runningDeadline(c: DeadlineFacts): RunningDeadline | null {
  const due = (kind: RunningDeadline['kind'], date: string | null) => (date ? { kind, dueDate: date } : null);
  switch (c.state) {
    case 'in_mediation':
      return due('mediation', c.mediationDueDate);
    case 'settled':
      // every signature in, the signed agreement being drawn (seconds, or a day if the hub stopped between)
      return c.agreement && missingSigners(c).length === 0 ? due('confirmation_apply', confirmationApplyBy(agreementSignedOn(c))) : null;
    case 'agreement_signed':
      return due('confirmation_apply', c.confirmationApplyBy);
    case 'in_confirmation':
    case 'confirmation_pending':
      return due('ruling', c.rulingDueDate);
    default:
      return null;
  }
}

/**
 * The running time limit with whether the court is past it on `today`. Only the court's own limits
 * can be overdue (mediation, ruling); the 30 days to apply for confirmation are the parties' to use.
 */
export function deadlineStatus(c: Parameters<typeof runningDeadline>[0], today: string): (RunningDeadline & { overdue: boolean }) | null {
  const d = runningDeadline(c);
  if (!d) return null;
  return { ...d, overdue: d.kind !== 'confirmation_apply' && daysBetweenDates(d.dueDate, today) > 0 };
}
