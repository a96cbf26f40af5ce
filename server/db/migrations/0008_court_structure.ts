import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { floatType, oneOf, strict } from './engineDdl.js';

// 8: the court's structure (server/DATA.md "Court structure and people"). Sites (the court's hall,
// tribunals, township centres, community grid points) and mediation organisations; staff get the
// roles of shared/staff/roles.ts (the existing 'admin' becomes 'court_admin'), an organisation
// (mediators), a site (counter staff) and an active flag; terminals get a site, a kind, and the
// times they were retired or their credential revoked. Lists below are written out, not imported:
// a later change to the roles is a later migration.

const staffRoles = ['court_admin', 'filing_clerk', 'judge', 'judge_assistant', 'mediator', 'counter_staff', 'dashboard_viewer'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('sites')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['court', 'tribunal', 'centre', 'grid'])))
    .addColumn('parent_site_id', 'text', (c) => c.references('sites.site_id'))
    .addColumn('map_x', floatType(engine), (c) => c.check(sql`map_x between 0 and 1`))
    .addColumn('map_y', floatType(engine), (c) => c.check(sql`map_y between 0 and 1`))
    .addColumn('active', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`active in (0, 1)`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['people', 'industry', 'invited', 'court'])))
    .addColumn('site_id', 'text', (c) => c.references('sites.site_id'))
    .addColumn('active', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`active in (0, 1)`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  if (engine === 'postgres') {
    await sql`alter table staff drop constraint staff_role_check`.execute(db);
    await sql`update staff set role = 'court_admin' where role = 'admin'`.execute(db);
    await db.schema
      .alterTable('staff')
      .alterColumn('role', (c) => c.dropDefault())
      .execute();
    await db.schema.alterTable('staff').addCheckConstraint('staff_role_check', oneOf('role', staffRoles)).execute();
    await db.schema
      .alterTable('staff')
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.organisation_id'))
      .execute();
    await db.schema
      .alterTable('staff')
      .addColumn('site_id', 'text', (c) => c.references('sites.site_id'))
      .execute();
    await db.schema
      .alterTable('staff')
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .execute();
  } else {
    // SQLite cannot change a CHECK in place: the table is copied. staff_sessions and call_records
    // refer to "staff" by name, so the old table is dropped (not renamed, which would rewrite those
    // references) and a new one created under the same name. Foreign keys are checked at commit:
    // every session and call record must find its staff member in the new table.
    await sql`pragma defer_foreign_keys = on`.execute(db);
    await sql`create table staff_v7 as select * from staff`.execute(db);
    await sql`drop table staff`.execute(db);
    await db.schema
      .createTable('staff')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', staffRoles)))
      .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('organisation_id', 'text', (c) => c.references('organisations.organisation_id'))
      .addColumn('site_id', 'text', (c) => c.references('sites.site_id'))
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .$call(strict(engine))
      .execute();
    await sql`insert into staff (username, password_hash, created_at, role, display_name)
      select username, password_hash, created_at, case role when 'admin' then 'court_admin' else role end, display_name
      from staff_v7`.execute(db);
    await sql`drop table staff_v7`.execute(db);
  }

  await db.schema
    .alterTable('terminals')
    .addColumn('site_id', 'text', (c) => c.references('sites.site_id'))
    .execute();
  await db.schema
    .alterTable('terminals')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('kiosk')
        .check(oneOf('kind', ['kiosk', 'counter', 'guidance'])),
    )
    .execute();
  await db.schema.alterTable('terminals').addColumn('retired_at', 'text').execute();
  await db.schema.alterTable('terminals').addColumn('revoked_at', 'text').execute();
  await db.schema.createIndex('terminals_by_site').on('terminals').column('site_id').execute();
  await db.schema.createIndex('staff_by_organisation').on('staff').column('organisation_id').execute();
}
