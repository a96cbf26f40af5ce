import { z } from 'zod';
import { caseEventPayloads, EntityId } from './caseEvents.js';
import { MEDIATION_EXTENSION_MAX_DAYS, RULING_EXTENSION_DAYS } from './deadlines.js';
import { caseEventTypes, openingEvent, type CaseEventType } from './lifecycle.js';

// What staff send to act on a case (POST /api/v1/cases/:id/events `{ type, payload, reason,
// expectedSeq }`), per event type. It is the event's payload (./caseEvents.ts) less what the court
// decides by rule, which the hub fills in before `decide()` sees the event: case numbers (allocated
// in the same transaction), due dates, linked cases it opens, session ids, and a document's hash and
// size (staff name a document uploaded to the case; the hub reads what was stored). Opening events
// are not commands: a case is entered with POST /api/v1/cases, and linked cases (民特, 民初) are
// opened by the action that needs them.

/** A document already uploaded to this case (POST /api/v1/cases/:id/documents). */
const DocumentChoice = z.strictObject({ documentId: z.uuid() });
const p = caseEventPayloads;

export const caseCommands = {
  'case.diverted': z.strictObject({
    organisationId: EntityId,
    mediator: EntityId.optional(),
    consent: p['case.diverted'].shape.consent,
  }),
  'case.filed_directly': p['case.filed_directly'].pick({ reason: true }),
  'mediator.assigned': z.strictObject({ mediator: EntityId, organisationId: EntityId.optional() }),
  'mediation.extended': z.strictObject({
    days: z.int().min(1).max(MEDIATION_EXTENSION_MAX_DAYS),
    agreedBy: p['mediation.extended'].shape.agreedBy,
  }),
  'session.scheduled': p['session.scheduled'].omit({ sessionId: true, siteName: true }),
  /** A video session names the call it was held on: a call record of this case, answered by a mediator. */
  'session.held': p['session.held'].omit({ mode: true }),
  'session.cancelled': p['session.cancelled'],
  'mediation.settled': p['mediation.settled'],
  'mediation.failed': p['mediation.failed'],
  'mediation.withdrawn': p['mediation.withdrawn'],
  'agreement.drafted': DocumentChoice,
  'agreement.signed': p['agreement.signed'],
  'agreement.completed': DocumentChoice,
  'confirmation.applied': z.strictObject({}),
  'confirmation.extended': z.strictObject({ days: z.int().min(1).max(RULING_EXTENSION_DAYS).default(RULING_EXTENSION_DAYS) }),
  'confirmation.confirmed': DocumentChoice,
  'confirmation.refused': DocumentChoice,
  'case.filed_as_lawsuit': z.strictObject({}),
  'case.closed': p['case.closed'],
  'case.reopened': p['case.reopened'],
  'case.reclassified': p['case.reclassified'],
  'event.corrected': p['event.corrected'],
  'note.added': p['note.added'],
  'room.opened': p['room.opened'],
  'room.joined': p['room.joined'],
  'room.admitted': p['room.admitted'],
  'room.left': p['room.left'],
  'room.closed': p['room.closed'],
  'recording.consented': p['recording.consented'],
  'recording.stored': p['recording.stored'].omit({ document: true }).extend({ documentId: z.uuid() }),
  'record.signed': p['record.signed'].omit({ document: true }).extend({ documentId: z.uuid() }),
} satisfies Partial<Record<CaseEventType, z.ZodType>>;

export type CommandType = keyof typeof caseCommands;
export type CaseCommand<T extends CommandType> = z.infer<(typeof caseCommands)[T]>;

const openings = new Set<string>(Object.values(openingEvent));
/** Every event type staff can ask for through the API: all but the opening events. */
export const commandTypes = caseEventTypes.filter((t) => !openings.has(t)) as CommandType[];

export const CaseActionRequest = z.strictObject({
  type: z.enum(commandTypes as [CommandType, ...CommandType[]]),
  payload: z.unknown(),
  /** Why (shown in the timeline and kept in the event). */
  reason: z.string().trim().min(1).max(1000).nullable().optional(),
  /** The seq of the last event the caller saw; another seq now means someone acted first (409 STALE_CASE). */
  expectedSeq: z.int().positive(),
});
export type CaseActionRequest = z.infer<typeof CaseActionRequest>;

/** The command's own schema for `type` (the request's payload is parsed with it). */
export function commandSchema(type: CommandType): z.ZodType {
  return caseCommands[type];
}
