import { randomUUID } from 'node:crypto';
import type { CaseEventPayload } from '../../shared/cases/caseEvents.js';
import { applyEvent, type CaseFile, type FoldEvent } from '../../shared/cases/caseFile.js';

// A dispute as the court receives it, the opening every case test starts from: the
// `case.received` event (one applicant, one respondent, a neighbours' dispute filed at a kiosk in
// the court's hall on 2 March 2026) and the case file it opens. Tests override what they are about.

export type ReceivedPayload = CaseEventPayload<'case.received'>;

/** What a `case.received` event says: the channel, the dispute type and how many parties sign. */
export function receivedPayload(o: Partial<ReceivedPayload> = {}): ReceivedPayload {
  return { channel: 'kiosk', disputeType: 'neighbour', parties: { applicants: 1, respondents: 1 }, ...o };
}

/** A dispute's opening event, as the case fold reads it (a new case id each time). */
export function receivedEvent(o: Partial<Omit<FoldEvent, 'type'>> = {}): FoldEvent {
  return {
    eventId: randomUUID(),
    caseId: randomUUID(),
    caseKind: 'dispute',
    seq: 1,
    at: '2026-03-02T01:00:00.000Z',
    siteId: 'qlh-court-hall',
    payload: receivedPayload(),
    ...o,
    type: 'case.received',
  };
}

/** The case file `receivedEvent(o)` opens: state `received`, seq 1. */
export function receivedCase(o: Partial<Omit<FoldEvent, 'type'>> = {}): CaseFile {
  return applyEvent(null, receivedEvent(o));
}
