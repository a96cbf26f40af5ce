import { randomUUID } from 'node:crypto';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import { missingSigners } from '../../shared/cases/caseFile.js';
import { addDays, isOverdue, sessionStarted } from '../../shared/cases/deadlines.js';
import { allowedEvents, isFinal, type CaseEventType } from '../../shared/cases/lifecycle.js';
import { courtDay } from '../../shared/courtTime.js';
import { disputeTypes } from '../../shared/disputeTypes.js';
import type { Rng } from '../fault/prng.js';
import type { CaseEventWriter } from '../../server/demo/historyWriter.js';
import { receivedPayload } from './receivedCase.js';

// Random but lawful case histories for the aggregates' recount test: many cases walked through
// the rulebook at once, interleaved, over months (so days and months both roll over), with the
// corrections that make counting hard — outcomes voided as recorded in error, reopenings that
// resume, reclassification, reassignment to another organisation — and the 民特 case that repeats
// a ruling on its own log.

export interface CourtFixture {
  sites: string[];
  /** Organisation id → its mediators' usernames. */
  organisations: Record<string, string[]>;
}

let serial = 0;
const caseNumber = (code: string) => `（2026）甘0103${code}${++serial}号`;
const doc = () => ({ documentId: randomUUID(), sha256: randomUUID().replaceAll('-', '').repeat(2), size: 2048 });

/** A payload for `type` that the rules accept on case `c` today (at `now`), or null if this walk does not take it now. */
function payloadFor(type: CaseEventType, c: CaseFile, day: string, now: string, rng: Rng, court: CourtFixture): unknown {
  const orgs = Object.keys(court.organisations);
  const pickMediator = (org: string) => rng.pick(court.organisations[org]!);
  switch (type) {
    case 'case.diverted': {
      const org = rng.pick(orgs);
      return {
        caseNumber: caseNumber('民诉前调'),
        organisationId: org,
        ...(rng.chance(0.7) ? { mediator: pickMediator(org) } : {}),
        consent: { method: 'application' },
        mediationDueDate: addDays(day, 30),
      };
    }
    case 'case.filed_directly':
      return { reason: 'refused_mediation', lawsuitCaseId: randomUUID(), lawsuitCaseNumber: caseNumber('民初') };
    case 'mediator.assigned': {
      const org = rng.chance(0.7) && c.organisationId ? c.organisationId : rng.pick(orgs);
      return { organisationId: org, mediator: pickMediator(org) };
    }
    case 'mediation.extended':
      if (c.mediationExtensions > 0 || !c.mediationDueDate || isOverdue(c.mediationDueDate, day)) return null;
      return { days: 15, newDueDate: addDays(c.mediationDueDate, 15), agreedBy: { applicant: true, respondent: true } };
    case 'session.scheduled':
      return { sessionId: randomUUID(), startsAt: `${addDays(day, 2)}T02:00:00Z`, mode: rng.chance(0.6) ? 'video' : 'in_person' };
    case 'session.held': {
      const s = c.sessions.find((x) => x.status === 'scheduled' && sessionStarted(x.startsAt, now));
      return s ? { sessionId: s.sessionId, mode: s.mode, minutes: rng.int(0, 90) } : null;
    }
    case 'session.cancelled': {
      const s = c.sessions.find((x) => x.status === 'scheduled');
      return s ? { sessionId: s.sessionId } : null;
    }
    case 'mediation.settled':
      return {};
    case 'mediation.failed':
      return { cause: 'no_agreement' };
    case 'mediation.withdrawn':
      return {};
    case 'agreement.drafted':
      return c.agreement ? null : { document: doc(), version: 1 };
    case 'agreement.signed': {
      const missing = missingSigners(c);
      if (!c.agreement || missing.length === 0) return null;
      const [role, index] = missing[0]!.split(':') as [string, string];
      return { documentId: c.agreement.documentId, signer: { role, index: Number(index) }, method: 'kiosk', signatureSha256: 'b'.repeat(64) };
    }
    case 'agreement.completed':
      if (!c.agreement || missingSigners(c).length > 0) return null;
      return { document: { ...doc(), documentId: c.agreement.documentId }, effectiveDate: day, confirmationApplyBy: addDays(day, 30) };
    case 'confirmation.applied':
      if (c.confirmationApplyBy && isOverdue(c.confirmationApplyBy, day)) return null;
      return { confirmationCaseId: randomUUID(), caseNumber: caseNumber('民特'), rulingDueDate: addDays(day, 15) };
    case 'confirmation.confirmed':
    case 'confirmation.refused':
      return { document: doc() };
    case 'case.filed_as_lawsuit':
      return { lawsuitCaseId: randomUUID(), lawsuitCaseNumber: caseNumber('民初'), route: c.state === 'in_mediation' ? 'party_request' : 'after_mediation' };
    case 'case.closed':
      return { cause: 'performed' };
    case 'case.reopened':
      if (rng.chance(0.6) && c.outcomeEventId) return { cause: 'recorded_in_error', voidsEventId: c.outcomeEventId };
      return c.state === 'settled' ? null : { cause: 'resumed' };
    case 'case.reclassified':
      return { disputeType: rng.pick(disputeTypes) };
    case 'note.added':
      return { text: '备注' };
    default:
      return null; // rooms, corrections: not counted, not walked
  }
}

/** How often each event is taken when the rules allow it (unlisted: never). */
const weights: Partial<Record<CaseEventType, number>> = {
  'case.diverted': 8,
  'case.filed_directly': 3,
  'mediator.assigned': 1,
  'mediation.extended': 1,
  'session.scheduled': 3,
  'session.held': 4,
  'session.cancelled': 1,
  'mediation.settled': 4,
  'mediation.failed': 2,
  'mediation.withdrawn': 1,
  'agreement.drafted': 6,
  'agreement.signed': 8,
  'agreement.completed': 8,
  'confirmation.applied': 3,
  'confirmation.confirmed': 4,
  'confirmation.refused': 1,
  'case.filed_as_lawsuit': 2,
  'case.closed': 2,
  'case.reopened': 2,
  'case.reclassified': 1,
  'note.added': 1,
};

export interface WalkResult {
  events: number;
  cases: number;
  voided: number;
}

/**
 * Opens `cases` disputes over `days` days from `startDay` and walks them, interleaved, until
 * `maxEvents` events are appended or every case has ended.
 */
export async function walkCases(writer: CaseEventWriter, rng: Rng, court: CourtFixture, o: { cases: number; startDay: string; days: number; maxEvents: number }): Promise<WalkResult> {
  const open: Array<{ id: string; file: CaseFile; clock: number }> = [];
  const start = Date.parse(`${o.startDay}T01:00:00Z`);
  let events = 0;
  let voided = 0;
  const opened = o.cases;
  for (let i = 0; i < opened; i++) {
    const at = start + Math.floor((i / opened) * o.days * 86_400_000);
    const r = await writer.append({
      caseId: null,
      kind: 'dispute',
      type: 'case.received',
      at: new Date(at).toISOString(),
      siteId: rng.pick(court.sites),
      payload: receivedPayload({ channel: rng.pick(['kiosk', 'counter', 'counter', 'court']), disputeType: rng.pick(disputeTypes) }),
    });
    events++;
    open.push({ id: r.event.caseId, file: r.after, clock: at });
  }
  while (open.length > 0 && events < o.maxEvents) {
    const index = rng.int(0, open.length - 1);
    const item = open[index]!;
    item.clock += rng.int(0, 6) * 86_400_000 + rng.int(0, 3_600_000);
    const day = courtDay(item.clock);
    const final = isFinal(item.file.kind, item.file.state);
    const choices = allowedEvents(item.file.kind, item.file.state)
      .filter((type) => weights[type] && !(final && type === 'note.added'))
      .map((type) => ({ type, payload: payloadFor(type, item.file, day, new Date(item.clock).toISOString(), rng, court) }))
      .filter((c) => c.payload !== null);
    if (choices.length === 0 || (final && rng.chance(0.5))) {
      open.splice(index, 1);
      continue;
    }
    const total = choices.reduce((sum, c) => sum + weights[c.type]!, 0);
    let roll = rng.next() * total;
    const choice = choices.find((c) => (roll -= weights[c.type]!) < 0) ?? choices[choices.length - 1]!;
    const at = new Date(item.clock).toISOString();
    // A linked case (民特, 民初) is opened first, as the case store does in the same transaction:
    // the dispute's row refers to it.
    const payload = choice.payload as Record<string, unknown>;
    if (choice.type === 'confirmation.applied') {
      const conf = await writer.append({
        caseId: null,
        kind: 'confirmation',
        type: 'confirmation.opened',
        at,
        payload: { disputeCaseId: item.id, caseNumber: payload.caseNumber, rulingDueDate: payload.rulingDueDate },
      });
      events++;
      payload.confirmationCaseId = conf.event.caseId;
      open.push({ id: conf.event.caseId, file: conf.after, clock: item.clock });
    }
    if (choice.type === 'case.filed_directly' || choice.type === 'case.filed_as_lawsuit') {
      const route = choice.type === 'case.filed_directly' ? 'direct' : payload.route;
      const suit = await writer.append({ caseId: null, kind: 'lawsuit', type: 'lawsuit.opened', at, payload: { disputeCaseId: item.id, caseNumber: payload.lawsuitCaseNumber, route, carried: [] } });
      events++;
      payload.lawsuitCaseId = suit.event.caseId;
    }
    const r = await writer.append({ caseId: item.id, type: choice.type, payload, at });
    events++;
    item.file = r.after;
    if (choice.type === 'case.reopened' && payload.cause === 'recorded_in_error') voided++;
  }
  return { events, cases: opened, voided };
}
