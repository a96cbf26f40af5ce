import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 14: the dashboard's daily aggregates, kept by the case store's append listener in the same
// transaction as the events (a voided event subtracts what it added). A dimension that does not
// apply is '' (not NULL), so every row has one key and an upsert finds it on both engines.

const dimensions = ['court_day', 'measure', 'site_id', 'organisation_id', 'mediator', 'dispute_type', 'channel'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  for (const [table, extra] of [
    ['daily_counts', []],
    ['daily_durations', ['days']],
  ] as const) {
    let t: CreateTableBuilder<string, string> = db.schema.createTable(table);
    for (const d of dimensions) t = t.addColumn(d, 'text', (c) => c.notNull().defaultTo(''));
    for (const e of extra) t = t.addColumn(e, 'integer', (c) => c.notNull().check(sql`${sql.ref(e)} >= 0`));
    await t
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pkey`, [...dimensions, ...extra])
      .$call(strict(engine))
      .execute();
  }
  await db.schema.createIndex('daily_counts_by_measure_day').on('daily_counts').columns(['measure', 'court_day']).execute();
  await db.schema.createIndex('daily_durations_by_measure_day').on('daily_durations').columns(['measure', 'court_day']).execute();
}
