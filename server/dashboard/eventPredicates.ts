import { sql, type ExpressionBuilder, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { durationRules, measureRules, type DurationKey, type MeasureKey } from '../../shared/dashboard/measures.js';
import type { DashboardScope } from '../../shared/dashboard/scope.js';
import type { Engine } from '../db/engine.js';
import type { HubDatabase } from '../db/schema.js';

// The measures of shared/dashboard/measures.ts as SQL over `case_events` (aliased `e`): which rows
// a measure counts, what each adds, and the start event a duration is measured from. The recount
// and every drill-down list are built from these, so they count exactly the events the append
// listener counted. A voided event (named by a later `case.reopened` … `voids_event_id`) is left
// out everywhere.

type EventsEb = ExpressionBuilder<HubDatabase & { e: HubDatabase['case_events'] }, 'e'>;

/** A text field of the event's JSON payload. */
export function payloadText(engine: Engine, field: string): RawBuilder<string | null> {
  return engine === 'sqlite' ? sql<string | null>`json_extract(e.payload_json, ${`$.${field}`})` : sql<string | null>`(cast(e.payload_json as jsonb) ->> ${field})`;
}

/** A whole-number field of the event's payload (0 when absent). */
export function payloadInteger(engine: Engine, field: string): RawBuilder<number> {
  return engine === 'sqlite'
    ? sql<number>`coalesce(cast(json_extract(e.payload_json, ${`$.${field}`}) as integer), 0)`
    : sql<number>`coalesce(cast(cast(e.payload_json as jsonb) ->> ${field} as integer), 0)`;
}

/** Whole days from court date `from` to court date `to` (text columns), never negative. */
export function daysBetweenDates(engine: Engine, from: Expression<string>, to: Expression<string>): RawBuilder<number> {
  return engine === 'sqlite' ? sql<number>`max(0, cast(julianday(${to}) - julianday(${from}) as integer))` : sql<number>`greatest(0, cast(${to} as date) - cast(${from} as date))`;
}

export const notVoided = (eb: EventsEb) => eb.not(eb.exists(eb.selectFrom('case_events as v').select(sql.lit(1).as('one')).whereRef('v.voids_event_id', '=', 'e.event_id')));

/** The rows a measure counts (period and scope are added by the caller). */
export function measureWhere(engine: Engine, measure: MeasureKey) {
  const rule = measureRules[measure];
  return (eb: EventsEb): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [eb('e.type', '=', rule.type), eb('e.case_kind', '=', rule.caseKind), notVoided(eb)];
    if (rule.where) parts.push(eb(payloadText(engine, rule.where.field), '=', rule.where.equals));
    return eb.and(parts);
  };
}

/** What one counted row adds. */
export function measureAmount(engine: Engine, measure: MeasureKey): RawBuilder<number> {
  const rule = measureRules[measure];
  return rule.amount ? payloadInteger(engine, rule.amount.field) : sql<number>`1`;
}

/** The rows that end a duration's spans. */
export function durationWhere(duration: DurationKey) {
  const rule = durationRules[duration];
  return (eb: EventsEb): Expression<SqlBool> => eb.and([eb('e.type', 'in', [...rule.types]), eb('e.case_kind', '=', rule.caseKind), notVoided(eb)]);
}

/** The event type whose court day starts a duration's span. */
export const durationStart = (duration: DurationKey): string => durationRules[duration].from;

/** A dimension of the scope as a column of `case_events` (the case's dimensions when it happened). */
export const eventDimensionColumns = {
  siteId: 'e.case_site_id',
  organisationId: 'e.organisation_id',
  mediator: 'e.mediator',
  disputeType: 'e.dispute_type',
  channel: 'e.channel',
} as const;

export function eventScopeWhere(scope: DashboardScope) {
  return (eb: EventsEb): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [];
    for (const [key, column] of Object.entries(eventDimensionColumns) as Array<[keyof DashboardScope, (typeof eventDimensionColumns)[keyof typeof eventDimensionColumns]]>) {
      const value = scope[key];
      if (value !== undefined) parts.push(eb(column, '=', value));
    }
    return eb.and(parts);
  };
}
