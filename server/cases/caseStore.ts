import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import { caseEventPayloads, CaseEvent as CaseEventSchema, type CaseEvent, type EventActor } from '../../shared/cases/caseEvents.js';
import { applyEvent, type CaseFile } from '../../shared/cases/caseFile.js';
import { formatCaseNumber, typeCodeOfKind, caseTypeCodes, type CaseTypeCode } from '../../shared/cases/caseNumber.js';
import { decide, decideOpening, precheck, type Decision, type DecisionContext, type Proposal, type Refusal } from '../../shared/cases/caseRules.js';
import { openingEvent, type CaseEventType, type CaseKind } from '../../shared/cases/lifecycle.js';
import { courtDay, courtYear } from '../../shared/courtTime.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { insertTemplate, queryTemplate } from '../db/queryTemplate.js';
import type { CaseEventsTable, HubDatabase } from '../db/schema.js';
import { namedActor, namedDetails } from './actorNames.js';
import type { AppendedEvent, AppendListener } from './appendListener.js';
import { eventHash } from './eventChain.js';

// The only writer of `cases` and `case_events` (server/DATA.md "Appending events"). An append runs
// in one transaction: read the case row (PostgreSQL: SELECT … FOR UPDATE, so two staff acting on
// one case queue; SQLite runs one transaction at a time anyway), ask `decide()`, allocate the case
// number the event carries (from `case_number_serials`, in this transaction: a rollback returns
// it, so serials have no gaps and never repeat), write the event with its hash chained to the one
// before (its actor, and whoever its details name, named as a person reads them, ./actorNames.ts), write the new fold with the
// event's dimensions, then call every append listener with the same transaction. Nothing here updates or deletes an event; corrections are new events.

/** Thrown when the rules refuse an event; carries the case as it is now (null when opening). */
export class CaseRefusal extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly current: CaseFile | null,
  ) {
    super(`case event refused: ${refusal.code}`);
    this.name = 'CaseRefusal';
  }
}

export class CaseNotFound extends Error {
  constructor(readonly caseId: string) {
    super(`no case ${caseId}`);
    this.name = 'CaseNotFound';
  }
}

/** An event as proposed to the store: the proposal `decide()` judges, and where and why. */
export interface AppendProposal extends Proposal {
  reason?: string | null;
  /** The actor's names are already filled in, from this transaction (./actorNames.ts): not looked up again. */
  actorNamed?: boolean;
  /** Where it happened (the actor's site), if known. */
  siteId?: string | null;
}

/** A stored event with its place in the hash chain. */
export interface StoredEvent {
  event: CaseEvent;
  voidsEventId: string | null;
  prevHash: string | null;
  hash: string;
}

/** Events that carry a case number the hub allocates, and its type code. */
const numbered: Partial<Record<CaseEventType, CaseTypeCode>> = {
  'case.diverted': caseTypeCodes.preLitigationMediation,
  'confirmation.opened': typeCodeOfKind.confirmation,
  'lawsuit.opened': typeCodeOfKind.lawsuit,
};

function refuseUnless(decision: Decision, current: CaseFile | null): void {
  if (!decision.ok) throw new CaseRefusal(decision.refusal, current);
}

type ActorColumns = Pick<Selectable<CaseEventsTable>, 'actor_kind' | 'actor_id' | 'actor_role' | 'actor_name' | 'actor_site_name'>;

function actorColumns(actor: EventActor): ActorColumns {
  if (actor.kind === 'staff') return { actor_kind: 'staff', actor_id: actor.username, actor_role: actor.role, actor_name: actor.name ?? null, actor_site_name: null };
  if (actor.kind === 'terminal') return { actor_kind: 'terminal', actor_id: actor.terminalId, actor_role: null, actor_name: actor.name ?? null, actor_site_name: actor.siteName ?? null };
  return { actor_kind: 'system', actor_id: null, actor_role: null, actor_name: null, actor_site_name: null };
}

// A name absent (null) stays absent: the event hashed then had no such key.
function actorOf(row: ActorColumns): EventActor {
  const name = row.actor_name === null ? {} : { name: row.actor_name };
  if (row.actor_kind === 'staff') return { kind: 'staff', username: row.actor_id ?? '', role: row.actor_role ?? '', ...name };
  if (row.actor_kind === 'terminal') return { kind: 'terminal', terminalId: row.actor_id ?? '', ...name, ...(row.actor_site_name === null ? {} : { siteName: row.actor_site_name }) };
  return { kind: 'system' };
}

export function storedEvent(row: Selectable<CaseEventsTable>): StoredEvent {
  return {
    event: {
      eventId: row.event_id,
      caseId: row.case_id,
      caseKind: row.case_kind as CaseKind,
      seq: row.seq,
      type: row.type as CaseEventType,
      at: row.at,
      actor: actorOf(row),
      siteId: row.site_id,
      reason: row.reason,
      payload: JSON.parse(row.payload_json) as unknown,
    },
    voidsEventId: row.voids_event_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function foldColumns(c: CaseFile) {
  return {
    kind: c.kind,
    state: c.state,
    seq: c.seq,
    case_number: c.caseNumber,
    dispute_type: c.disputeType,
    channel: c.channel,
    site_id: c.siteId,
    terminal_id: c.terminalId,
    submission_id: c.submissionId,
    provisional_number: c.provisionalNumber,
    organisation_id: c.organisationId,
    mediator: c.mediator,
    received_at: c.receivedAt,
    diverted_on: c.divertedOn,
    mediation_due_date: c.mediationDueDate,
    ruling_due_date: c.rulingDueDate,
    dispute_case_id: c.disputeCaseId,
    confirmation_case_id: c.confirmationCaseId,
    lawsuit_case_id: c.lawsuitCaseId,
    file_json: JSON.stringify(c),
    updated_at: c.updatedAt,
  };
}

// The append path's queries, compiled once (../db/queryTemplate.ts): every intake runs them.
const insertCase = insertTemplate('cases', ['case_id', ...(Object.keys(foldColumns({} as CaseFile)) as Array<keyof ReturnType<typeof foldColumns>>)]);
const insertEvent = insertTemplate('case_events', [
  'event_id',
  'case_id',
  'seq',
  'type',
  'at',
  'court_day',
  'actor_kind',
  'actor_id',
  'actor_role',
  'site_id',
  'reason',
  'payload_json',
  'case_kind',
  'case_site_id',
  'dispute_type',
  'channel',
  'organisation_id',
  'mediator',
  'voids_event_id',
  'prev_hash',
  'hash',
  'actor_name',
  'actor_site_name',
]);
const hashAt = queryTemplate((db, k: { caseId: string; seq: number }) => db.selectFrom('case_events').select('hash').where('case_id', '=', k.caseId).where('seq', '=', k.seq));

export interface CaseStoreOptions {
  now: () => Date;
  /** The court code in case numbers, e.g. 甘0103. */
  courtCode: string;
}

export type CaseStore = ReturnType<typeof caseStore>;

export function caseStore(opts: CaseStoreOptions) {
  const listeners: AppendListener[] = [];

  async function load(scope: DbScope, caseId: string, lock: boolean): Promise<CaseFile | null> {
    let q = scope.db.selectFrom('cases').select(['file_json']).where('case_id', '=', caseId);
    if (lock && scope.engine === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    return row ? (JSON.parse(row.file_json) as CaseFile) : null;
  }

  async function allocate(scope: DbScope, typeCode: CaseTypeCode, at: Date): Promise<string> {
    const year = courtYear(at);
    const row = await scope.db
      .insertInto('case_number_serials')
      .values({ court_code: opts.courtCode, year, type_code: typeCode, last_serial: 1 })
      .onConflict((oc) => oc.columns(['court_code', 'year', 'type_code']).doUpdateSet((eb) => ({ last_serial: eb('case_number_serials.last_serial', '+', 1) })))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return formatCaseNumber({ year, courtCode: opts.courtCode, typeCode, serial: row.last_serial });
  }

  /** Writes one decided event and the fold it gives, then tells the listeners. */
  async function write(trx: DbScope, before: CaseFile | null, kind: CaseKind, caseId: string, p: AppendProposal, payload: unknown, at: Date): Promise<AppendedEvent> {
    const prev = before ? (await hashAt(trx, { caseId, seq: before.seq }))[0] : null;
    if (before && !prev) throw new Error(`case ${caseId}: event ${before.seq} is not in the log`);
    // Round-trip through JSON so the hashed event is exactly what reading it back gives.
    const event = JSON.parse(
      JSON.stringify({
        eventId: randomUUID(),
        caseId,
        caseKind: kind,
        seq: (before?.seq ?? 0) + 1,
        type: p.type,
        at: at.toISOString(),
        actor: p.actorNamed ? p.actor : await namedActor(trx, p.actor),
        siteId: p.siteId ?? null,
        reason: p.reason ?? null,
        payload: await namedDetails(trx, p.type, payload),
      }),
    ) as CaseEvent;
    CaseEventSchema.parse(event);
    const after = applyEvent(before, event);
    const hash = eventHash(prev?.hash ?? null, event);
    if (before) await trx.db.updateTable('cases').set(foldColumns(after)).where('case_id', '=', caseId).execute();
    else await insertCase(trx, [{ case_id: caseId, ...foldColumns(after) }]);
    const voids = p.type === 'case.reopened' ? ((payload as { voidsEventId?: string }).voidsEventId ?? null) : null;
    await insertEvent(trx, [
      {
        event_id: event.eventId,
        case_id: caseId,
        seq: event.seq,
        type: event.type,
        at: event.at,
        court_day: courtDay(at.getTime()),
        ...actorColumns(event.actor),
        site_id: event.siteId,
        reason: event.reason,
        payload_json: JSON.stringify(event.payload),
        case_kind: kind,
        case_site_id: after.siteId,
        dispute_type: after.disputeType,
        channel: after.channel,
        organisation_id: after.organisationId,
        mediator: after.mediator,
        voids_event_id: voids,
        prev_hash: prev?.hash ?? null,
        hash,
      },
    ]);
    const appended: AppendedEvent = { event, before, after };
    for (const listener of listeners) await listener(trx.db as Transaction<HubDatabase>, appended);
    return appended;
  }

  /** The payload as it will be stored: parsed (defaults applied), with its case number allocated. */
  async function completePayload(trx: DbScope, type: CaseEventType, payload: unknown, at: Date): Promise<unknown> {
    const typeCode = numbered[type];
    if (!typeCode || payload === null || typeof payload !== 'object') return payload;
    return { ...payload, caseNumber: await allocate(trx, typeCode, at) };
  }

  const parseStored = (type: CaseEventType, payload: unknown) => caseEventPayloads[type].parse(payload) as unknown;

  return {
    /** Registers a listener called inside every append's transaction (composition only). */
    onAppend(listener: AppendListener): () => void {
      listeners.push(listener);
      return () => void listeners.splice(listeners.indexOf(listener), 1);
    },

    /** The case, or null; `lock` takes its row lock (PostgreSQL) for the rest of the transaction. */
    load: (scope: DbScope, caseId: string, lock = false) => load(scope, caseId, lock),

    /**
     * Opens a new case of `kind` with its opening event (a case number is allocated for 民特 and
     * 民初 cases). Throws CaseRefusal if the rules refuse it.
     */
    async open(scope: DbScope, kind: CaseKind, p: AppendProposal, ctx: DecisionContext): Promise<AppendedEvent> {
      const type = openingEvent[kind];
      return inTransaction(scope, async (trx) => {
        const at = opts.now();
        const proposal = { ...p, type };
        // Refused before a number is allocated (a placeholder stands in for it): nothing to undo.
        const placeholder = numbered[type] && proposal.payload && typeof proposal.payload === 'object' ? { ...proposal.payload, caseNumber: '-' } : proposal.payload;
        refuseUnless(decideOpening(kind, { ...proposal, payload: placeholder }, { ...ctx, siteId: p.siteId ?? null }), null);
        const payload = await completePayload(trx, type, proposal.payload, at);
        refuseUnless(decideOpening(kind, { ...proposal, payload }, { ...ctx, siteId: p.siteId ?? null }), null);
        return write(trx, null, kind, randomUUID(), proposal, parseStored(type, payload), at);
      });
    },

    /** Appends one event to a case. Throws CaseNotFound, or CaseRefusal with the case as it is now. */
    async append(scope: DbScope, caseId: string, p: AppendProposal, ctx: DecisionContext): Promise<AppendedEvent> {
      return inTransaction(scope, async (trx) => {
        const before = await load(trx, caseId, true);
        if (!before) throw new CaseNotFound(caseId);
        refuseUnless(precheck(before, p, ctx), before);
        const at = opts.now();
        const payload = await completePayload(trx, p.type, p.payload, at);
        refuseUnless(decide(before, { ...p, payload }, { ...ctx, now: ctx.now ?? at.toISOString() }), before);
        return write(trx, before, before.kind, caseId, p, parseStored(p.type, payload), at);
      });
    },

    /** A case's events in order, with their hashes. */
    async events(scope: DbScope, caseId: string): Promise<StoredEvent[]> {
      const rows = await scope.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
      return rows.map(storedEvent);
    },

    /** One stored event by id (null if none, or of another case). */
    async event(scope: DbScope, caseId: string, eventId: string): Promise<StoredEvent | null> {
      const row = await scope.db.selectFrom('case_events').selectAll().where('event_id', '=', eventId).where('case_id', '=', caseId).executeTakeFirst();
      return row ? storedEvent(row) : null;
    },

    /** The dispute case of an intake. */
    async bySubmission(scope: DbScope, submissionId: string): Promise<CaseFile | null> {
      const row = await scope.db.selectFrom('cases').select('file_json').where('submission_id', '=', submissionId).executeTakeFirst();
      return row ? (JSON.parse(row.file_json) as CaseFile) : null;
    },

    /** The dispute cases of many intakes at once (a listing), by submission id; intakes without a case are absent. */
    async bySubmissions(scope: DbScope, submissionIds: readonly string[]): Promise<Map<string, CaseFile>> {
      if (submissionIds.length === 0) return new Map();
      const rows = await scope.db.selectFrom('cases').select(['submission_id', 'file_json']).where('submission_id', 'in', submissionIds).execute();
      return new Map(rows.map((r) => [r.submission_id!, JSON.parse(r.file_json) as CaseFile]));
    },

    /** Dispute cases whose provisional number reads as `key` (shared/caseStatus.ts provisionalKey). */
    async byProvisionalKey(scope: DbScope, key: string): Promise<CaseFile[]> {
      const rows = await scope.db
        .selectFrom('cases')
        .select('file_json')
        .where('kind', '=', 'dispute')
        .where((eb) => eb(eb.fn('replace', [eb.fn('replace', [eb.fn('upper', ['provisional_number']), eb.val('-'), eb.val('')]), eb.val('_'), eb.val('')]), '=', key))
        .execute();
      return rows.map((r) => JSON.parse(r.file_json) as CaseFile);
    },

    /** The cases of `kind` in `state`, oldest first (a sweep over cases waiting for something). */
    async inState(scope: DbScope, kind: CaseKind, state: string): Promise<CaseFile[]> {
      const rows = await scope.db.selectFrom('cases').select('file_json').where('state', '=', state).where('kind', '=', kind).orderBy('received_at').orderBy('case_id').execute();
      return rows.map((r) => JSON.parse(r.file_json) as CaseFile);
    },

    /** Every case id (verification: rebuild and chain checks). */
    async caseIds(scope: DbScope): Promise<string[]> {
      return (await scope.db.selectFrom('cases').select('case_id').orderBy('case_id').execute()).map((r) => r.case_id);
    },
  };
}
