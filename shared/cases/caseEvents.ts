import { z } from 'zod';
import { disputeTypes } from '../disputeTypes.js';
import { caseEventTypes, caseKinds, type CaseEventType } from './lifecycle.js';

// What each case event records (the payload schema per event type) and the envelope every event
// shares. Events hold references (ids, numbers, hashes), never a party's personal data: names, ID
// numbers and phone numbers live in the case's party records, encrypted, and every view of them
// is audited. The hub computes what the court decides by rule (case numbers, due dates) and
// writes it into the event, so a case's history reads the same whatever the rules become later.

export const EntityId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/);
export const CaseId = z.uuid();
/** A court calendar date (court time, UTC+8), YYYY-MM-DD. */
export const CourtDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A stored document (agreement, ruling, signed record, recording): its content hash is the proof. */
/**
 * Why a recording ended: asked to stop, someone left or joined unconsented, the room closed, ffmpeg
 * failed, or the hub running it died (closed by another instance or the next start; the partial
 * file is kept when it still plays, else `sha256` is null).
 */
export const recordingStopCauses = ['stopped', 'participant_changed', 'room_closed', 'failed', 'interrupted'] as const;

export const DocumentRef = z.strictObject({ documentId: z.uuid(), sha256: Sha256, size: z.int().positive() });
export type DocumentRef = z.infer<typeof DocumentRef>;

/** Where a dispute entered the court: a resident at a kiosk, staff at a remote service counter, or court filing staff. */
export const intakeChannels = ['kiosk', 'counter', 'court'] as const;
export type IntakeChannel = (typeof intakeChannels)[number];

export const partyRoles = ['applicant', 'respondent', 'agent', 'third_party'] as const;
export const signerRoles = [...partyRoles, 'mediator', 'judge', 'clerk'] as const;
export const signatureMethods = ['kiosk', 'desk', 'counter_tablet', 'join_page', 'paper_scan'] as const;
export const sessionModes = ['video', 'in_person'] as const;
export const roomKinds = ['call', 'mediation', 'joint_mediation', 'guidance', 'hearing'] as const;
export const roomRoles = ['judge', 'mediator', 'guiding_judge', 'applicant', 'respondent', 'agent', 'interpreter', 'clerk', 'observer'] as const;

/** A display name recorded with an event (a longer one is cut, never refused). */
const Name = z.string().max(120);
/**
 * The names of the organisation and mediator an event names by id, as they read when it was
 * appended: the hub fills them in (server/cases/actorNames.ts) and they are hashed with the event,
 * so a later rename changes no history. Events from before they were recorded have none.
 */
const DetailNames = { organisationName: Name.optional(), mediatorName: Name.optional() };

const lawsuitRoutes = ['direct', 'after_mediation', 'after_refusal', 'party_request'] as const;

export const caseEventPayloads = {
  'case.received': z.strictObject({
    channel: z.enum(intakeChannels),
    disputeType: z.enum(disputeTypes),
    /** The kiosk's or counter's submission UUID (its idempotency key); absent for cases staff enter at court. */
    submissionId: z.uuid().optional(),
    /** The resident's receipt number; it stays their reference for "check my case". */
    provisionalNumber: z.string().max(80).optional(),
    terminalId: EntityId.optional(),
    /** What the application said about online / pre-litigation mediation (staff still record consent on diversion). */
    mediationConsent: z.boolean().optional(),
    /** How many applicants and respondents: every one of them signs an agreement. */
    parties: z.strictObject({ applicants: z.int().min(1).max(20), respondents: z.int().min(1).max(20) }),
  }),
  'confirmation.opened': z.strictObject({
    disputeCaseId: CaseId,
    caseNumber: z.string().max(40),
    rulingDueDate: CourtDate,
    /** The mediated dispute's type, so the judge's case says what it is about (absent in logs before it was carried). */
    disputeType: z.enum(disputeTypes).optional(),
  }),
  'lawsuit.opened': z.strictObject({
    disputeCaseId: CaseId,
    caseNumber: z.string().max(40),
    route: z.enum(lawsuitRoutes),
    /** The dispute's type (absent in logs before it was carried). */
    disputeType: z.enum(disputeTypes).optional(),
    /** The dispute's documents that go with it, so the resident fills in nothing twice. */
    carried: z.array(DocumentRef).max(200),
  }),
  'case.diverted': z.strictObject({
    caseNumber: z.string().max(40),
    organisationId: EntityId,
    mediator: EntityId.optional(),
    ...DetailNames,
    /** How the resident's consent to pre-litigation mediation was given and recorded. */
    consent: z.strictObject({ method: z.enum(['application', 'in_person', 'phone', 'video']) }),
    mediationDueDate: CourtDate,
  }),
  'case.filed_directly': z.strictObject({
    reason: z.enum(['refused_mediation', 'excluded_by_law', 'unsuitable', 'other']),
    lawsuitCaseId: CaseId,
    lawsuitCaseNumber: z.string().max(40),
  }),
  'mediator.assigned': z.strictObject({ organisationId: EntityId, mediator: EntityId, ...DetailNames }),
  'mediation.extended': z.strictObject({
    days: z.int().min(1).max(30),
    newDueDate: CourtDate,
    /** Both parties agreed (人民法院在线调解规则: extension needs the parties' consent). */
    agreedBy: z.strictObject({ applicant: z.literal(true), respondent: z.literal(true) }),
  }),
  'session.scheduled': z.strictObject({
    sessionId: z.uuid(),
    startsAt: Instant,
    mode: z.enum(sessionModes),
    siteId: EntityId.optional(),
    /** The site's name as it read when the session was scheduled (like DetailNames). */
    siteName: Name.optional(),
    place: Text(200).optional(),
  }),
  'session.held': z.strictObject({
    sessionId: z.uuid(),
    mode: z.enum(sessionModes),
    minutes: z
      .int()
      .min(0)
      .max(24 * 60),
    notes: Text(4000).optional(),
    callId: z.string().max(80).optional(),
  }),
  'session.cancelled': z.strictObject({ sessionId: z.uuid() }),
  'mediation.settled': z.strictObject({ sessionId: z.uuid().optional() }),
  'mediation.failed': z.strictObject({ cause: z.enum(['no_agreement', 'party_absent', 'party_refused', 'deadline_passed', 'other']) }),
  'mediation.withdrawn': z.strictObject({}),
  'agreement.drafted': z.strictObject({ document: DocumentRef, version: z.int().positive() }),
  'agreement.signed': z.strictObject({
    documentId: z.uuid(),
    signer: z.strictObject({ role: z.enum(signerRoles), index: z.int().min(0).max(20).default(0) }),
    method: z.enum(signatureMethods),
    /** Hash of the handwritten signature image as captured. */
    signatureSha256: Sha256,
  }),
  'agreement.completed': z.strictObject({
    /** The signed agreement (调解协议书) as stored: every signature in it. */
    document: DocumentRef,
    effectiveDate: CourtDate,
    /** Last day to apply jointly for judicial confirmation (Civil Procedure Law Art. 205). */
    confirmationApplyBy: CourtDate,
  }),
  'confirmation.applied': z.strictObject({ confirmationCaseId: CaseId, caseNumber: z.string().max(40), rulingDueDate: CourtDate }),
  'confirmation.extended': z.strictObject({ days: z.int().min(1).max(10), newDueDate: CourtDate }),
  'confirmation.confirmed': z.strictObject({ document: DocumentRef }),
  'confirmation.refused': z.strictObject({ document: DocumentRef }),
  'case.filed_as_lawsuit': z.strictObject({
    lawsuitCaseId: CaseId,
    lawsuitCaseNumber: z.string().max(40),
    route: z.enum(lawsuitRoutes),
  }),
  'case.closed': z.strictObject({ cause: z.enum(['performed', 'no_confirmation_wanted', 'not_pursued', 'other']) }),
  /**
   * Back to mediation: either the outcome was recorded in error (it is voided: it stays in the log
   * but no longer counts), or the parties resume after a real outcome (nothing is voided).
   */
  'case.reopened': z.discriminatedUnion('cause', [z.strictObject({ cause: z.literal('recorded_in_error'), voidsEventId: z.uuid() }), z.strictObject({ cause: z.literal('resumed') })]),
  'case.reclassified': z.strictObject({ disputeType: z.enum(disputeTypes) }),
  /** A data correction to an earlier event that does not change the case's state. */
  'event.corrected': z.strictObject({ correctsEventId: z.uuid(), field: Text(60), value: Text(400) }),
  'note.added': z.strictObject({ text: Text(4000) }),
  'room.opened': z.strictObject({ roomId: z.string().max(80), kind: z.enum(roomKinds) }),
  'room.joined': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80) }),
  /** Let in from the waiting room by `by` (a staff username). */
  'room.admitted': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80), by: z.string().max(80) }),
  'room.left': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80) }),
  /** A participant's media did not get through for `seconds` (shared/rooms/mediaState.ts): once per interruption. */
  'room.media.interrupted': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80), seconds: z.int().min(1).max(86_400) }),
  'room.closed': z.strictObject({
    roomId: z.string().max(80),
    minutes: z
      .int()
      .min(0)
      .max(24 * 60),
  }),
  'recording.consented': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80), consented: z.boolean() }),
  /** Someone who may start recording asked; everyone present must consent first. */
  'recording.requested': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80) }),
  /** A participant said no: the recording does not start. */
  'recording.refused': z.strictObject({ roomId: z.string().max(80), role: z.enum(roomRoles), participant: z.string().max(80) }),
  'recording.started': z.strictObject({ roomId: z.string().max(80), recordingId: z.uuid() }),
  /** The recording ended; `sha256` and `size` are of the plain file (kept sealed on the hub). */
  'recording.stopped': z.strictObject({
    roomId: z.string().max(80),
    recordingId: z.uuid(),
    cause: z.enum(recordingStopCauses),
    sha256: Sha256.nullable(),
    size: z.int().min(0),
    seconds: z.int().min(0),
  }),
  /** The retention period passed: the file is gone, this event stays. */
  'recording.deleted': z.strictObject({ roomId: z.string().max(80), recordingId: z.uuid(), cause: z.literal('retention') }),
  'recording.stored': z.strictObject({ roomId: z.string().max(80), document: DocumentRef, seconds: z.int().min(0) }),
  'record.signed': z.strictObject({ roomId: z.string().max(80).optional(), document: DocumentRef }),
  /** A judge opened the room as a hearing (shared/rooms/hearing.ts); recording is asked for at once. */
  'hearing.opened': z.strictObject({ roomId: z.string().max(80), judge: z.string().max(80), judgeName: Name.optional() }),
  /** The judge gave the floor to `to` (null: to nobody, "mute all"), or opened it to everyone (`quiet` false). */
  'floor.given': z.strictObject({ roomId: z.string().max(80), by: z.string().max(80), to: z.string().max(80).nullable(), quiet: z.boolean() }),
  'hearing.closed': z.strictObject({ roomId: z.string().max(80), by: z.string().max(80) }),
} satisfies Record<CaseEventType, z.ZodType>;

export type CaseEventPayload<T extends CaseEventType> = z.infer<(typeof caseEventPayloads)[T]>;

/**
 * Who appended an event: a staff account, a terminal acting for a resident, or the hub by rule.
 * `name` (and a terminal's `siteName`) is how a person reads them, recorded by the hub when the
 * event is appended and hashed with it: a later rename or deletion of the account changes no
 * history. Events appended before the hub recorded names have none.
 */
export const EventActor = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('staff'), username: EntityId, role: z.string().max(40), name: z.string().max(120).optional() }),
  z.strictObject({ kind: z.literal('terminal'), terminalId: EntityId, name: z.string().max(120).optional(), siteName: z.string().max(120).optional() }),
  z.strictObject({ kind: z.literal('system') }),
]);
export type EventActor = z.infer<typeof EventActor>;

/** The envelope every stored event has; `payload` is checked against its type's schema. */
export const CaseEvent = z
  .strictObject({
    eventId: z.uuid(),
    caseId: CaseId,
    caseKind: z.enum(caseKinds),
    /** 1, 2, 3 … per case, no gaps: the append's optimistic-concurrency check. */
    seq: z.int().positive(),
    type: z.enum(caseEventTypes),
    at: Instant,
    actor: EventActor,
    /** Where it happened (the site of the terminal or of the staff member), if known. */
    siteId: EntityId.nullable(),
    reason: Text(1000).nullable(),
    payload: z.unknown(),
  })
  .superRefine((event, ctx) => {
    const parsed = caseEventPayloads[event.type].safeParse(event.payload);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['payload', ...issue.path], message: issue.message });
    }
  });
export type CaseEvent = z.infer<typeof CaseEvent>;

/** Parses one event type's payload (throws a ZodError naming the field on a bad one). */
export function parsePayload<T extends CaseEventType>(type: T, payload: unknown): CaseEventPayload<T> {
  return caseEventPayloads[type].parse(payload) as CaseEventPayload<T>;
}
