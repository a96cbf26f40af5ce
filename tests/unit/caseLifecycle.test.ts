import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  caseEventTypes,
  closeCausesFor,
  caseKinds,
  caseStates,
  isFinal,
  kindOfState,
  nextState,
  transitions,
  type CaseEventType,
  type CaseKind,
  type CaseState,
} from '../../shared/cases/lifecycle.js';

// The spec of the transition table written out a second time, by hand, as a court clerk would
// read it: every state, every event it allows and where that leads. The test compares all
// kind × state × event combinations against it, so a change to the table must be made here too.

/** What a room that already happened may still add once the case moved on (a late signature, a recording's stop, storage or deletion). */
const LATE: CaseEventType[] = ['record.signed', 'recording.stopped', 'recording.stored', 'recording.deleted'];
const NOTE: CaseEventType[] = ['note.added', 'event.corrected', ...LATE];
const ANNOTATE: CaseEventType[] = [...NOTE, 'case.reclassified'];
const ROOM: CaseEventType[] = [
  'room.opened',
  'room.joined',
  'room.admitted',
  'room.left',
  'room.media.interrupted',
  'room.closed',
  'recording.requested',
  'recording.consented',
  'recording.refused',
  'recording.started',
  'recording.stopped',
  'recording.deleted',
  'recording.stored',
  'record.signed',
];
/** A judge's hearing in a room: in mediation the court guides, and a confirmation's questioning; not before diversion. */
const HEARING: CaseEventType[] = ['hearing.opened', 'floor.given', 'hearing.closed'];
const stay = (events: CaseEventType[]): Record<string, 'stay'> => Object.fromEntries(events.map((e) => [e, 'stay' as const]));

const spec: Record<CaseKind, Partial<Record<CaseState, Record<string, CaseState | 'stay'>>>> = {
  dispute: {
    received: { ...stay([...ANNOTATE, ...ROOM]), 'case.diverted': 'in_mediation', 'case.filed_directly': 'filed', 'mediation.withdrawn': 'withdrawn' },
    in_mediation: {
      ...stay([...ANNOTATE, ...ROOM, ...HEARING, 'mediator.assigned', 'mediation.extended', 'session.scheduled', 'session.held', 'session.cancelled']),
      'mediation.settled': 'settled',
      'mediation.failed': 'failed',
      'mediation.withdrawn': 'withdrawn',
      'case.filed_as_lawsuit': 'filed',
    },
    settled: { ...stay([...ANNOTATE, ...ROOM, ...HEARING, 'agreement.drafted', 'agreement.signed']), 'agreement.completed': 'agreement_signed', 'case.reopened': 'in_mediation' },
    agreement_signed: { ...stay([...ANNOTATE, ...LATE]), 'confirmation.applied': 'in_confirmation', 'case.closed': 'closed' },
    // no new dispute type while a judge rules on the agreement as mediated
    in_confirmation: { ...stay([...NOTE, 'confirmation.extended']), 'confirmation.confirmed': 'confirmed', 'confirmation.refused': 'confirmation_refused' },
    confirmed: stay(NOTE),
    confirmation_refused: { ...stay(NOTE), 'case.filed_as_lawsuit': 'filed', 'case.reopened': 'in_mediation', 'case.closed': 'closed' },
    failed: { ...stay(NOTE), 'case.filed_as_lawsuit': 'filed', 'case.closed': 'closed', 'case.reopened': 'in_mediation' },
    withdrawn: { ...stay(NOTE), 'case.reopened': 'in_mediation' },
    filed: stay(NOTE),
    closed: { ...stay(NOTE), 'case.reopened': 'in_mediation' },
  },
  confirmation: {
    confirmation_pending: {
      ...stay([...NOTE, ...ROOM, ...HEARING, 'confirmation.extended']),
      'confirmation.confirmed': 'confirmation_granted',
      'confirmation.refused': 'confirmation_denied',
    },
    confirmation_granted: stay(NOTE),
    confirmation_denied: stay(NOTE),
  },
  lawsuit: { lawsuit_filed: stay(NOTE) },
};

describe('case life cycle: the transition table', () => {
  it('allows exactly the spec, for every kind, state and event (all others refused)', () => {
    let allowed = 0;
    let refused = 0;
    for (const kind of caseKinds) {
      for (const state of caseStates) {
        for (const event of caseEventTypes) {
          const want = spec[kind][state]?.[event];
          const expected = want === undefined ? null : want === 'stay' ? state : want;
          expect(nextState(kind, state, event), `${kind} ${state} + ${event}`).toBe(expected);
          if (expected === null) refused++;
          else allowed++;
        }
      }
    }
    expect(allowed).toBeGreaterThan(80);
    expect(refused).toBeGreaterThan(1000);
  });

  it('closes a case only for a cause that fits where it stands, from every state it may be closed in', () => {
    expect(closeCausesFor('agreement_signed')).toEqual(['performed', 'no_confirmation_wanted', 'other']);
    for (const state of ['failed', 'confirmation_refused'] as const) expect(closeCausesFor(state)).toEqual(['not_pursued', 'other']);
    const closable = caseStates.filter((state) => nextState('dispute', state, 'case.closed') !== null);
    for (const state of closable) expect(closeCausesFor(state).length, state).toBeGreaterThan(0);
  });

  it('refuses what the court would never do', () => {
    expect(nextState('dispute', 'received', 'mediation.settled')).toBeNull(); // settling a case never diverted
    expect(nextState('dispute', 'failed', 'confirmation.applied')).toBeNull(); // confirming a failed mediation
    expect(nextState('dispute', 'settled', 'confirmation.applied')).toBeNull(); // before the agreement is signed
    expect(nextState('dispute', 'filed', 'case.diverted')).toBeNull();
    expect(nextState('dispute', 'confirmed', 'case.reopened')).toBeNull(); // a confirmation is final
    expect(nextState('lawsuit', 'lawsuit_filed', 'case.diverted')).toBeNull();
  });

  it('belongs each state to one kind, and ends where only notes remain', () => {
    for (const kind of caseKinds) for (const state of Object.keys(transitions[kind]) as CaseState[]) expect(kindOfState(state)).toBe(kind);
    expect(isFinal('dispute', 'confirmed')).toBe(true);
    expect(isFinal('dispute', 'filed')).toBe(true);
    expect(isFinal('dispute', 'closed')).toBe(true);
    expect(isFinal('dispute', 'in_mediation')).toBe(false);
    expect(allowedEvents('dispute', 'agreement_signed')).toEqual(['note.added', 'event.corrected', 'case.reclassified', ...LATE, 'confirmation.applied', 'case.closed']);
  });
});
