import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 15: what the command centre reads fast (server/DATA.md "Dashboard"). Monthly rollups of the
// daily aggregates by the dimensions a court-wide or site question uses (site, dispute type,
// channel), kept by the same append listener in the same transaction: a year is then twelve
// months of a few thousand rows instead of every day's rows by mediator. Indexes for the
// questions scoped to an organisation or a mediator, for drill-down lists by event type, and for
// finding the event a correction voids. Early warnings of dispute surges, with the rule that
// raised them and their acknowledgement.

const monthlyDimensions = ['month', 'measure', 'site_id', 'dispute_type', 'channel'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  for (const [table, extra] of [
    ['monthly_counts', []],
    ['monthly_durations', ['days']],
  ] as const) {
    let t: CreateTableBuilder<string, string> = db.schema.createTable(table);
    for (const d of monthlyDimensions) t = t.addColumn(d, 'text', (c) => c.notNull().defaultTo(''));
    for (const e of extra) t = t.addColumn(e, 'integer', (c) => c.notNull().check(sql`${sql.ref(e)} >= 0`));
    await t
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pkey`, [...monthlyDimensions, ...extra])
      .$call(strict(engine))
      .execute();
  }
  for (const table of ['daily_counts', 'daily_durations']) {
    await db.schema.createIndex(`${table}_by_organisation`).on(table).columns(['organisation_id', 'measure', 'court_day']).execute();
    await db.schema.createIndex(`${table}_by_mediator`).on(table).columns(['mediator', 'measure', 'court_day']).execute();
  }
  await db.schema.createIndex('case_events_by_type_day').on('case_events').columns(['type', 'court_day']).execute();
  await db.schema.createIndex('case_events_by_voided').on('case_events').column('voids_event_id').execute();

  await db.schema
    .createTable('trend_warnings')
    .addColumn('warning_id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    /** Monday of the court week that surged. */
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('baseline', engine === 'sqlite' ? 'real' : 'double precision', (c) => c.notNull())
    .addColumn('upper_limit', 'integer', (c) => c.notNull())
    /** shared/dashboard/earlyWarning.ts: the rule's name and parameters when it fired. */
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(oneOf('status', ['open', 'acknowledged'])),
    )
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('trend_warnings_one_per_week', ['site_id', 'dispute_type', 'week_start'])
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('trend_warnings_by_status').on('trend_warnings').columns(['status', 'week_start']).execute();
}
