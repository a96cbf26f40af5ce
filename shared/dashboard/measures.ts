import type { CaseEventType, CaseKind } from '../cases/lifecycle.js';
import type { CaseFile } from '../cases/caseFile.js';
import { daysBetween } from '../cases/deadlines.js';

// What the dashboard counts in the case log, declared once. A *measure* is a count of one kind of
// recorded event (or a sum of one payload number) per court day and per dimension of the case as
// it was when the event happened; a *duration* is a histogram of whole days between two of a
// case's events. The hub's daily aggregates (server/dashboard/aggregates.ts) add these up as
// events are appended; the recount and every drill-down list read the log with the same
// declarations (server/dashboard/eventPredicates.ts turns them into SQL), so a number and the
// events behind it cannot disagree.
//
// Voided events: `case.reopened` with cause `recorded_in_error` names the outcome it voids
// (`voidsEventId`). The voided event stays in the log but no longer counts anywhere: the reopen
// subtracts exactly what the voided event added, on the voided event's own day and dimensions,
// and drill-down lists leave it out. A `case.reopened` with cause `resumed` voids nothing: what
// happened still happened.

export const measureKeys = [
  'received',
  'diverted',
  'filed_directly',
  'settled',
  'failed',
  'withdrawn',
  'confirmation_applied',
  'confirmed',
  'confirmation_refused',
  'filed_as_lawsuit',
  'video_sessions',
  'video_minutes',
] as const;
export type MeasureKey = (typeof measureKeys)[number];

export interface MeasureRule {
  /** The event counted; only on cases of `caseKind` (a confirmation's own 民特 case repeats the ruling). */
  type: CaseEventType;
  caseKind: CaseKind;
  /** Counted only when the payload's `field` equals `equals`. */
  where?: { field: string; equals: string };
  /** What one event adds: 1, or the payload's number `field`. */
  amount?: { field: string };
}

export const measureRules: Record<MeasureKey, MeasureRule> = {
  received: { type: 'case.received', caseKind: 'dispute' },
  diverted: { type: 'case.diverted', caseKind: 'dispute' },
  filed_directly: { type: 'case.filed_directly', caseKind: 'dispute' },
  settled: { type: 'mediation.settled', caseKind: 'dispute' },
  failed: { type: 'mediation.failed', caseKind: 'dispute' },
  withdrawn: { type: 'mediation.withdrawn', caseKind: 'dispute' },
  confirmation_applied: { type: 'confirmation.applied', caseKind: 'dispute' },
  confirmed: { type: 'confirmation.confirmed', caseKind: 'dispute' },
  confirmation_refused: { type: 'confirmation.refused', caseKind: 'dispute' },
  filed_as_lawsuit: { type: 'case.filed_as_lawsuit', caseKind: 'dispute' },
  video_sessions: { type: 'session.held', caseKind: 'dispute', where: { field: 'mode', equals: 'video' } },
  video_minutes: { type: 'session.held', caseKind: 'dispute', where: { field: 'mode', equals: 'video' }, amount: { field: 'minutes' } },
};

export const durationKeys = ['receipt_to_diversion', 'diversion_to_outcome'] as const;
export type DurationKey = (typeof durationKeys)[number];

export interface DurationRule {
  /** The events that end the span (counted on their day, with their dimensions). */
  types: readonly CaseEventType[];
  caseKind: CaseKind;
  /** The case's event the span starts at: its court day is the start. A case without it has no span. */
  from: CaseEventType;
}

export const durationRules: Record<DurationKey, DurationRule> = {
  receipt_to_diversion: { types: ['case.diverted'], caseKind: 'dispute', from: 'case.received' },
  diversion_to_outcome: { types: ['mediation.settled', 'mediation.failed', 'mediation.withdrawn'], caseKind: 'dispute', from: 'case.diverted' },
};

/** The dimensions a figure can be scoped by; '' where one does not apply (not yet assigned, none). */
export interface EventDimensions {
  siteId: string;
  organisationId: string;
  mediator: string;
  disputeType: string;
  channel: string;
}
export const dimensionKeys = ['siteId', 'organisationId', 'mediator', 'disputeType', 'channel'] as const satisfies ReadonlyArray<keyof EventDimensions>;
export type DimensionKey = (typeof dimensionKeys)[number];

/**
 * The dimensions an event is counted under: the case as it stands once the event is applied (so a
 * diversion counts under the organisation it diverts to). The case store writes these into the
 * event's row; they never change afterwards, so a case reassigned or reclassified later keeps its
 * earlier events where they were counted.
 */
export function eventDimensions(after: Pick<CaseFile, 'siteId' | 'organisationId' | 'mediator' | 'disputeType' | 'channel'>): EventDimensions {
  return {
    siteId: after.siteId ?? '',
    organisationId: after.organisationId ?? '',
    mediator: after.mediator ?? '',
    disputeType: after.disputeType,
    channel: after.channel ?? '',
  };
}

/** What the rules need to know of one stored event. */
export interface CountedEvent {
  type: string;
  caseKind: string;
  payload: unknown;
  courtDay: string;
}

/** The case's start days a duration reads (court days of its receipt and of its diversion). */
export interface SpanStarts {
  receivedDay: string | null;
  divertedDay: string | null;
}

export interface Contribution {
  counts: Array<{ measure: MeasureKey; n: number }>;
  durations: Array<{ measure: DurationKey; days: number }>;
}

const payloadField = (payload: unknown, field: string): unknown => (payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>)[field] : undefined);

export function matchesMeasure(rule: MeasureRule, e: Pick<CountedEvent, 'type' | 'caseKind' | 'payload'>): boolean {
  if (e.type !== rule.type || e.caseKind !== rule.caseKind) return false;
  return !rule.where || payloadField(e.payload, rule.where.field) === rule.where.equals;
}

function amountOf(rule: MeasureRule, payload: unknown): number {
  if (!rule.amount) return 1;
  const value = payloadField(payload, rule.amount.field);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

const startOf: Record<string, keyof SpanStarts> = { 'case.received': 'receivedDay', 'case.diverted': 'divertedDay' };

/** Everything one event adds to the daily aggregates (a voided event takes the same away). */
export function contributionOf(e: CountedEvent, starts: SpanStarts): Contribution {
  const counts: Contribution['counts'] = [];
  for (const measure of measureKeys) {
    const rule = measureRules[measure];
    if (matchesMeasure(rule, e)) counts.push({ measure, n: amountOf(rule, e.payload) });
  }
  const durations: Contribution['durations'] = [];
  for (const measure of durationKeys) {
    const rule = durationRules[measure];
    if (e.caseKind !== rule.caseKind || !rule.types.includes(e.type as CaseEventType)) continue;
    const start = starts[startOf[rule.from]!];
    if (start !== null) durations.push({ measure, days: Math.max(0, daysBetween(start, e.courtDay)) });
  }
  return { counts, durations };
}

/** The start days of a case's spans, from its fold. */
export function spanStartsOf(c: Pick<CaseFile, 'receivedAt' | 'divertedOn'> | null, courtDayOf: (iso: string) => string): SpanStarts {
  return { receivedDay: c ? courtDayOf(c.receivedAt) : null, divertedDay: c?.divertedOn ?? null };
}
