// The one rulebook of a case's life at the court (DESIGN §8). A case is an append-only sequence of
// events; its state is what this table makes of them, and the hub stores that state beside the
// events in the same transaction. The API refuses (409) any event this table does not allow from
// the case's current state, the console offers only the events it allows, and the tests walk it.
//
// Three kinds of case, each with its own number and log, linked to each other:
//   dispute       what a resident (or staff on their behalf) brought: received, then diverted to
//                 pre-litigation mediation (number 民诉前调 on diversion) or filed directly;
//   confirmation  司法确认 of a signed mediation agreement (number 民特), opened by a joint application;
//   lawsuit       民初, opened when a dispute is filed directly or after mediation fails. Its trial
//                 lives in the court's trial system; here it records that, and with what, it was filed.
//
// History-dependent conditions (an extension only once; a session must be scheduled before it is
// held; the confirmation window) are guards in ./caseRules.ts, beside this table, not in it.

export const caseKinds = ['dispute', 'confirmation', 'lawsuit'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const caseStates = [
  // dispute
  'received', // at the court, waiting for diversion or filing
  'in_mediation', // diverted to a mediation organisation (and, once assigned, a mediator)
  'settled', // mediation reached agreement; the agreement is being drafted and signed
  'agreement_signed', // every party and the mediator signed; confirmation may be applied for
  'in_confirmation', // a joint application for judicial confirmation is before a judge
  'confirmed', // the court confirmed the agreement (enforceable)
  'confirmation_refused', // the court refused to confirm it
  'failed', // mediation ended without agreement
  'withdrawn', // the applicant withdrew
  'filed', // filed as a lawsuit (directly, or after mediation failed)
  'closed', // ended here with nothing further for the court
  // confirmation (民特)
  'confirmation_pending',
  'confirmation_granted',
  'confirmation_denied',
  // lawsuit (民初)
  'lawsuit_filed',
] as const;
export type CaseState = (typeof caseStates)[number];

export const caseEventTypes = [
  // opening events (the first event of each kind of case)
  'case.received',
  'confirmation.opened',
  'lawsuit.opened',
  // dispute: diversion
  'case.diverted',
  'case.filed_directly',
  'mediator.assigned',
  // dispute: mediation
  'mediation.extended',
  'session.scheduled',
  'session.held',
  'session.cancelled',
  'mediation.settled',
  'mediation.failed',
  'mediation.withdrawn',
  // dispute: agreement
  'agreement.drafted',
  'agreement.signed',
  'agreement.completed',
  // dispute ⇄ confirmation
  'confirmation.applied',
  'confirmation.extended',
  'confirmation.confirmed',
  'confirmation.refused',
  // dispute: after
  'case.filed_as_lawsuit',
  'case.closed',
  // corrections and annotations (never change what happened; say what was wrong or add to it)
  'case.reopened',
  'case.reclassified',
  'event.corrected',
  'note.added',
  // rooms and calls (video sessions, multi-party rooms, recordings, signed records)
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
  // online hearings (在线庭审) held in a room by a judge (shared/rooms/hearing.ts)
  'hearing.opened',
  'floor.given',
  'hearing.closed',
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];

/** The event that opens each kind of case; nothing else may be a case's first event. */
export const openingEvent: Record<CaseKind, CaseEventType> = {
  dispute: 'case.received',
  confirmation: 'confirmation.opened',
  lawsuit: 'lawsuit.opened',
};

/** Where an opening event puts a new case. */
export const initialState: Record<CaseKind, CaseState> = {
  dispute: 'received',
  confirmation: 'confirmation_pending',
  lawsuit: 'lawsuit_filed',
};

/** `'stay'`: allowed, the state does not change. */
type Target = CaseState | 'stay';
type Table = Partial<Record<CaseState, Partial<Record<CaseEventType, Target>>>>;

/** Annotations allowed on any case that is still open at the court. */
const annotations = { 'note.added': 'stay', 'event.corrected': 'stay', 'case.reclassified': 'stay' } as const;
/** Room events: a video session or a multi-party room can run whenever mediators work on the case. */
const roomEvents = {
  'room.opened': 'stay',
  'room.joined': 'stay',
  'room.admitted': 'stay',
  'room.left': 'stay',
  'room.media.interrupted': 'stay',
  'room.closed': 'stay',
  'recording.requested': 'stay',
  'recording.consented': 'stay',
  'recording.refused': 'stay',
  'recording.started': 'stay',
  'recording.stopped': 'stay',
  'recording.deleted': 'stay',
  'recording.stored': 'stay',
  'record.signed': 'stay',
} as const;
/** A hearing in a room: where a judge sits on the case (mediation the court guides, a confirmation's questioning). */
const hearingEvents = { 'hearing.opened': 'stay', 'floor.given': 'stay', 'hearing.closed': 'stay' } as const;
/**
 * The facts of a room that already happened while the case was open, which may arrive after it moved
 * on and must never be refused (and so lost): a record the parties sign days after the hearing, a
 * recording that stops or is stored after the case moved on, the retention sweep's deletion a year later.
 */
const lateRoomFacts = { 'record.signed': 'stay', 'recording.stopped': 'stay', 'recording.stored': 'stay', 'recording.deleted': 'stay' } as const;
/** On a case that has ended here, only notes and corrections remain (and the late facts of its rooms). */
const afterwards = { 'note.added': 'stay', 'event.corrected': 'stay', ...lateRoomFacts } as const;

export const transitions: Record<CaseKind, Table> = {
  dispute: {
    received: {
      ...annotations,
      ...roomEvents, // a resident may be talking to staff by video before diversion
      'case.diverted': 'in_mediation',
      'case.filed_directly': 'filed',
      'mediation.withdrawn': 'withdrawn',
    },
    in_mediation: {
      ...annotations,
      ...roomEvents,
      ...hearingEvents,
      'mediator.assigned': 'stay',
      'mediation.extended': 'stay',
      'session.scheduled': 'stay',
      'session.held': 'stay',
      'session.cancelled': 'stay',
      'mediation.settled': 'settled',
      'mediation.failed': 'failed',
      'mediation.withdrawn': 'withdrawn',
      // a party may ask for the lawsuit at any time during mediation (it is voluntary)
      'case.filed_as_lawsuit': 'filed',
    },
    settled: {
      ...annotations,
      ...roomEvents,
      ...hearingEvents,
      'agreement.drafted': 'stay',
      'agreement.signed': 'stay',
      'agreement.completed': 'agreement_signed',
      // recorded in error (no agreement after all): back to mediation, the settlement voided
      'case.reopened': 'in_mediation',
    },
    agreement_signed: {
      ...annotations,
      ...lateRoomFacts,
      'confirmation.applied': 'in_confirmation',
      'case.closed': 'closed', // performed, or the parties do not want confirmation
    },
    in_confirmation: {
      // notes and corrections, not a new dispute type: the judge rules on the agreement as mediated
      ...afterwards,
      // the judge's extension of the ruling period is recorded on the 民特 case and the dispute alike
      'confirmation.extended': 'stay',
      'confirmation.confirmed': 'confirmed',
      'confirmation.refused': 'confirmation_refused',
    },
    confirmed: { ...afterwards },
    confirmation_refused: {
      ...afterwards,
      // Art. 206: after a refusal the parties may mediate again or sue
      'case.filed_as_lawsuit': 'filed',
      'case.reopened': 'in_mediation',
      'case.closed': 'closed',
    },
    failed: {
      ...afterwards,
      'case.filed_as_lawsuit': 'filed',
      'case.closed': 'closed',
      'case.reopened': 'in_mediation', // outcome recorded in error, or the parties resume
    },
    withdrawn: { ...afterwards, 'case.reopened': 'in_mediation' },
    filed: { ...afterwards },
    closed: { ...afterwards, 'case.reopened': 'in_mediation' },
  },
  confirmation: {
    confirmation_pending: {
      ...afterwards, // its dispute type is the mediated dispute's: not changed here
      ...roomEvents, // a judge may question the parties by video
      ...hearingEvents,
      'confirmation.extended': 'stay',
      'confirmation.confirmed': 'confirmation_granted',
      'confirmation.refused': 'confirmation_denied',
    },
    confirmation_granted: { ...afterwards },
    confirmation_denied: { ...afterwards },
  },
  lawsuit: {
    lawsuit_filed: { ...afterwards },
  },
};

/**
 * Why a dispute may be closed, by where it stands: a signed agreement is performed or no
 * confirmation is wanted; a failed mediation or a refused confirmation is not pursued. "Other"
 * (with the reason staff must give) fits every one. The console offers these; the API refuses others.
 */
export const closeCauses = {
  agreement_signed: ['performed', 'no_confirmation_wanted', 'other'],
  failed: ['not_pursued', 'other'],
  confirmation_refused: ['not_pursued', 'other'],
} as const satisfies Partial<Record<CaseState, readonly string[]>>;

export function closeCausesFor(state: CaseState): readonly string[] {
  return (closeCauses as Partial<Record<CaseState, readonly string[]>>)[state] ?? [];
}

/** Where `event` takes a case of `kind` in `state`, or null if the table does not allow it. */
export function nextState(kind: CaseKind, state: CaseState, event: CaseEventType): CaseState | null {
  const target = transitions[kind][state]?.[event];
  if (target === undefined) return null;
  return target === 'stay' ? state : target;
}

/** The events the table allows now, in table order (the console offers these, filtered by role). */
export function allowedEvents(kind: CaseKind, state: CaseState): CaseEventType[] {
  return Object.keys(transitions[kind][state] ?? {}) as CaseEventType[];
}

/**
 * Whether a mediation session can take place on a case now: where the table takes a session held
 * (a dispute in mediation). The console offers the session's invitation only then, the API refuses
 * one elsewhere, and a session still arranged when the case moves on reads as not held.
 */
export function sessionCanTakePlace(kind: CaseKind, state: CaseState): boolean {
  return nextState(kind, state, 'session.held') !== null;
}

/** States from which nothing but notes and corrections can happen. */
export function isFinal(kind: CaseKind, state: CaseState): boolean {
  return allowedEvents(kind, state).every((e) => e in afterwards || e === 'case.reopened');
}

/** The kind of case each state belongs to (a state is never shared between kinds). */
export function kindOfState(state: CaseState): CaseKind {
  for (const kind of caseKinds) if (state in transitions[kind]) return kind;
  throw new Error(`state ${state} belongs to no kind`);
}
