import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CaseEvent, EventActor } from '../../shared/cases/caseEvents.js';
import { applyEvent, type CaseFile } from '../../shared/cases/caseFile.js';
import { decide } from '../../shared/cases/caseRules.js';
import type { CaseEventType, CaseKind } from '../../shared/cases/lifecycle.js';
import { courtDay } from '../../shared/courtTime.js';
import { eventDimensions } from '../../shared/dashboard/measures.js';
import type { AppendedEvent, AppendListener } from '../../server/cases/appendListener.js';
import type { DbScope } from '../../server/db/engine.js';
import type { HubDatabase } from '../../server/db/schema.js';

// TEST SUPPORT ONLY — a stand-in for server/cases/caseStore.ts until that store lands, so the
// dashboard's aggregates can be driven through the append-listener contract today. Like the real
// store it appends one event per transaction: reads the case row, checks the event with the
// rulebook's own decide() (system actor), writes the event with the case's dimensions after it
// (shared/dashboard/measures.ts eventDimensions) and the new fold, then calls the listeners with
// the same transaction. It is not a case API: no roles, no numbers, no documents.

export interface AppendInput {
  /** Null opens a new case of `kind` with the kind's opening event. */
  caseId: string | null;
  kind?: CaseKind;
  type: CaseEventType;
  payload: unknown;
  at: string;
  siteId?: string | null;
  actor?: EventActor;
}

export interface CaseEventWriter {
  append(input: AppendInput): Promise<AppendedEvent>;
  /** The fold as stored. */
  caseFile(caseId: string): Promise<CaseFile | null>;
}

const hashOf = (prev: string | null, event: CaseEvent) => createHash('sha256').update(`${prev ?? ''}|${JSON.stringify(event)}`).digest('hex');

export function caseEventWriter(scope: DbScope, listeners: readonly AppendListener[]): CaseEventWriter {
  const readCase = async (db: Kysely<HubDatabase>, caseId: string) => {
    const row = await db.selectFrom('cases').select('file_json').where('case_id', '=', caseId).executeTakeFirst();
    return row ? (JSON.parse(row.file_json) as CaseFile) : null;
  };
  return {
    caseFile: (caseId) => readCase(scope.db, caseId),
    async append(input) {
      return scope.db.transaction().execute(async (trx) => {
        const caseId = input.caseId ?? randomUUID();
        const before = input.caseId ? await readCase(trx, input.caseId) : null;
        if (input.caseId && !before) throw new Error(`no case ${input.caseId}`);
        const kind = before?.kind ?? input.kind ?? 'dispute';
        const actor = input.actor ?? { kind: 'system' };
        if (before) {
          const decision = decide(before, { type: input.type, payload: input.payload, actor, expectedSeq: before.seq }, { today: courtDay(Date.parse(input.at)) });
          if (!decision.ok) throw new Error(`${input.type} refused in ${before.state}: ${decision.refusal.code}`);
        }
        const event: CaseEvent = {
          eventId: randomUUID(),
          caseId,
          caseKind: kind,
          seq: (before?.seq ?? 0) + 1,
          type: input.type,
          at: input.at,
          actor,
          siteId: input.siteId ?? null,
          reason: null,
          payload: input.payload,
        };
        const after = applyEvent(before, event);
        const dims = eventDimensions(after);
        const prev = before
          ? ((await trx.selectFrom('case_events').select('hash').where('case_id', '=', caseId).where('seq', '=', before.seq).executeTakeFirstOrThrow()).hash)
          : null;
        const row = {
          case_id: caseId,
          kind,
          state: after.state,
          seq: after.seq,
          case_number: after.caseNumber,
          dispute_type: after.disputeType,
          channel: after.channel,
          site_id: after.siteId,
          terminal_id: after.terminalId,
          submission_id: after.submissionId,
          provisional_number: after.provisionalNumber,
          organisation_id: after.organisationId,
          mediator: after.mediator,
          received_at: after.receivedAt,
          diverted_on: after.divertedOn,
          mediation_due_date: after.mediationDueDate,
          ruling_due_date: after.rulingDueDate,
          dispute_case_id: after.disputeCaseId,
          confirmation_case_id: after.confirmationCaseId,
          lawsuit_case_id: after.lawsuitCaseId,
          file_json: JSON.stringify(after),
          updated_at: after.updatedAt,
        };
        if (before) await trx.updateTable('cases').set(row).where('case_id', '=', caseId).execute();
        else await trx.insertInto('cases').values(row).execute();
        const reopened = input.type === 'case.reopened' ? (input.payload as { voidsEventId?: string }) : null;
        await trx
          .insertInto('case_events')
          .values({
            event_id: event.eventId,
            case_id: caseId,
            seq: event.seq,
            type: event.type,
            at: event.at,
            court_day: courtDay(Date.parse(event.at)),
            actor_kind: actor.kind,
            actor_id: actor.kind === 'staff' ? actor.username : actor.kind === 'terminal' ? actor.terminalId : null,
            actor_role: actor.kind === 'staff' ? actor.role : null,
            site_id: event.siteId,
            reason: null,
            payload_json: JSON.stringify(event.payload),
            case_kind: kind,
            case_site_id: dims.siteId || null,
            dispute_type: dims.disputeType || null,
            channel: dims.channel || null,
            organisation_id: dims.organisationId || null,
            mediator: dims.mediator || null,
            voids_event_id: reopened?.voidsEventId ?? null,
            prev_hash: prev,
            hash: hashOf(prev, event),
          })
          .execute();
        const appended: AppendedEvent = { event, before, after };
        for (const listener of listeners) await listener(trx, appended);
        return appended;
      });
    },
  };
}
