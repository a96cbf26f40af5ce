import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { appendOnly, oneOf, strict } from './engineDdl.js';

// 11: cases as events (server/DATA.md "Cases"; rules in shared/cases/). `case_events` is the
// append-only log (the database refuses UPDATE and DELETE), one row per event with seq unique per
// case and the case's dimensions as they were when it happened; `cases` is the fold of each
// case's events, written in the same transaction as they are. Parties and the application are
// kept apart from both, their personal data sealed with the hub's data key and found by blind
// indexes.

const caseKinds = ['dispute', 'confirmation', 'lawsuit'];
const partyRoles = ['applicant', 'respondent', 'agent', 'third_party'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', caseKinds)))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq > 0`))
    .addColumn('case_number', 'text', (c) => c.unique())
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.check(oneOf('channel', ['kiosk', 'counter', 'court'])))
    .addColumn('site_id', 'text', (c) => c.references('sites.site_id'))
    .addColumn('terminal_id', 'text', (c) => c.references('terminals.terminal_id'))
    .addColumn('submission_id', 'text', (c) => c.unique()) // one dispute case per intake
    .addColumn('provisional_number', 'text')
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.organisation_id'))
    .addColumn('mediator', 'text', (c) => c.references('staff.username'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('diverted_on', 'text')
    .addColumn('mediation_due_date', 'text')
    .addColumn('ruling_due_date', 'text')
    .addColumn('dispute_case_id', 'text', (c) => c.references('cases.case_id'))
    .addColumn('confirmation_case_id', 'text', (c) => c.references('cases.case_id'))
    .addColumn('lawsuit_case_id', 'text', (c) => c.references('cases.case_id'))
    .addColumn('file_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('cases_by_state_due').on('cases').columns(['state', 'mediation_due_date']).execute();
  await db.schema.createIndex('cases_by_organisation_state').on('cases').columns(['organisation_id', 'state']).execute();
  await db.schema.createIndex('cases_by_site_received').on('cases').columns(['site_id', 'received_at']).execute();
  await db.schema.createIndex('cases_by_provisional_number').on('cases').column('provisional_number').execute();

  await db.schema
    .createTable('case_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq > 0`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('court_day', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(oneOf('actor_kind', ['staff', 'terminal', 'system'])))
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('site_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    // the case's dimensions when it happened: counts never move when a case is reassigned later
    .addColumn('case_kind', 'text', (c) => c.notNull().check(oneOf('case_kind', caseKinds)))
    .addColumn('case_site_id', 'text')
    .addColumn('dispute_type', 'text')
    .addColumn('channel', 'text')
    .addColumn('organisation_id', 'text')
    .addColumn('mediator', 'text')
    .addColumn('voids_event_id', 'text', (c) => c.references('case_events.event_id'))
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_events_case_seq', ['case_id', 'seq'])
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('case_events_by_day_type').on('case_events').columns(['court_day', 'type']).execute();
  await appendOnly(db, engine, 'case_events');

  await db.schema
    .createTable('case_parties')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
    .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', partyRoles)))
    .addColumn('idx', 'integer', (c) => c.notNull().check(sql`idx >= 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['person', 'organisation'])))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_sealed', 'text')
    .addColumn('id_number_index', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('address_sealed', 'text')
    .addPrimaryKeyConstraint('case_parties_pkey', ['case_id', 'role', 'idx'])
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('case_parties_by_id_number').on('case_parties').column('id_number_index').execute();
  await db.schema.createIndex('case_parties_by_phone').on('case_parties').column('phone_index').execute();

  await db.schema
    .createTable('case_applications')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.case_id'))
    .addColumn('application_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
